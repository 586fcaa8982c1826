/**
 * Survey rows streamed from a file, one at a time, whatever its size: CSV through csv-parse
 * (UTF-8, or GB18030 as Excel on a Chinese Windows saves it), XLSX through exceljs's streaming
 * reader. Rows come out keyed by field, with the row numbers Excel shows.
 */
import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { TextDecoder } from 'node:util';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { label, mapColumns, missingColumns, SurveyFileError, type ColumnMap, type SurveyField } from './headings';
import type { RowError, SurveySource } from './types';

export interface SourceRow {
  rowNumber: number;
  cells: Partial<Record<SurveyField, string>>;
  /** Problems seen while reading, before any checking: an identity number Excel turned into a number. */
  errors: RowError[];
}

export interface OpenedSurvey {
  /** The fields the sheet has a column for. */
  columns: ReadonlySet<SurveyField>;
  rows: AsyncGenerator<SourceRow>;
}

export const ID_STORED_AS_NUMBER = '身份证号被Excel存成了数字，请将该列设为文本';

/** A cell as read: text, or a number when the spreadsheet stored one. */
type RawCell = string | number;
interface RawRow {
  rowNumber: number;
  values: RawCell[];
}

/** Templates put a title, a date or a two-level heading above the column headings. */
const HEADING_SEARCH_ROWS = 10;

/** Reads up to the heading row and returns the data rows still unread; throws SurveyFileError for a file it cannot use. */
export async function openSurvey(source: SurveySource): Promise<OpenedSurvey> {
  const raw = await rawRows(source);
  try {
    const columns = await findHeadings(raw);
    return { columns: new Set(columns.filter((f): f is SurveyField => f !== null)), rows: sourceRows(raw, columns) };
  } catch (error) {
    await raw.return(undefined);
    throw error;
  }
}

async function rawRows(source: SurveySource): Promise<AsyncGenerator<RawRow>> {
  const format = 'path' in source ? formatOf(source.path) : source.format;
  // Opened first, so a missing file is an error here rather than on a stream nobody listens to.
  const input = 'path' in source ? (await open(source.path)).createReadStream() : Readable.from(source.content);
  return format === 'csv' ? csvRows(input) : xlsxRows(input);
}

function formatOf(path: string): 'csv' | 'xlsx' {
  const extension = extname(path).toLowerCase();
  if (extension === '.csv' || extension === '.xlsx') return extension.slice(1) as 'csv' | 'xlsx';
  if (extension === '.xls') throw new SurveyFileError('不支持旧版.xls文件，请在Excel中“另存为”.xlsx或CSV后再导入');
  throw new SurveyFileError(`无法识别文件类型“${extension || path}”，请使用.xlsx或.csv文件`);
}

/**
 * The first row among the first few that has every required heading, either alone or filled in
 * from the row above (a heading merged across two rows keeps its text in the upper one).
 */
async function findHeadings(raw: AsyncGenerator<RawRow>): Promise<ColumnMap> {
  let previous: string[] = [];
  let best: { found: string[]; missing: string[] } | null = null;
  for (let i = 0; i < HEADING_SEARCH_ROWS; i++) {
    const next = await raw.next();
    if (next.done) break;
    const texts = next.value.values.map((v) => String(v).trim());
    const combined = texts.map((t, j) => t || previous[j] || '');
    for (const candidate of [texts, combined]) {
      const columns = mapColumns(candidate);
      const missing = missingColumns(columns);
      if (!missing.length) return columns;
      if (!best || missing.length < best.missing.length) best = { found: candidate.filter(Boolean), missing };
    }
    previous = texts;
  }
  if (!best) throw new SurveyFileError('文件是空的，没有找到表头行');
  throw new SurveyFileError(
    `缺少必填列：${best.missing.join('、')}。表头中找到的列：${best.found.join('、') || '（无）'}`,
  );
}

async function* sourceRows(raw: AsyncGenerator<RawRow>, columns: ColumnMap): AsyncGenerator<SourceRow> {
  for await (const { rowNumber, values } of raw) {
    const cells: SourceRow['cells'] = {};
    const errors: RowError[] = [];
    let empty = true;
    columns.forEach((field, i) => {
      const value = values[i];
      if (!field || value === undefined || value === '') return;
      const text = String(value);
      // An 18-digit number is past what a double holds exactly: the last digits are already gone.
      if (typeof value === 'number' && field === 'identityNumber') {
        errors.push({ rowNumber, column: label(field), value: text, reason: ID_STORED_AS_NUMBER });
      }
      cells[field] = text;
      if (text.trim()) empty = false;
    });
    if (!empty) yield { rowNumber, cells, errors };
  }
}

