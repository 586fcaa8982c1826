/**
 * Imports a household survey spreadsheet (五清调查表) into the register through the running hub's
 * public GraphQL API, so every household passes the same checks and region rules as one entered
 * by hand. Bad rows go to an error report (UTF-8 CSV for Excel); their households are left out whole.
 *
 *   pnpm exec tsx scripts/import-survey.ts survey.xlsx [--errors report.csv] [--dry-run] [--region 211402]
 *
 *   --errors        where to write the error report (default: next to the file, NAME.errors.csv)
 *   --dry-run       check the file only; nothing is sent to the hub
 *   --region CODE   act as a coordinator of that region rather than as an administrator
 *   --batch N       households per request (default 50); --concurrency N requests in flight (default 2)
 *
 * GATEWAY_URL (default http://127.0.0.1:4000/graphql) and the JWT_* settings of the gateway apply.
 * Exits 1 when the file cannot be read as a survey, 2 when some rows were not imported.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Viewer } from '@hub/common';
import { loadGatewayConfig } from '@hub/gateway';
import { issueToken } from '@hub/gateway/auth';
import {
  estimateRows,
  importSurvey,
  SurveyFileError,
  type ApplyBatch,
  type ApplyResult,
  type ImportSummary,
  type SurveyHousehold,
} from '@hub/residents/import';
import { progress } from './progress';

/** The mutation input for one household: what the sheet says, without the importer's bookkeeping. */
function householdSurveyInput({ key: _key, firstRow: _firstRow, members, ...household }: SurveyHousehold) {
  return { ...household, members: members.map(({ rowNumber: _rowNumber, ...member }) => member) };
}

/** One aliased importHouseholdSurvey per household (h0, h1, ...), so a batch is one round trip. */
function batchDocument(size: number): string {
  const aliases = Array.from({ length: size }, (_, i) => `h${i}`);
  return (
    `mutation ImportHouseholdSurvey(${aliases.map((a) => `$${a}: HouseholdSurveyInput!`).join(', ')}) {\n` +
    aliases.map((a) => `  ${a}: importHouseholdSurvey(input: $${a}) { householdId created updated }`).join('\n') +
    '\n}'
  );
}

export interface GraphQLResponse {
  data?: Record<string, { householdId: string; created: number; updated: number } | null> | null;
  errors?: { message: string; path?: (string | number)[] }[];
}

export type Send = (query: string, variables: Record<string, unknown>) => Promise<GraphQLResponse>;

function sender(url: string, token: string): Send {
  return async (query, variables) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json().catch(() => null)) as GraphQLResponse | null;
    if (!body) throw new Error(`网关返回HTTP ${response.status}，不是GraphQL应答`);
    return body;
  };
}

/**
 * Sends households in batches and reads each alias's own outcome by its error `path` (the
 * mutation's result is nullable, so one refused household leaves the others' answers intact).
 * Should an alias come back with neither answer nor error, because a server in between refused
 * the rest of the request, the households around it go again in rounds of their own; an import
 * matches people by identity number, so a repeat updates rather than adds.
 */
export function graphqlApplier(send: Send): ApplyBatch {
  return async (households) => {
    const outcomes: (ApplyResult | Error | undefined)[] = households.map(() => undefined);
    const rounds = [households.map((_, i) => i)];
    for (let round = rounds.shift(); round; round = rounds.shift()) {
      const variables = Object.fromEntries(round.map((index, i) => [`h${i}`, householdSurveyInput(households[index]!)]));
      const { data, errors = [] } = await send(batchDocument(round.length), variables);
      let firstFailure = -1;
      round.forEach((index, i) => {
        const result = data?.[`h${i}`];
        const error = errors.find((e) => e.path?.[0] === `h${i}`);
        if (result) outcomes[index] = { created: result.created, updated: result.updated };
        else if (error) outcomes[index] = new Error(error.message);
        if (error && firstFailure < 0) firstFailure = i;
      });
      if (firstFailure < 0 && round.some((index) => !outcomes[index])) {
        // No alias answered for itself: the request as a whole was refused.
        const reason = new Error(errors[0]?.message ?? '网关没有返回结果');
        for (const index of round) outcomes[index] ??= reason;
        continue;
      }
      const before = round.filter((index, i) => !outcomes[index] && i < firstFailure);
      const after = round.filter((index, i) => !outcomes[index] && i > firstFailure);
      rounds.push(...[before, after].filter((group) => group.length));
    }
    return outcomes as (ApplyResult | Error)[];
  };
}

