/** The shapes of a household survey (五清调查) import: what comes out of a spreadsheet and what goes back to staff. */
import type { EmploymentStatus } from '@hub/common';

export type WorkTime = 'FULL_TIME' | 'PART_TIME' | 'EITHER';
export type SurveyDeclaredGroup = 'DISABLED' | 'POOR_FAMILY_GRADUATE';

export interface SurveySkill {
  name: string;
  /** 职业资格等级 1 (高级技师) to 5 (初级); null without a certificate. */
  certificateLevel: number | null;
}

export interface SurveyJobIntention {
  occupations: string[];
  keywords: string[];
  districtCodes: string[];
  minMonthlyWage: number | null;
  workTime: WorkTime;
}

export interface SurveyMember {
  /** The spreadsheet row, as Excel numbers it, so staff can find the person again. */
  rowNumber: number;
  name: string;
  identityNumber: string;
  gender: 'MALE' | 'FEMALE';
  birthDate: string;
  phone: string | null;
  employmentStatus: EmploymentStatus;
  monthlyIncome: number | null;
  skills: SurveySkill[];
  jobIntention: SurveyJobIntention | null;
  /** 转移去向 */
  migrationDestination: string | null;
  declaredGroups: SurveyDeclaredGroup[];
}

export interface SurveyHousehold {
  /** 户号 when the sheet has one, otherwise community code and address. */
  key: string;
  firstRow: number;
  communityCode: string;
  /** Empty only when the sheet has 户号 but no 家庭住址 column. */
  address: string;
  /** 家庭状况 */
  situation: string | null;
  members: SurveyMember[];
}

export interface RowError {
  rowNumber: number;
  /** The column heading as staff know it (身份证号), or null for the row as a whole. */
  column: string | null;
  value: string | null;
  /** Read by Chinese-speaking coordinators, so always in Chinese. */
  reason: string;
}

export interface ApplyResult {
  created: number;
  updated: number;
}

export type ApplyHousehold = (household: SurveyHousehold) => Promise<ApplyResult>;

/**
 * Applies several households in one round trip. Returns one entry per household, in order: its
 * result, or the Error that kept it out. Rejecting fails every household of the batch.
 */
export type ApplyBatch = (households: SurveyHousehold[]) => Promise<(ApplyResult | Error)[]>;

export interface BatchApplier {
  batchSize: number;
  applyBatch: ApplyBatch;
}

export interface ImportOptions {
  /** Where to write the error report (UTF-8 CSV with BOM); without it errors are only counted. */
  errorReportPath?: string;
  onProgress?: (rowsRead: number) => void;
  /** Applies (or batches) in flight at once, to overlap reading with writing; default 1. */
  concurrency?: number;
}

export interface ImportSummary {
  rows: number;
  households: number;
  /** Households applied. */
  imported: number;
  created: number;
  updated: number;
  skippedHouseholds: number;
  errorRows: number;
  seconds: number;
  rowsPerSecond: number;
  errorReportPath: string | null;
}

export type SurveySource = { path: string } | { content: Buffer; format: 'csv' | 'xlsx' };
