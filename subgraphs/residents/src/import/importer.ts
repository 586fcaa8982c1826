/**
 * Imports a household survey (五清调查表) from a spreadsheet: streams its rows, gathers and checks
 * each household, hands the good ones to the caller's `apply` and reports every bad row in
 * Chinese. A household is imported whole or not at all.
 */
import { resolve } from 'node:path';
import { SurveyFileError } from './headings';
import { HouseholdGrouper, type HouseholdOutcome } from './households';
import { openSurvey } from './reader';
import { ErrorReport } from './report';
import type {
  ApplyBatch,
  ApplyHousehold,
  ApplyResult,
  BatchApplier,
  ImportOptions,
  ImportSummary,
  SurveyHousehold,
  SurveySource,
} from './types';

const asError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));

/**
 * `apply` takes one household at a time, or, as a BatchApplier, several per call (one request
 * for many households). Throws SurveyFileError when the file cannot be read as a survey at all.
 */
export async function importSurvey(
  source: SurveySource,
  apply: ApplyHousehold | BatchApplier,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const started = performance.now();
  if ('path' in source && options.errorReportPath && resolve(options.errorReportPath) === resolve(source.path)) {
    throw new SurveyFileError('错误报告不能写到要导入的文件上');
  }
  const survey = await openSurvey(source);
  const report = new ErrorReport(options.errorReportPath);
  const grouper = new HouseholdGrouper(survey.columns);
  const applier = new Applier(apply, options.concurrency ?? 1, report);
  let invalid = 0;
  const settle = async (outcome: HouseholdOutcome | null) => {
    if (!outcome) return;
    if ('household' in outcome) return applier.add(outcome.household);
    invalid++;
    report.add(outcome.errors);
  };

  let rows = 0;
  let errorReportPath: string | null;
  try {
    for await (const row of survey.rows) {
      rows++;
      options.onProgress?.(rows);
      await settle(grouper.push(row));
    }
    await settle(grouper.end());
    await applier.flush();
  } finally {
    await applier.settled();
    errorReportPath = await report.close();
  }

  const seconds = (performance.now() - started) / 1000;
  return {
    rows,
    households: grouper.count,
    imported: applier.imported,
    created: applier.created,
    updated: applier.updated,
    skippedHouseholds: invalid + applier.failed,
    errorRows: report.rows,
    seconds,
    rowsPerSecond: seconds > 0 ? rows / seconds : rows,
    errorReportPath,
  };
}

/** Hands households over in batches, with at most `concurrency` batches in flight, while reading goes on. */
class Applier {
  imported = 0;
  created = 0;
  updated = 0;
  failed = 0;
  private readonly size: number;
  private readonly applyBatch: ApplyBatch;
  private batch: SurveyHousehold[] = [];
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    apply: ApplyHousehold | BatchApplier,
    private readonly concurrency: number,
    private readonly report: ErrorReport,
  ) {
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`concurrency must be a whole number from 1, not ${concurrency}`);
    if (typeof apply === 'function') {
      this.size = 1;
      this.applyBatch = (households) => Promise.all(households.map((h) => apply(h).catch(asError)));
    } else {
      this.size = apply.batchSize;
      this.applyBatch = apply.applyBatch;
      if (!Number.isInteger(this.size) || this.size < 1) throw new Error(`batchSize must be a whole number from 1, not ${this.size}`);
    }
  }

  async add(household: SurveyHousehold): Promise<void> {
    this.batch.push(household);
    if (this.batch.length >= this.size) await this.dispatch();
  }

  async flush(): Promise<void> {
    if (this.batch.length) await this.dispatch();
    await this.settled();
  }

  async settled(): Promise<void> {
    await Promise.all(this.inFlight);
  }

  /** Waits for a free slot, so reading never runs more than `concurrency` batches ahead of writing. */
  private async dispatch(): Promise<void> {
    const batch = this.batch;
    this.batch = [];
    while (this.inFlight.size >= this.concurrency) await Promise.race(this.inFlight);
    const task: Promise<void> = this.run(batch).finally(() => this.inFlight.delete(task));
    this.inFlight.add(task);
  }

  /** Never rejects: a failure is the failure of the households it concerns. */
  private async run(batch: SurveyHousehold[]): Promise<void> {
    let outcomes: (ApplyResult | Error)[];
    try {
      outcomes = await this.applyBatch(batch);
      if (outcomes.length !== batch.length) throw new Error(`applyBatch returned ${outcomes.length} outcomes for ${batch.length} households`);
    } catch (error) {
      outcomes = batch.map(() => asError(error));
    }
    batch.forEach((household, i) => {
      const outcome = outcomes[i]!;
      if (outcome instanceof Error) {
        this.failed++;
        this.report.add(
          household.members.map((m) => ({ rowNumber: m.rowNumber, column: null, value: null, reason: `整户未导入：${outcome.message}` })),
        );
      } else {
        this.imported++;
        this.created += outcome.created;
        this.updated += outcome.updated;
      }
    });
  }
}
