/**
 * How many data rows a survey file has, found cheaply for a progress bar without reading it as
 * a survey: line breaks in a CSV, the <dimension> an Excel worksheet declares. An estimate (a
 * quoted cell may hold a line break; a title row above the headings counts as data).
 */
import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { extname } from 'node:path';
import { constants, inflateRawSync } from 'node:zlib';

/** Data rows below the heading row, or null when the file does not say. */
export async function estimateRows(path: string): Promise<number | null> {
  const extension = extname(path).toLowerCase();
  if (extension === '.csv') return Math.max((await countLines(path)) - 1, 0);
  if (extension === '.xlsx') {
    // Only an estimate: a zip this cannot follow is for the import itself to report.
    const lastRow = await xlsxLastRow(path).catch(() => null);
    return lastRow === null ? null : Math.max(lastRow - 1, 0);
  }
  return null;
}

async function countLines(path: string): Promise<number> {
  let lines = 0;
  let last = 0x0a;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(0x0a); i !== -1; i = chunk.indexOf(0x0a, i + 1)) lines++;
    last = chunk[chunk.length - 1] ?? last;
  }
  return last === 0x0a ? lines : lines + 1;
}

const END_OF_CENTRAL_DIRECTORY = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const CENTRAL_ENTRY = 0x02014b50;
/** Enough of a worksheet to pass its <sheetPr> and reach <dimension>, which comes before the cells. */
const PEEK_BYTES = 64 * 1024;

/**
 * The last row of the first worksheet's declared dimension (A1:T2001 → 2001), read straight from
 * the zip's central directory and the start of the sheet. Null for writers that declare none
 * (exceljs's streaming writer) or a zip this does not follow (zip64).
 */
async function xlsxLastRow(path: string): Promise<number | null> {
  const file = await open(path);
  try {
    const { size } = await file.stat();
    // The end record is 22 bytes plus a comment of up to 64 KB.
    const tail = await readAt(file, Math.max(size - 22 - 0xffff, 0), Math.min(size, 22 + 0xffff));
    const end = tail.lastIndexOf(END_OF_CENTRAL_DIRECTORY);
    if (end < 0) return null;
    const entries = tail.readUInt16LE(end + 10);
    const directory = await readAt(file, tail.readUInt32LE(end + 16), tail.readUInt32LE(end + 12));
    let at = 0;
    for (let i = 0; i < entries && at + 46 <= directory.length; i++) {
      if (directory.readUInt32LE(at) !== CENTRAL_ENTRY) return null;
      const nameLength = directory.readUInt16LE(at + 28);
      const name = directory.toString('utf8', at + 46, at + 46 + nameLength);
      if (/^xl\/worksheets\/sheet\d+\.xml$/.test(name)) {
        const method = directory.readUInt16LE(at + 10);
        const compressedSize = directory.readUInt32LE(at + 20);
        return lastRowOf(await entryStart(file, directory.readUInt32LE(at + 42), method, compressedSize));
      }
      at += 46 + nameLength + directory.readUInt16LE(at + 30) + directory.readUInt16LE(at + 32);
    }
    return null;
  } finally {
    await file.close();
  }
}

async function readAt(file: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await file.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

/** The first bytes of a zip entry's content, inflated as far as they go. */
async function entryStart(file: FileHandle, localHeader: number, method: number, compressedSize: number): Promise<string> {
  const header = await readAt(file, localHeader, 30);
  const dataStart = localHeader + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  const data = await readAt(file, dataStart, Math.min(compressedSize, PEEK_BYTES));
  if (method === 0) return data.toString('utf8');
  // SYNC_FLUSH: the input is cut short on purpose; give back what inflates so far.
  return inflateRawSync(data, { finishFlush: constants.Z_SYNC_FLUSH }).toString('utf8');
}

function lastRowOf(xml: string): number | null {
  const match = /<dimension\s+ref="[A-Z]+\d+:[A-Z]+(\d+)"/.exec(xml);
  return match ? Number(match[1]) : null;
}
