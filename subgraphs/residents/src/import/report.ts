/**
 * The error report staff open in Excel next to their sheet: 行号,列,值,原因, one line per problem,
 * written as problems are found so a file full of errors costs no memory.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import type { RowError } from './types';

/** Excel reads a CSV as UTF-8 only when it starts with a byte order mark. */
const BOM = '\ufeff';
const HEADER = '行号,列,值,原因\r\n';

/**
 * Excel would show 211402199001011234 as 2.11402E+17 and run =SUM(...) as a formula; a leading
 * tab makes it keep the text as written.
 */
function cell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (/^\d{12,}$/.test(text) || /^[=+\-@]/.test(text)) text = `\t${text}`;
  return /[",\r\n\t]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export class ErrorReport {
  /** Rows with at least one error. */
  rows = 0;
  private stream: WriteStream | null = null;
  private failure: Error | null = null;

  constructor(private readonly path: string | undefined) {}

  /** Adds the errors of one household; each row's errors always come in one call. */
  add(errors: RowError[]): void {
    if (!errors.length) return;
    this.rows += new Set(errors.map((e) => e.rowNumber)).size;
    if (!this.path) return;
    if (!this.stream) {
      this.stream = createWriteStream(this.path);
      this.stream.on('error', (error) => (this.failure ??= error));
      this.stream.write(BOM + HEADER);
    }
    this.stream.write(errors.map((e) => [e.rowNumber, e.column, e.value, e.reason].map(cell).join(',')).join('\r\n') + '\r\n');
  }

  /** Finishes the file; returns its path, or null when there was nothing to report. */
  async close(): Promise<string | null> {
    const stream = this.stream;
    if (!stream) return null;
    await new Promise<void>((resolve) => stream.end(resolve));
    if (this.failure) throw new Error(`无法写入错误报告${this.path}：${this.failure.message}`);
    return this.path!;
  }
}
