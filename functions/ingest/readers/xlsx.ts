import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { assertNoDuplicateColumns, cellsBuilder } from './header.js';
import { chunked } from './iterate.js';
import type { ReaderErrors } from './messages.js';
import type { ByteSource } from './source.js';
import type { OpenedFile, RawRecord } from './types.js';
import { CheckedZip } from './zip.js';

interface XlsxOptions {
  maxRows: number;
  maxUncompressedBytes: number;
}

/** Records per batch in `OpenedFile.batches` for XLSX. */
const BATCH_ROWS = 512;

const READER_OPTIONS = { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'ignore' } as const;

/** What exceljs's streaming row gives: `values[c]` is the value of column c (1-based, sparse). */
interface SheetRow {
  number: number;
  values: unknown[] | Record<string, unknown>;
}
interface SheetReader {
  [Symbol.asyncIterator](): AsyncIterator<SheetRow>;
}

/**
 * The parts of exceljs's streaming WorkbookReader used here. Its public `read()`/iterator pull
 * the zip through its own unzipper by local headers (bypassing the size checks made on the
 * central directory), spool sheets to temporary files it only deletes at process exit, emit sheets
 * in zip order rather than tab order, and decode chunks without joining UTF-8 characters split
 * between chunks. So the workbook parts are fed from `CheckedZip` instead, as decoded text, to
 * the same parsers exceljs's reader uses. Pinned by exceljs ^4.4 and covered by the tests.
 */
