import type { createHubBuilder } from './builder';

/** A person's skill and job intention as the residents service shapes them. */
export interface SkillFacts {
  name: string;
  certificateLevel: number | null;
}

export interface JobIntentionFacts {
  occupations: string[];
  keywords: string[];
  districtCodes: string[];
  minMonthlyWage: number | null;
  workTime: 'FULL_TIME' | 'PART_TIME' | 'EITHER';
}

/**
 * The residents service's value types `Skill` and `JobIntention`, for services that read them
 * through `@requires` (matching in employers, recommendations in training): defined once here,
 * shareable, field for field as the residents service defines them.
 */
export function residentValueTypes<B extends { objectRef: Function }>(builder: B) {
  const b = builder as unknown as ReturnType<typeof createHubBuilder>;
  const WorkTimeEnum = b.enumType('WorkTime', { values: ['FULL_TIME', 'PART_TIME', 'EITHER'] as const });
  const SkillRef = b.objectRef<SkillFacts>('Skill').implement({
    shareable: true,
    fields: (t) => ({ name: t.exposeString('name'), certificateLevel: t.exposeInt('certificateLevel', { nullable: true }) }),
  });
  const JobIntentionRef = b.objectRef<JobIntentionFacts>('JobIntention').implement({
    shareable: true,
    fields: (t) => ({
      occupations: t.exposeStringList('occupations'),
      keywords: t.exposeStringList('keywords'),
      districtCodes: t.exposeStringList('districtCodes'),
      minMonthlyWage: t.exposeInt('minMonthlyWage', { nullable: true }),
      workTime: t.expose('workTime', { type: WorkTimeEnum }),
    }),
  });
  return { SkillRef, JobIntentionRef };
}
