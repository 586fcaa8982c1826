import type { AmountRule } from './amount';
import type { Rule } from './rule';

export interface ProgrammeVersion {
  version: number;
  validFrom: string;
  validTo?: string;
  rule: Rule;
  amount: AmountRule;
}

export interface Programme {
  code: string;
  name: string;
  kind: 'PERSON' | 'EMPLOYER';
  legalBasis: string;
  versions: ProgrammeVersion[];
}

const HARD_TO_EMPLOY: Rule = {
  fact: 'difficultyGroups',
  op: 'includesAny',
  value: ['FORTY_FIFTY', 'ZERO_EMPLOYMENT_HOUSEHOLD', 'LONG_TERM_UNEMPLOYED', 'DISABLED', 'POOR_FAMILY_GRADUATE'],
  label: 'belongs to a hard-to-employ group (就业困难人员)',
};

/** 4050: women 40 to 49, men 50 to 59 (the age band; the status conditions are the programme's own). */
const FORTY_FIFTY_AGE: Rule = {
  any: [
    { all: [{ fact: 'gender', op: 'is', value: 'FEMALE', label: 'is a woman' }, { fact: 'age', op: 'atLeast', value: 40, label: 'is 40 or older' }, { fact: 'age', op: 'below', value: 50, label: 'is below retirement age (50)' }] },
    { all: [{ fact: 'gender', op: 'is', value: 'MALE', label: 'is a man' }, { fact: 'age', op: 'atLeast', value: 50, label: 'is 50 or older' }, { fact: 'age', op: 'below', value: 60, label: 'is below retirement age (60)' }] },
  ],
  label: 'is a woman of 40 to 49 or a man of 50 to 59 (4050人员)',
};

const WORKING: Rule = { fact: 'employmentStatus', op: 'in', value: ['EMPLOYED', 'FLEXIBLE', 'PUBLIC_WELFARE'], label: 'has found work' };

/**
 * The programmes the seed report names, as the hub ships them, with their versions. A shipped
 * version is never changed here once released: a change is a new version from a later date.
 */
