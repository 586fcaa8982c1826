import { builder } from '../builder';
import { DeclaredGroupEnum, WorkTimeEnum } from './enums';

export const SkillInput = builder.inputType('SkillInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    certificateLevel: t.int({ required: false, description: '1 (senior technician) to 5 (beginner).' }),
  }),
});

export const JobIntentionInput = builder.inputType('JobIntentionInput', {
  fields: (t) => ({
    occupations: t.stringList({ required: false, defaultValue: [] }),
    keywords: t.stringList({ required: false, defaultValue: [] }),
    districtCodes: t.stringList({ required: false, defaultValue: [] }),
    minMonthlyWage: t.int({ required: false }),
    workTime: t.field({ type: WorkTimeEnum, required: false, defaultValue: 'EITHER' }),
  }),
});

export const GroupDeclarationInput = builder.inputType('GroupDeclarationInput', {
  fields: (t) => ({
    group: t.field({ type: DeclaredGroupEnum, required: true }),
    evidence: t.string({ required: true, description: 'What was seen: a disability certificate number, a poverty file, …' }),
  }),
});