async function* csvRows(input: Readable): AsyncGenerator<RawRow> {
  const parser = parse({ bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false });
  // Errors reach us through the parser, which pipeline destroys with them.
  pipeline(Readable.from(decoded(input)), parser).catch(() => {});
  let rowNumber = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) yield { rowNumber: ++rowNumber, values: record };
  } catch (error) {
    throw unreadable('CSV', rowNumber + 1, error);
  } finally {
    input.destroy();
  }
}

/** A file that stops making sense part-way; households before that point may already be applied. */
function unreadable(format: string, rowNumber: number, error: unknown): Error {
  // A disk or permission failure is not the file's fault.
  if (error instanceof Error && 'errno' in error) return error;
  return new SurveyFileError(`${format}文件在第${rowNumber}行附近无法读取（${(error as Error).message}），请用Excel重新保存后再导入`);
}

/**
 * UTF-8 passes through untouched; anything else is decoded as GB18030, the superset of GBK that
 * Excel uses for "CSV (逗号分隔)" on Chinese Windows. The first chunk (64 KB) decides: it holds
 * the Chinese headings, so a GBK file cannot pass for UTF-8 there.
 */
async function* decoded(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer | string> {
  let decoder: TextDecoder | null | undefined;
  for await (const chunk of chunks) {
    if (decoder === undefined) decoder = isUtf8Start(chunk) ? null : new TextDecoder('gb18030');
    yield decoder ? decoder.decode(chunk, { stream: true }) : chunk;
  }
  if (decoder) yield decoder.decode();
}

function isUtf8Start(chunk: Buffer): boolean {
  try {
    // stream: a character cut at the end of the chunk is held back rather than failed.
    new TextDecoder('utf-8', { fatal: true }).decode(chunk, { stream: true });
    return true;
  } catch {
    return false;
  }
}

async function* xlsxRows(input: Readable): AsyncGenerator<RawRow> {
  const workbook = utf8SafeWorkbookReader(input);
  let rowNumber = 1;
  try {
    for await (const sheet of workbook) {
      for await (const row of sheet) {
        rowNumber = row.number;
        const values = row.values as ExcelJS.CellValue[];
        // exceljs numbers columns from 1, leaving index 0 empty.
        yield { rowNumber, values: Array.from({ length: Math.max(values.length - 1, 0) }, (_, i) => cellValue(values[i + 1])) };
      }
      return; // the survey is on the first worksheet; others hold notes or lookup lists
    }
  } catch (error) {
    throw unreadable('xlsx', rowNumber, error);
  } finally {
    input.destroy();
  }
}

/** The parts of exceljs 4.4's WorkbookReader that hand zip entries to its XML parser. */
interface ReaderInternals {
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Generator<unknown>;
}

/**
 * exceljs decodes each inflated chunk of XML on its own, so a Chinese character split between
 * two chunks turns into U+FFFD, a few times per thousand rows (exceljs issues #2063, #2316).
 * Its parser takes text as it is, so the entries are decoded here, keeping a split character
 * until its last byte arrives. Styles are cached so that date cells come back as dates.
 */
function utf8SafeWorkbookReader(input: Readable): ExcelJS.stream.xlsx.WorkbookReader {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore' });
  const internals = reader as unknown as ReaderInternals;
  if (typeof internals._parseSharedStrings !== 'function' || typeof internals._parseWorksheet !== 'function') {
    throw new Error('exceljs has changed: check the UTF-8 work-around in import/reader.ts before upgrading');
  }
  const parseSharedStrings = internals._parseSharedStrings.bind(reader);
  const parseWorksheet = internals._parseWorksheet.bind(reader);
  internals._parseSharedStrings = (entry) => parseSharedStrings(entry.setEncoding('utf8'));
  internals._parseWorksheet = (iterator, sheetNo) => parseWorksheet(utf8Text(iterator), sheetNo);
  return reader;
}

async function* utf8Text(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) yield typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
  yield decoder.decode();
}

function cellValue(value: ExcelJS.CellValue): RawCell {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('error' in value) return value.error;
  if ('formula' in value || 'sharedFormula' in value) return cellValue(value.result ?? null);
  if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : cellValue(value.text);
  return '';
}