export const PROGRAMMES: Programme[] = [
  {
    code: 'SOCIAL_INSURANCE_4050',
    name: '4050人员灵活就业社会保险补贴',
    kind: 'PERSON',
    legalBasis: '就业促进法第五十二条；就业补助资金管理办法（财社〔2017〕164号）：就业困难人员灵活就业社会保险补贴。',
    versions: [
      {
        version: 1,
        validFrom: '2010-01-01',
        validTo: '2023-12-31',
        rule: { all: [FORTY_FIFTY_AGE, { fact: 'employmentStatus', op: 'in', value: ['FLEXIBLE', 'SELF_EMPLOYED'], label: 'is in flexible employment or self-employed' }] },
        amount: { kind: 'MONTHLY', fenPerMonth: 20_000, maxMonths: 36 },
      },
      {
        version: 2,
        validFrom: '2024-01-01',
        rule: { all: [FORTY_FIFTY_AGE, { fact: 'employmentStatus', op: 'in', value: ['FLEXIBLE', 'SELF_EMPLOYED'], label: 'is in flexible employment or self-employed' }] },
        amount: { kind: 'MONTHLY', fenPerMonth: 30_000, maxMonths: 36 },
      },
    ],
  },
  {
    code: 'PUBLIC_WELFARE_POSITION',
    name: '公益性岗位补贴',
    kind: 'PERSON',
    legalBasis: '就业补助资金管理办法（财社〔2017〕164号）：公益性岗位补贴。',
    versions: [
      {
        version: 1,
        validFrom: '2010-01-01',
        rule: { all: [{ fact: 'employmentStatus', op: 'in', value: ['PUBLIC_WELFARE'], label: 'is placed in a public-welfare position' }] },
        amount: { kind: 'MONTHLY', fenPerMonth: 50_000, maxMonths: 36 },
      },
    ],
  },
  {
    code: 'TRAINING',
    name: '职业培训补贴',
    kind: 'PERSON',
    legalBasis: '就业补助资金管理办法（财社〔2017〕164号）：职业培训补贴，限经认定的培训机构；普惠制技能培训。',
    versions: [
      {
        version: 1,
        validFrom: '2010-01-01',
        rule: {
          all: [
            { fact: 'accreditedCoursesPassed', op: 'atLeast', value: 1, label: 'passed a course at an accredited training centre' },
            { fact: 'employmentStatus', op: 'in', value: ['UNEMPLOYED', 'FLEXIBLE', 'MIGRATED', 'EMPLOYED', 'PUBLIC_WELFARE'], label: 'is in the labour force (registered unemployed, or in work since)' },
            { fact: 'age', op: 'atLeast', value: 16, label: 'is 16 or older' },
            { fact: 'age', op: 'below', value: 60, label: 'is below 60' },
          ],
        },
        amount: { kind: 'FIXED', fen: 80_000 },
      },
    ],
  },
  {
    code: 'SMALL_GUARANTEED_LOAN',
    name: '小额担保贷款贴息',
    kind: 'PERSON',
    legalBasis: '关于进一步做好小额担保贷款管理工作的通知：创业带动就业，税费减免与贴息。',
    versions: [
      {
        version: 1,
        validFrom: '2010-01-01',
        rule: {
          all: [
            { fact: 'employmentStatus', op: 'in', value: ['UNEMPLOYED', 'SELF_EMPLOYED'], label: 'is registered unemployed or starting a business' },
            { fact: 'age', op: 'atLeast', value: 18, label: 'is 18 or older' },
            { fact: 'age', op: 'below', value: 60, label: 'is below 60' },
          ],
        },
        amount: { kind: 'SHARE', basisPoints: 5_000, capFen: 200_000, base: 'the month\'s loan interest (贷款利息)' },
      },
    ],
  },
  {
    code: 'POOR_FAMILY_GRADUATE',
    name: '困难家庭高校毕业生求职创业补贴',
    kind: 'PERSON',
    legalBasis: '困难家庭高校毕业生就业援助：免费职业指导、创业培训与小额担保贷款；求职创业补贴。',
    versions: [
      {
        version: 1,
        validFrom: '2010-01-01',
        rule: {
          all: [
            { fact: 'difficultyGroups', op: 'includesAny', value: ['POOR_FAMILY_GRADUATE'], label: 'is a graduate from a poor family' },
            { fact: 'employmentStatus', op: 'in', value: ['UNEMPLOYED'], label: 'is still looking for work' },
          ],
        },
        amount: { kind: 'FIXED', fen: 100_000 },
      },
    ],
  },
  {
    code: 'HARD_TO_EMPLOY_ASSISTANCE',
    name: '就业困难人员社会保险补贴',
    kind: 'PERSON',
    legalBasis: '就业促进法第五十二条：对就业困难人员实行优先扶持和重点帮助。',
    versions: [
      {
        version: 1,
        validFrom: '2010-01-01',
        rule: { all: [HARD_TO_EMPLOY, WORKING] },
        amount: { kind: 'MONTHLY', fenPerMonth: 30_000, maxMonths: 36 },
      },
    ],
  },
  {
    code: 'EMPLOYER_HARD_TO_EMPLOY_HIRE',
    name: '用人单位招用就业困难人员社会保险补贴',
    kind: 'EMPLOYER',
    legalBasis: '就业补助资金管理办法（财社〔2017〕164号）：对招用就业困难人员的单位给予社会保险补贴。',
    versions: [
      {
        version: 1,
        validFrom: '2010-01-01',
        rule: { all: [{ fact: 'hardToEmployHires', op: 'atLeast', value: 1, label: 'has hired a hard-to-employ person (招用就业困难人员)' }] },
        amount: { kind: 'MONTHLY', fenPerMonth: 40_000, maxMonths: 36, per: 'hardToEmployHires' },
      },
    ],
  },
  {
    code: 'EMPLOYER_ORDER_TRAINING',
    name: '企业订单式培训补贴',
    kind: 'EMPLOYER',
    legalBasis: '就业补助资金管理办法（财社〔2017〕164号）：企业新录用人员岗前培训（订单式培训）补贴，限经认定的培训机构。',
    versions: [
      {
        version: 1,
        validFrom: '2010-01-01',
        rule: { all: [{ fact: 'orderedTrainingGraduates', op: 'atLeast', value: 1, label: 'had people trained to its order at an accredited centre' }] },
        amount: { kind: 'FIXED', fen: 60_000, per: 'orderedTrainingGraduates' },
      },
    ],
  },
];