interface WorkbookReaderParts {
  workbookRels?: { Id: string; Target: string; Type?: string }[];
  model?: { sheets?: { id: number; name: string; rId: string; state?: string }[] };
  sharedStrings?: unknown[];
  properties?: { model?: { date1904?: boolean } };
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncIterable<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(iterator: AsyncIterable<string>, sheetNo: string): Iterable<{ eventType: string; value: SheetReader }>;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

const DAY_MS = 86_400_000;
/** Days from Excel's day 0 of the 1900 system (1899-12-30, as exceljs counts) to 1970-01-01. */
const EXCEL_1970 = 25_569;
/** Days from the 1900 system's day 0 to the 1904 system's (1904-01-01). */
const EXCEL_1904 = 1_462;

/**
 * A date cell as text, as Excel shows it: Excel dates have no time zone, and exceljs returns them
 * as UTC instants counted from 1899-12-30 (or from 1904-01-01 in a 1904 workbook, which is
 * right). In the 1900 system Excel counts 1900 as a leap year (Lotus's bug): serials 1–59 are one
 * day later than exceljs's instant, 60 is the 1900-02-29 that never was, 0 is "1900-01-00"; the
 * last two, and negative serials (as the number), come out as text the date rules reject.
 */
export function dateText(date: Date, date1904 = false): string | null {
  const ms = date.getTime();
  if (Number.isNaN(ms)) return null;
  // Excel stores times as fractions of a day; round away the binary noise (10:00 = 09:59:59.9999).
  let d = new Date(Math.round(ms / 1000) * 1000);
  const serial = d.getTime() / DAY_MS + EXCEL_1970 - (date1904 ? EXCEL_1904 : 0);
  if (serial < 0) return numberText(serial);
  let day: string | undefined;
  if (!date1904 && serial < 61) {
    if (serial < 1) day = '1900-01-00';
    else if (serial >= 60) day = '1900-02-29';
    else d = new Date(d.getTime() + DAY_MS);
  }
  day ??= `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  if (d.getUTCHours() === 0 && d.getUTCMinutes() === 0 && d.getUTCSeconds() === 0) return day;
  return `${day}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/**
 * A number cell as text. Integers as plain digits; fractions at Excel's 15 significant digits, so
 * 0.1 + 0.2 reads "0.3" as Excel shows it, not "0.30000000000000004".
 */
export function numberText(n: number): string {
  if (Number.isInteger(n) || !Number.isFinite(n)) return String(n);
  return String(Number(n.toPrecision(15)));
}

/**
 * The raw text of an exceljs cell value; null for an empty cell or a formula without a cached
 * result. `date1904`: the workbook counts dates from 1904 (`<workbookPr date1904="1"/>`).
 */
export function cellText(value: unknown, date1904 = false): string | null {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      return numberText(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      break;
    default:
      return String(value);
  }
  if (value instanceof Date) return dateText(value, date1904);
  const v = value as Record<string, unknown>;
  if (Array.isArray(v.richText)) return (v.richText as { text?: unknown }[]).map((run) => (typeof run.text === 'string' ? run.text : '')).join('');
  // Formula (also shared formula): its cached result, never the formula text.
  if ('formula' in v || 'sharedFormula' in v) return cellText(v.result, date1904);
  if (typeof v.error === 'string') return v.error;
  if ('text' in v) return cellText(v.text, date1904);
  return JSON.stringify(value);
}

/** The `t="d"` attribute of a cell's start tag (either quote style). */
const ISO_DATE_CELL_RE = /(<c\b[^>]*?\st\s*=\s*)(["'])d\2/g;

/**
 * The worksheet XML with ISO date cells (`<c t="d"><v>2026-09-02T00:00:00</v>`) turned into text
 * cells: exceljs would read their value as a number (`parseFloat` → 2026, then serial 2026 =
 * 1905-07-18); as text it reaches the date rules whole. A tag cut between chunks waits for the next one.
 */
async function* isoDateCellsAsText(xml: AsyncIterable<string>): AsyncGenerator<string> {
  let carry = '';
  for await (const chunk of xml) {
    const text = carry + chunk;
    const open = text.lastIndexOf('<');
    const cut = open >= 0 && text.indexOf('>', open) < 0 ? open : text.length;
    carry = text.slice(cut);
    yield text.slice(0, cut).replace(ISO_DATE_CELL_RE, '$1$2str$2');
  }
  if (carry) yield carry;
}

function isBlankRow(values: ArrayLike<unknown>): boolean {
  for (let c = 1; c < values.length; c++) {
    const t = cellText(values[c]);
    if (t !== null && t.trim() !== '') return false;
  }
  return true;
}

function resolveTarget(target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = ['xl'];
  for (const part of target.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}

/** Zip path of the first worksheet in tab order (visible ones first), and its sheet number. */
function firstWorksheet(book: WorkbookReaderParts, zip: CheckedZip): { path: string; sheetNo: string } | undefined {
  const rels = book.workbookRels ?? [];
  const sheets = book.model?.sheets ?? [];
  const candidates = sheets
    .map((sheet) => ({ sheet, rel: rels.find((r) => r.Id === sheet.rId) }))
    .filter(({ rel }) => rel && (rel.Type ?? '').endsWith('/worksheet'))
    .map(({ sheet, rel }) => ({ visible: !sheet.state || sheet.state === 'visible', path: resolveTarget(rel!.Target) }))
    .filter(({ path }) => zip.has(path));
  const chosen = candidates.find((c) => c.visible) ?? candidates[0];
  const path = chosen?.path ?? (zip.has('xl/worksheets/sheet1.xml') ? 'xl/worksheets/sheet1.xml' : undefined);
  if (!path) return undefined;
  return { path, sheetNo: /sheet(\d+)\.xml$/.exec(path)?.[1] ?? '1' };
}

/**
 * Bytes of shared-strings XML a workbook may have. exceljs holds the whole table (a cell refers
 * to a string by its index), as JS strings that take up to about 3 times their XML (UTF-16 and a
 * header per string). An eighth of the uncompressed-size limit, at most 64 MiB: at most about
 * 200 MB of strings, which leaves room in a 1 GB Lambda for the rest of the ingest.
 */
export function sharedStringsBudget(maxUncompressedBytes: number): number {
  return Math.min(Math.floor(maxUncompressedBytes / 8), 64 * 1024 * 1024);
}

/**
 * Temporary copies are `<tmp>/pkh-xlsx-<pid>.<process token>-<random>/input.xlsx`, so a later run
 * knows whose they are. The token tells this process from an earlier one with the same id (a
 * Lambda runtime restarted after a timeout keeps its /tmp and may get the same process id).
 */
const TEMP_PREFIX = 'pkh-xlsx-';
const PROCESS_TOKEN = randomBytes(4).toString('hex');
/** A copy older than this is a leftover whatever process made it (a process id can be reused). */
const STALE_COPY_MS = 24 * 60 * 60 * 1000;

function isRunning(pid: number, token: string): boolean {
  if (pid === process.pid) return token === PROCESS_TOKEN;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes temporary copies left by ingests that were killed (their `finally` never ran): those of
 * a process that no longer runs, and any older than a day. Best effort: a copy that cannot be
 * removed is left for the next run.
 */
async function sweepLeftoverCopies(): Promise<void> {
  const dir = tmpdir();
  const names = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(
    names
      .filter((n) => n.startsWith(TEMP_PREFIX))
      .map(async (name) => {
        const path = join(dir, name);
        const owner = /^pkh-xlsx-(\d+)\.([0-9a-f]+)-/.exec(name);
        let stale = owner !== null && !isRunning(Number(owner[1]), owner[2]);
        if (!stale) stale = await stat(path).then((s) => Date.now() - s.mtimeMs > STALE_COPY_MS, () => false);
        if (stale) await rm(path, { recursive: true, force: true }).catch(() => undefined);
      }),
  );
}

async function spoolToTempFile(source: ByteSource): Promise<{ dir: string; path: string }> {
  await sweepLeftoverCopies();
  const dir = await mkdtemp(join(tmpdir(), `${TEMP_PREFIX}${process.pid}.${PROCESS_TOKEN}-`));
  const path = join(dir, 'input.xlsx');
  try {
    async function* chunks() {
      for (let chunk = await source.next(); chunk !== null; chunk = await source.next()) yield chunk;
    }
    await pipeline(Readable.from(chunks()), createWriteStream(path));
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  return { dir, path };
}

/**
 * Opens the first worksheet of an XLSX: the zip is written to a temporary file (yauzl needs
 * random access to read the central directory first), checked for zip bombs, and its first sheet
 * streamed row by row. Row 1 (the first non-empty row) is the header; `row` is the sheet's row
 * number. Cells are text: dates `YYYY-MM-DD` (or `YYYY-MM-DDTHH:MM:SS`), formulas by their cached
 * result, rich text as plain text, numbers as plain digits. Values in columns without a header
 * are not read.
 */
export async function openXlsx(source: ByteSource, errors: ReaderErrors, options: XlsxOptions): Promise<OpenedFile> {
  const { dir, path } = await spoolToTempFile(source);
  let zip: CheckedZip | undefined;
  let rows: AsyncIterator<SheetRow> | undefined;
  let sheetStream: Readable | undefined;
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    try {
      await rows?.return?.();
    } catch {
      // Abandoning the sheet; its parser may complain about the cut stream.
    }
    sheetStream?.destroy();
    zip?.close();
    await rm(dir, { recursive: true, force: true });
  };

  let current = 'xl/workbook.xml';
  try {
    zip = await CheckedZip.open(path, options.maxUncompressedBytes, errors);
    const book = new ExcelJS.stream.xlsx.WorkbookReader(path, READER_OPTIONS) as unknown as WorkbookReaderParts;
    current = 'xl/_rels/workbook.xml.rels';
    if (zip.has(current)) await book._parseRels(await zip.text(current));
    current = 'xl/workbook.xml';
    if (zip.has(current)) await book._parseWorkbook(await zip.text(current));
    current = 'xl/sharedStrings.xml';
    if (zip.has(current)) {
      // Checked on the declared size (enforced while inflating), before any string is held.
      const budget = sharedStringsBudget(options.maxUncompressedBytes);
      if (zip.size(current) > budget) throw errors.sharedStringsTooLarge(zip.size(current), budget);
      for await (const event of book._parseSharedStrings(await zip.text(current))) void event;
    }
    book.sharedStrings ??= [];
    current = 'xl/styles.xml';
    if (zip.has(current)) await book._parseStyles(await zip.text(current));

    const sheet = firstWorksheet(book, zip);
    if (!sheet) throw errors.noSheet();
    current = sheet.path;
    sheetStream = await zip.text(sheet.path);
    const reader = [...book._parseWorksheet(isoDateCellsAsText(sheetStream), sheet.sheetNo)][0]?.value;
    const date1904 = book.properties?.model?.date1904 === true;
    if (!reader) throw errors.noSheet();
    rows = reader[Symbol.asyncIterator]();

    let headerRow: SheetRow | undefined;
    for (let step = await rows.next(); !step.done; step = await rows.next()) {
      if (!isBlankRow(step.value.values as unknown[])) {
        headerRow = step.value;
        break;
      }
    }
    if (!headerRow) throw errors.empty();
    const headerValues = headerRow.values as unknown[];
    let width = headerValues.length - 1;
    while (width > 0 && (cellText(headerValues[width]) ?? '').trim() === '') width--;
    const header: string[] = [];
    for (let c = 1; c <= width; c++) header.push((cellText(headerValues[c]) ?? '').trim());
    assertNoDuplicateColumns(header, errors, `baris ${headerRow.number}`, `row ${headerRow.number}`);

    const build = cellsBuilder(header);
    const texts: (string | null)[] = new Array(width);
    const sheetRows = rows;
    const sheetPath = sheet.path;
    const openedZip = zip;
    async function* records(): AsyncGenerator<RawRecord> {
      let count = 0;
      try {
        for (let step = await sheetRows.next(); !step.done; step = await sheetRows.next()) {
          const values = step.value.values as unknown[];
          if (isBlankRow(values)) continue;
          if (++count > options.maxRows) throw errors.tooManyRows(options.maxRows, step.value.number, 'sheet row');
          for (let c = 0; c < width; c++) texts[c] = cellText(values[c + 1], date1904);
          yield { row: step.value.number, cells: build(texts) };
        }
      } catch (err) {
        throw openedZip.explain(err, sheetPath);
      } finally {
        await close();
      }
    }

    const recordStream = records();
    return {
      format: 'xlsx',
      header,
      date1904,
      records: recordStream,
      batches: chunked(recordStream, BATCH_ROWS),
      close,
    };
  } catch (err) {
    await close();
    throw zip ? zip.explain(err, current) : err;
  }
}
