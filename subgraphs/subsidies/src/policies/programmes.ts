import type { Rule } from './rule';

export interface Programme {
  code: string;
  name: string;
  kind: 'PERSON' | 'EMPLOYER';
  legalBasis: string;
  rule: Rule;
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

/** The programmes the seed report names, as the hub ships them. */
export const PROGRAMMES: Programme[] = [
  {
    code: 'SOCIAL_INSURANCE_4050',
    name: '4050人员灵活就业社会保险补贴',
    kind: 'PERSON',
    legalBasis: '就业促进法第五十二条；就业补助资金管理办法（财社〔2017〕164号）：就业困难人员灵活就业社会保险补贴。',
    rule: {
      all: [
        FORTY_FIFTY_AGE,
        { fact: 'employmentStatus', op: 'in', value: ['FLEXIBLE', 'SELF_EMPLOYED'], label: 'is in flexible employment or self-employed' },
      ],
    },
  },
  {
    code: 'PUBLIC_WELFARE_POSITION',
    name: '公益性岗位补贴',
    kind: 'PERSON',
    legalBasis: '就业补助资金管理办法（财社〔2017〕164号）：公益性岗位补贴。',
    rule: { all: [{ fact: 'employmentStatus', op: 'in', value: ['PUBLIC_WELFARE'], label: 'is placed in a public-welfare position' }] },
  },
  {
    code: 'TRAINING',
    name: '职业培训补贴',
    kind: 'PERSON',
    legalBasis: '就业补助资金管理办法（财社〔2017〕164号）：职业培训补贴；普惠制技能培训。',
    rule: {
      all: [
        { fact: 'employmentStatus', op: 'in', value: ['UNEMPLOYED', 'FLEXIBLE', 'MIGRATED'], label: 'is registered unemployed, in flexible work, or a migrant worker' },
        { fact: 'age', op: 'atLeast', value: 16, label: 'is 16 or older' },
        { fact: 'age', op: 'below', value: 60, label: 'is below 60' },
      ],
    },
  },
  {
    code: 'SMALL_GUARANTEED_LOAN',
    name: '小额担保贷款',
    kind: 'PERSON',
    legalBasis: '关于进一步做好小额担保贷款管理工作的通知：创业带动就业，税费减免与贴息。',
    rule: {
      all: [
        { fact: 'employmentStatus', op: 'in', value: ['UNEMPLOYED', 'SELF_EMPLOYED'], label: 'is registered unemployed or starting a business' },
        { fact: 'age', op: 'atLeast', value: 18, label: 'is 18 or older' },
        { fact: 'age', op: 'below', value: 60, label: 'is below 60' },
      ],
    },
  },
  {
    code: 'POOR_FAMILY_GRADUATE',
    name: '困难家庭高校毕业生就业援助',
    kind: 'PERSON',
    legalBasis: '困难家庭高校毕业生就业援助：免费职业指导、创业培训与小额担保贷款。',
    rule: {
      all: [
        { fact: 'difficultyGroups', op: 'includesAny', value: ['POOR_FAMILY_GRADUATE'], label: 'is a graduate from a poor family' },
        { fact: 'employmentStatus', op: 'in', value: ['UNEMPLOYED'], label: 'is still looking for work' },
      ],
    },
  },
  {
    code: 'HARD_TO_EMPLOY_ASSISTANCE',
    name: '就业困难人员社会保险补贴',
    kind: 'PERSON',
    legalBasis: '就业促进法第五十二条：对就业困难人员实行优先扶持和重点帮助。',
    rule: { all: [HARD_TO_EMPLOY, { fact: 'employmentStatus', op: 'in', value: ['EMPLOYED', 'FLEXIBLE', 'PUBLIC_WELFARE'], label: 'has found work' }] },
  },
];