/** A bar when the file says how many rows it has, a running count when it does not. */
function rowProgress(total: number | null): { onProgress(rows: number): void; finish(rows: number): void } {
  if (total === null) {
    let shown = 0;
    return {
      onProgress(rows) {
        if (rows - shown < 1000) return;
        shown = rows;
        process.stderr.write(process.stderr.isTTY ? `\rrows read: ${rows}` : `rows read: ${rows}\n`);
      },
      finish() {
        if (process.stderr.isTTY && shown) process.stderr.write('\n');
      },
    };
  }
  const bar = progress('survey', total);
  const step = Math.max(Math.floor(total / 200), 1);
  let shown = 0;
  // The total is an estimate: never draw past it.
  const advanceTo = (rows: number) => {
    const next = Math.min(rows, total);
    if (next > shown) bar.advance(next - shown);
    shown = next;
  };
  return {
    onProgress(rows) {
      if (rows - shown >= step) advanceTo(rows);
    },
    finish(rows) {
      advanceTo(rows);
      bar.finish();
    },
  };
}

const count = (n: number) => n.toLocaleString('en-US');

function summaryLine(summary: ImportSummary, people: number, dryRun: boolean): string {
  const timing = `from ${count(summary.rows)} rows in ${summary.seconds.toFixed(1)} s (${count(Math.round(summary.rowsPerSecond))} rows/s)`;
  const head = dryRun
    ? `dry run: ${count(summary.imported)} households (${count(people)} people) would be imported ${timing}`
    : `imported ${count(summary.imported)} households (${count(summary.created + summary.updated)} people: ` +
      `${count(summary.created)} new, ${count(summary.updated)} updated) ${timing}`;
  if (!summary.errorRows) return `${head}; no errors`;
  return `${head}; ${count(summary.errorRows)} rows with errors (${count(summary.skippedHouseholds)} households left out) in ${summary.errorReportPath}`;
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      errors: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      region: { type: 'string' },
      batch: { type: 'string', default: '50' },
      concurrency: { type: 'string', default: '2' },
    },
  });
  const [file] = positionals;
  if (!file || positionals.length > 1) {
    console.error('usage: tsx scripts/import-survey.ts <file.xlsx|file.csv> [--errors report.csv] [--dry-run] [--region CODE]');
    return 1;
  }
  if (!existsSync(file)) {
    console.error(`${file}: no such file`);
    return 1;
  }
  if (values.region !== undefined && !/^\d{2,12}$/.test(values.region)) {
    console.error(`--region takes a region code of 2 to 12 digits, e.g. 211402, not "${values.region}"`);
    return 1;
  }
  const batchSize = Number(values.batch);
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(batchSize) || batchSize < 1 || !Number.isInteger(concurrency) || concurrency < 1) {
    console.error('--batch and --concurrency take whole numbers from 1');
    return 1;
  }
  const dryRun = values['dry-run'];
  const errorReportPath = values.errors ?? join(dirname(file), `${basename(file, extname(file))}.errors.csv`);

  let people = 0;
  let apply: ApplyBatch;
  if (dryRun) {
    apply = async (households) =>
      households.map((h) => {
        people += h.members.length;
        return { created: 0, updated: 0 };
      });
  } else {
    const url = process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql';
    const config = loadGatewayConfig();
    const viewer: Viewer = values.region
      ? { role: 'COORDINATOR', sub: 'survey-import', regionCode: values.region }
      : { role: 'ADMIN', sub: 'survey-import' };
    const token = await issueToken(viewer, { secret: config.JWT_SECRET, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE });
    const send = sender(url, token);
    // Fail at once, not once per household, when the hub is not there.
    try {
      await send('{ __typename }', {});
    } catch (error) {
      console.error(`cannot reach the hub at ${url}: ${(error as Error).message}`);
      return 1;
    }
    apply = graphqlApplier(send);
  }

  const shown = rowProgress(await estimateRows(file));
  try {
    const summary = await importSurvey({ path: file }, { batchSize: dryRun ? 500 : batchSize, applyBatch: apply }, {
      errorReportPath,
      concurrency: dryRun ? 1 : concurrency,
      onProgress: shown.onProgress,
    });
    shown.finish(summary.rows);
    console.log(summaryLine(summary, people, dryRun));
    return summary.errorRows ? 2 : 0;
  } catch (error) {
    shown.finish(0);
    if (!(error instanceof SurveyFileError)) throw error;
    console.error(`${file}: ${error.message}`);
    return 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = await main();
