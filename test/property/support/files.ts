/**
 * Generated upload files for the "nothing lost" property: a header (canonical names, aliases,
 * random case and separators, unknown columns, any order), valid rows mutated cell by cell, blank
 * lines, and whole-file faults; written as CSV (`,`/`;`, CRLF/LF, BOM, Windows-1252), JSON Lines
 * or XLSX. `expectationOf` says what the ingest must make of the file, computed from what was
 * written (the validator itself is checked apart in validators.test.ts).
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { getDataset, normalizeHeader, type DatasetName, type ErrorCode, type Row } from '../../../schemas/index.js';
import { mutationsOf } from './mutations.js';
import { partitionOfExpected, validRow, type GenRow } from './rows.js';
import { randomCase, rawText, type TextProfile } from './values.js';
import { maskedText, NOW } from './world.js';

export type Format = 'csv' | 'jsonl' | 'xlsx';

/** A cell as written: text, nothing, a typed JSON value (JSON Lines), a number or a date (XLSX). */
export type OutCell = string | null | { json: unknown } | { num: number } | { date: string };

export interface HeaderCol {
  text: string;
  /** Canonical column it names, or null for an unknown column. */
  column: string | null;
}

export type Line =
  | { kind: 'row'; cells: OutCell[]; omit: number[]; extra: [string, unknown][]; mutations: string[] }
  | { kind: 'blank'; text: string }
  | { kind: 'invalid'; text: string };

export interface FilePlan {
  dataset: DatasetName;
  format: Format;
  key: string;
  fault: 'none' | 'drop_required' | 'duplicate' | 'header_only' | 'empty';
  header: HeaderCol[];
  lines: Line[];
  leadingBlank: number;
  delimiter: ',' | ';';
  /** Line endings used in turn (CSV mixes every kind, as a file edited on two machines does; JSON Lines LF or CR LF). */
  eols: string[];
  bom: boolean;
  encoding: 'utf-8' | 'windows-1252';
  finalEol: boolean;
  quoteAll: boolean;
  chunkSizes: number[];
}

const NIK = '3201234567890123';
const UNKNOWN_NAMES = ['keterangan', 'Nama KPM', 'NIK', 'No', 'Unnamed: 0', 'kolom lain', 'Alamat', '3201 2345 6789 0123', '3201-2345-6789-0123'];
/** Forces Windows-1252 detection: `é` as byte E9 followed by ASCII is not UTF-8. */
const CP1252_MARKER = 'keterangan_é';

const PAYLOADS = ['=HYPERLINK("http://contoh.invalid","klik")', '<script>alert(1)</script>', '=1+1', '@SUM(A1)', '+1', '-1', '<img src=x onerror=alert(1)>'];
const HUGE = ['99999999999999999999', '1e308', '9007199254740993', '-0', '2147483648', '1.7976931348623157e+308', 'Infinity', 'NaN'];
const IMPOSSIBLE = ['2026-02-30', '31/04/2025', '2026-02-30T10:00', '2025-13', '29-02-2025', '2025-12-32 08:00'];
const SPECIAL = ['a"b', '"dikutip"', 'baris\nbaru', 'baris\r\nbaru', 'cr\ronly', 'titik;koma', 'koma,satu', '"', ';', ',', '""', 'a""b'];
const UNICODE = ['é', 'Ünïcödé', '漢字', '😀', '\u00a0x', '\u200b', 'ﷺ', 'Ä–“”€'];

/** A header name as people write it: any case, `_` as space or `-`, sometimes padded. */
function headerText(name: string): fc.Arbitrary<string> {
  return fc
    .record({ sep: fc.constantFrom('_', ' ', '-', '_'), pad: fc.constantFrom('', '', ' ') })
    .chain(({ sep, pad }) => randomCase(name.replaceAll('_', sep)).map((t) => `${pad}${t}${pad}`));
}

interface RowPlan {
  base: GenRow;
  mutations: { kind: string; a: number; b: number; text: string }[];
  unknown: string[];
}

const rowMutation = (profile: TextProfile) =>
  fc.oneof(
    fc.record({ kind: fc.constant('blank'), a: fc.nat(), b: fc.nat(), text: fc.constantFrom('', ' ', '\t') }),
    fc.record({ kind: fc.constant('text'), a: fc.nat(), b: fc.nat(), text: rawText(profile, 4) }),
    fc.record({ kind: fc.constant('nik'), a: fc.nat(), b: fc.nat(), text: fc.constantFrom(NIK, `NIK ${NIK}`, `${NIK};${NIK}`, `x${NIK}y`, '3201 2345 6789 0123', '3201.2345.6789.0123', 'NIK 3201-2345-6789-0123', '３２０１２３４５６７８９０１２３') }),
    fc.record({ kind: fc.constant('bad'), a: fc.nat(), b: fc.nat(), text: fc.constant('') }),
    fc.record({ kind: fc.constant('swap'), a: fc.nat(), b: fc.nat(), text: fc.constant('') }),
    fc.record({ kind: fc.constant('payload'), a: fc.nat(), b: fc.nat(), text: fc.constantFrom(...PAYLOADS) }),
    fc.record({ kind: fc.constant('huge'), a: fc.nat(), b: fc.nat(), text: fc.constantFrom(...HUGE) }),
    fc.record({ kind: fc.constant('impossible'), a: fc.nat(), b: fc.nat(), text: fc.constantFrom(...IMPOSSIBLE) }),
    fc.record({ kind: fc.constant('special'), a: fc.nat(), b: fc.nat(), text: fc.constantFrom(...SPECIAL) }),
    fc.record({ kind: fc.constant('unicode'), a: fc.nat(), b: fc.nat(), text: fc.constantFrom(...UNICODE) }),
    fc.record({ kind: fc.constant('pad'), a: fc.nat(), b: fc.nat(), text: fc.constantFrom('  ', '\t', ' \t ') }),
    fc.record({ kind: fc.constant('ragged'), a: fc.nat(), b: fc.integer({ min: 1, max: 2 }), text: fc.constantFrom('', 'lebih', NIK) }),
    fc.record({ kind: fc.constant('omit'), a: fc.nat(), b: fc.nat(), text: fc.constant('') }),
    fc.record({ kind: fc.constant('extra'), a: fc.nat(), b: fc.nat(), text: fc.constantFrom('kunci_lain', 'NIK', 'nama kpm') }),
    fc.record({ kind: fc.constant('typed'), a: fc.nat(), b: fc.nat({ max: 6 }), text: fc.constant('') }),
  );

const TYPED: unknown[] = [12, 3.5, true, false, null, { a: 1 }, [1, 2]];

/** Arbitrary upload of `name` in `format`. */
export function filePlan(name: DatasetName, format: Format): fc.Arbitrary<FilePlan> {
  const d = getDataset(name);
  const profile: TextProfile = format === 'xlsx' ? 'xlsx' : 'file';
  const columnChoice = fc.record({ include: fc.integer({ min: 0, max: 9 }) });
  return fc
    .record({
      columns: fc.tuple(...d.columns.map(() => columnChoice)),
      names: fc.tuple(...d.columns.map((c) => fc.constantFrom(c.name, ...c.aliases).chain(headerText))),
      unknown: fc.subarray(UNKNOWN_NAMES.filter((u) => d.resolveHeader([u]).unknown.length === 1), { maxLength: 2 }),
      order: fc.array(fc.double({ noNaN: true }), { minLength: d.columns.length + 3, maxLength: d.columns.length + 3 }),
      fault: fc.oneof(
        { weight: 14, arbitrary: fc.constant('none' as const) },
        { weight: 1, arbitrary: fc.constantFrom('drop_required' as const, 'duplicate' as const, 'header_only' as const, 'empty' as const) },
      ),
      faultPick: fc.nat(),
      rows: fc.array(
        fc.record({
          base: validRow(name, profile),
          mutations: fc.oneof({ weight: 2, arbitrary: fc.constant([] as RowPlan['mutations']) }, { weight: 3, arbitrary: fc.array(rowMutation(profile), { minLength: 1, maxLength: 3 }) }),
          unknown: fc.array(fc.oneof(rawText(profile, 2), fc.constant(NIK)), { minLength: 2, maxLength: 2 }),
        }),
        { maxLength: format === 'xlsx' ? 8 : 12 },
      ),
      blanks: fc.array(fc.tuple(fc.nat(), fc.constantFrom('', '   ', 'delims', ' \t')), { maxLength: 3 }),
      invalid: format === 'jsonl' ? fc.array(fc.tuple(fc.nat(), fc.constantFrom('{"a":', 'bukan json', '42', 'null', '"teks"', '{"x":1}{', 'true')), { maxLength: 2 }) : fc.constant([]),
      leadingBlank: fc.integer({ min: 0, max: 2 }),
      delimiter: fc.constantFrom(',' as const, ';' as const),
      eols: fc.array(format === 'csv' ? fc.constantFrom('\n', '\r\n', '\r', '\n\r') : fc.constantFrom('\n', '\r\n'), { minLength: 1, maxLength: 3 }),
      bom: fc.boolean(),
      encoding: format === 'csv' ? fc.oneof({ weight: 3, arbitrary: fc.constant('utf-8' as const) }, { weight: 1, arbitrary: fc.constant('windows-1252' as const) }) : fc.constant('utf-8' as const),
      finalEol: fc.boolean(),
      quoteAll: fc.boolean(),
      chunkSizes: fc.array(fc.integer({ min: 1, max: 200 }), { maxLength: 4 }),
      fileNo: fc.integer({ min: 1, max: 99 }),
    })
    .map((g) => {
      const ext = format === 'jsonl' ? 'jsonl' : format;
      const key = `incoming/${name}/unggah data ${g.fileNo}.${ext}`;
      // Header: every required column, most optional ones, then unknown ones, shuffled.
      let header: HeaderCol[] = [];
      d.columns.forEach((c, i) => {
        if (c.presence === 'required' || g.columns[i].include < 8) header.push({ text: g.names[i], column: c.name });
      });
      const unknown = [...g.unknown];
      const encoding = g.encoding;
      if (encoding === 'windows-1252') unknown.push(CP1252_MARKER);
      for (const u of unknown) header.push({ text: u, column: null });
      header = header
        .map((h, i) => ({ h, k: g.order[i % g.order.length] + i * 1e-9 }))
        .sort((a, b) => a.k - b.k)
        .map(({ h }) => h);
      const fault = g.fault;
      if (fault === 'drop_required') {
        const required = header.filter((h) => h.column && d.column(h.column)!.presence === 'required');
        const drop = required[g.faultPick % required.length];
        header = header.filter((h) => h !== drop);
      } else if (fault === 'duplicate') {
        const named = header.filter((h) => h.column);
        const twin = named[g.faultPick % named.length];
        const c = d.column(twin.column!)!;
        const names = [c.name, ...c.aliases];
        const other = names[(names.indexOf(normalizeHeader(twin.text)) + 1) % names.length] ?? c.name;
        header.push({ text: other === normalizeHeader(twin.text) ? other.toUpperCase() : other, column: c.name });
      }

      const lines: Line[] = [];
      if (fault !== 'header_only' && fault !== 'empty') {
        for (const r of g.rows) lines.push(rowLine(name, format, header, { base: r.base, mutations: r.mutations, unknown: r.unknown }));
        for (const [at, text] of g.blanks) lines.splice(at % (lines.length + 1), 0, { kind: 'blank', text: text === 'delims' ? (format === 'csv' ? g.delimiter.repeat(header.length - 1) : '') : text });
        for (const [at, text] of g.invalid) lines.splice(at % (lines.length + 1), 0, { kind: 'invalid', text });
      }
      return {
        dataset: name,
        format,
        key,
        fault,
        header: fault === 'empty' ? [] : header,
        lines,
        leadingBlank: g.leadingBlank,
        delimiter: g.delimiter,
        eols: g.eols,
        bom: g.bom && encoding === 'utf-8',
        encoding,
        finalEol: g.finalEol,
        quoteAll: g.quoteAll,
        chunkSizes: g.chunkSizes,
      } satisfies FilePlan;
    });
}

/** One data line: the base row's cells in header order, then its mutations applied in turn. */
function rowLine(name: DatasetName, format: Format, header: HeaderCol[], r: RowPlan): Line {
  const cells: OutCell[] = header.map((h, i) => (h.column ? r.base.cells[h.column] : r.unknown[i % r.unknown.length]));
  // Typed cells where the format has types: plain integers as numbers, ISO dates as dates.
  const d = getDataset(name);
  header.forEach((h, i) => {
    const c = h.column ? d.column(h.column) : undefined;
    const text = cells[i] as string;
    if (!c) return;
    if (format !== 'csv' && c.kind === 'int' && /^(0|[1-9]\d{0,14})$/.test(text) && (text.length + i) % 2 === 0) cells[i] = format === 'jsonl' ? { json: Number(text) } : { num: Number(text) };
    if (format === 'xlsx' && c.kind === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(text) && i % 2 === 0) cells[i] = { date: text };
    if (format === 'jsonl' && c.kind === 'bool' && (text === 'true' || text === 'false')) cells[i] = { json: text === 'true' };
    // A kabupaten code a spreadsheet turned into a number (`33.10` → 33.1), as a number or its text.
    if (c.kind === 'kabupaten' && /^\d{2}\.\d0$/.test(text) && i % 2 === 0) cells[i] = format === 'csv' ? text.slice(0, -1) : format === 'jsonl' ? { json: Number(text) } : { num: Number(text) };
  });
  const omit: number[] = [];
  const extra: [string, unknown][] = [];
  const applied: string[] = [];
  const bad = mutationsOf(name, r.base);
  for (const mu of r.mutations) {
    const at = mu.a % cells.length;
    const col = header[at]?.column;
    switch (mu.kind) {
      case 'blank':
      case 'text':
      case 'nik':
      case 'payload':
      case 'huge':
      case 'impossible':
      case 'unicode':
        cells[at] = mu.text;
        break;
      case 'special':
        // Line breaks in XLSX cells: only LF survives XML.
        cells[at] = format === 'xlsx' ? mu.text.replace(/\r\n?/g, '\n') : mu.text;
        break;
      case 'pad':
        cells[at] = `${mu.text}${typeof cells[at] === 'string' ? cells[at] : ''}${mu.text}`;
        break;
      case 'bad': {
        const mine = bad.filter((b) => header.some((h) => h.column === b.target));
        if (mine.length === 0) continue;
        const b = mine[mu.b % mine.length];
        const where = header.findIndex((h) => h.column === b.target);
        // A row cut short (ragged) may no longer have that cell.
        if (where >= cells.length) continue;
        cells[where] = b.text;
        break;
      }
      case 'swap': {
        const other = mu.b % cells.length;
        [cells[at], cells[other]] = [cells[other], cells[at]];
        break;
      }
      case 'ragged':
        if (format === 'jsonl') continue;
        if (mu.a % 2 === 0) for (let k = 0; k < mu.b; k++) cells.push(mu.text);
        else cells.splice(Math.max(1, cells.length - mu.b));
        break;
      case 'omit':
        if (format !== 'jsonl') continue;
        omit.push(at);
        break;
      case 'extra':
        if (format !== 'jsonl') continue;
        extra.push([mu.text, mu.b % 2 ? NIK : 'nilai']);
        break;
      case 'typed':
        if (format !== 'jsonl') continue;
        cells[at] = { json: TYPED[mu.b % TYPED.length] };
        break;
    }
    applied.push(`${mu.kind}@${col ?? at}`);
  }
  return { kind: 'row', cells, omit, extra, mutations: applied };
}

// ---------------------------------------------------------------------------------------------
// Writing

/** What a reader hands back for one written cell (before any validation). */
function seenCell(format: Format, cell: OutCell, encoding: FilePlan['encoding']): string | null {
  if (cell === null) return format === 'csv' ? '' : null;
  if (typeof cell === 'string') return encoding === 'windows-1252' ? via1252(cell) : cell;
  if ('num' in cell) return String(cell.num);
  if ('date' in cell) return cell.date;
  const v = cell.json;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return v === null || v === undefined ? null : JSON.stringify(v);
}

export function via1252(text: string): string {
  return iconv.decode(iconv.encode(text, 'windows-1252'), 'windows-1252');
}

/** One data record as the ingest should see it: line/row number and cells keyed by header text, or why it cannot be read. */
export type Written =
  | { row: number; kind: 'cells'; header: string[]; values: (string | null)[]; keys?: string[] }
  | { row: number; kind: 'ragged'; header: string[]; values: string[] }
  | { row: number; kind: 'invalid'; text: string };

function lineBreaks(text: string): number {
  return (text.match(/\r\n|\r|\n/g) ?? []).length;
}

function csvQuote(v: string, delimiter: string, all: boolean): string {
  return all || v.includes(delimiter) || /["\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

function isBlankValues(values: readonly (string | null)[]): boolean {
  return values.every((v) => v === null || v.trim() === '');
}

/** True when a data line would read as blank cells (skipped, not a row); such lines are written as blank lines instead. */
function blankLine(plan: FilePlan, line: Line & { kind: 'row' }): boolean {
  if (plan.format === 'jsonl') return false;
  return isBlankValues(line.cells.map((c) => seenCell(plan.format, c, plan.encoding)));
}

export async function writeFile(plan: FilePlan): Promise<{ bytes: Uint8Array; written: Written[] }> {
  switch (plan.format) {
    case 'csv':
      return writeCsv(plan);
    case 'jsonl':
      return writeJsonl(plan);
    case 'xlsx':
      return writeXlsx(plan);
  }
}

/** The line endings of a plan, one after the other. */
function eolsOf(plan: FilePlan): () => string {
  let n = 0;
  return () => plan.eols[n++ % plan.eols.length];
}

function writeCsv(plan: FilePlan): { bytes: Uint8Array; written: Written[] } {
  const { delimiter } = plan;
  const eol = eolsOf(plan);
  const written: Written[] = [];
  const header = plan.header.map((h) => h.text.trim());
  const seenHeader = header.map((h) => (plan.encoding === 'windows-1252' ? via1252(h) : h));
  let text = '';
  for (let i = 0; i < plan.leadingBlank; i++) text += eol();
  if (plan.header.length > 0) text += plan.header.map((h) => csvQuote(h.text, delimiter, false)).join(delimiter);
  for (const l of plan.lines) {
    text += eol();
    // DATA.md's line-ending model: CR LF, LF and a lone CR are one break each (also across lines: `\r` then `\n` is one).
    const line = 1 + lineBreaks(text);
    if (l.kind === 'invalid') continue;
    if (l.kind === 'blank' || blankLine(plan, l)) {
      text += l.kind === 'blank' ? l.text : delimiter.repeat(header.length - 1);
      continue;
    }
    const values = l.cells.map((c) => (c === null ? '' : typeof c === 'string' ? c : String(seenCell('csv', c, 'utf-8'))));
    const encoded = values.map((v) => csvQuote(v, delimiter, plan.quoteAll)).join(delimiter);
    // A line break inside a quoted cell is read as LF.
    const seen = values.map((v) => (plan.encoding === 'windows-1252' ? via1252(v) : v).replace(/\r\n|\r/g, '\n'));
    written.push(values.length === header.length ? { row: line, kind: 'cells', header: seenHeader, values: seen } : { row: line, kind: 'ragged', header: seenHeader, values: seen });
    text += encoded;
  }
  if (plan.finalEol) text += eol();
  const bytes = plan.encoding === 'windows-1252' ? iconv.encode(text, 'windows-1252') : Buffer.from((plan.bom ? '\ufeff' : '') + text, 'utf8');
  return { bytes, written };
}

function writeJsonl(plan: FilePlan): { bytes: Uint8Array; written: Written[] } {
  const written: Written[] = [];
  const lines: string[] = [];
  for (let i = 0; i < plan.leadingBlank; i++) lines.push('');
  for (const l of plan.lines) {
    if (l.kind === 'blank') {
      lines.push(l.text);
      continue;
    }
    if (l.kind === 'invalid') {
      lines.push(l.text);
      written.push({ row: lines.length, kind: 'invalid', text: l.text });
      continue;
    }
    const obj: Record<string, unknown> = {};
    plan.header.forEach((h, i) => {
      if (l.omit.includes(i) || i >= l.cells.length) return;
      const c = l.cells[i];
      obj[h.text] = c !== null && typeof c === 'object' ? ('json' in c ? c.json : 'num' in c ? c.num : c.date) : c;
    });
    for (const [k, v] of l.extra) if (!(k in obj)) obj[k] = v;
    lines.push(JSON.stringify(obj));
    const keys = Object.keys(obj);
    written.push({ row: lines.length, kind: 'cells', header: keys, values: keys.map((k) => seenCell('jsonl', { json: obj[k] }, 'utf-8')), keys });
  }
  const eol = eolsOf(plan);
  const text = (plan.bom ? '\ufeff' : '') + lines.map((l, i) => (i === 0 ? l : eol() + l)).join('') + (plan.finalEol ? eol() : '');
  return { bytes: Buffer.from(text, 'utf8'), written };
}

async function writeXlsx(plan: FilePlan): Promise<{ bytes: Uint8Array; written: Written[] }> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Data');
  const written: Written[] = [];
  const header = plan.header.map((h) => h.text.trim());
  let rowNo = plan.leadingBlank + 1;
  // Cell by cell: `row.values = [null, ...]` would be read as a sparse, 1-based array.
  const put = (r: number, values: unknown[]) => values.forEach((v, i) => {
    if (v !== null) sheet.getRow(r).getCell(i + 1).value = v as ExcelJS.CellValue;
  });
  if (plan.header.length > 0) put(rowNo, plan.header.map((h) => h.text));
  for (const l of plan.lines) {
    rowNo++;
    if (l.kind !== 'row' || blankLine(plan, l)) continue;
    const values = l.cells.map((c) => (c === null ? null : typeof c === 'string' ? c : 'num' in c ? c.num : 'date' in c ? new Date(`${c.date}T00:00:00Z`) : String(c.json)));
    put(rowNo, values);
    const seen = header.map((_, i) => (i < l.cells.length ? seenCell('xlsx', l.cells[i], 'utf-8') : null));
    written.push({ row: rowNo, kind: 'cells', header, values: seen });
  }
  const bytes = new Uint8Array(await book.xlsx.writeBuffer());
  return { bytes, written };
}

// ---------------------------------------------------------------------------------------------
// What the ingest must do with it

export interface ExpectedRejected {
  row: number;
  errors: { column: string; code: ErrorCode }[];
  raw?: Record<string, string | null>;
}

export type Expectation =
  | { kind: 'file_error'; why: string }
  | {
      kind: 'ok';
      rowsRead: number;
      accepted: { row: number; stored: Row }[];
      rejected: ExpectedRejected[];
      unknown: string[];
    };

function masked(v: string | null): string | null {
  return v === null ? null : maskedText(v);
}

export function expectationOf(plan: FilePlan, written: Written[]): Expectation {
  const d = getDataset(plan.dataset);
  const fromXlsx = plan.format === 'xlsx';
  const columnOfText = (text: string): string | null => {
    const r = d.resolveHeader([text]);
    return r.index.keys().next().value ?? null;
  };

  // The header the file-level checks see: JSON Lines take the keys of the first object.
  let header: string[];
  if (plan.format === 'jsonl') {
    const firstContent = plan.lines.find((l) => l.kind === 'row' || (l.kind === 'invalid' && l.text.trim() !== ''));
    if (firstContent?.kind === 'invalid' && firstContent.text.trim().startsWith('[')) return { kind: 'file_error', why: 'JSON array' };
    const first = written.find((w) => w.kind === 'cells');
    if (!first && written.length === 0) return { kind: 'file_error', why: 'no content' };
    header = first?.kind === 'cells' ? first.header : [];
  } else {
    header = plan.header.map((h) => h.text.trim());
    if (header.length === 0) return { kind: 'file_error', why: 'empty file' };
  }
  if (header.length > 0) {
    const normalised = header.map(normalizeHeader).filter((h) => h !== '');
    if (new Set(normalised).size !== normalised.length) return { kind: 'file_error', why: 'same header twice' };
    const r = d.resolveHeader(header);
    if (r.duplicated.length > 0) return { kind: 'file_error', why: `duplicated ${r.duplicated[0].column}` };
    if (r.missing.length > 0) return { kind: 'file_error', why: `missing ${r.missing.join(',')}` };
  }

  const unknown = new Set<string>();
  if (plan.format !== 'jsonl') for (const h of header) if (h !== '' && columnOfText(h) === null) unknown.add(maskedText(h));
  const accepted: { row: number; stored: Row }[] = [];
  const rejected: ExpectedRejected[] = [];
  for (const w of written) {
    if (w.kind === 'invalid') {
      // Not JSON: the line's text (trimmed), masked, is what the quarantine keeps.
      rejected.push({ row: w.row, errors: [{ column: '', code: 'invalid_format' }], raw: { _line: maskedText(w.text.trim()) } });
      continue;
    }
    if (w.kind === 'ragged') {
      const raw: Record<string, string | null> = {};
      // The quarantine keeps only cells of the dataset's own columns (unknown ones may hold names).
      w.values.forEach((v, i) => {
        const name = i < w.header.length && w.header[i] !== '' && !(w.header[i] in raw) ? w.header[i] : `#${i + 1}`;
        if (columnOfText(name) !== null) raw[name] = masked(v);
      });
      rejected.push({ row: w.row, errors: [{ column: '', code: 'ragged_row' }], raw });
      continue;
    }
    const cells: Record<string, string | null> = {};
    w.header.forEach((h, i) => {
      const col = columnOfText(h);
      if (col === null) {
        if (plan.format === 'jsonl' && h.trim() !== '' && h !== '__proto__') unknown.add(maskedText(h));
        return;
      }
      if (!(col in cells)) cells[col] = w.values[i];
    });
    const result = d.validate(cells, { now: NOW, fromXlsx });
    if (result.ok) {
      accepted.push({ row: w.row, stored: result.row });
    } else {
      const raw: Record<string, string | null> = {};
      w.header.forEach((h, i) => {
        if (h !== '__proto__' && columnOfText(h) !== null) raw[h] = masked(w.values[i]);
      });
      rejected.push({ row: w.row, errors: result.errors.map((e) => ({ column: e.column, code: e.code })), raw: plan.format === 'xlsx' ? undefined : raw });
    }
  }
  return { kind: 'ok', rowsRead: written.length, accepted, rejected, unknown: [...unknown] };
}

/** The lake row of an accepted row: stored columns, partition keys as text, lineage. */
export function lakeRowOf(plan: FilePlan, a: { row: number; stored: Row }): Record<string, string | number | boolean | null> {
  const d = getDataset(plan.dataset);
  const out: Record<string, string | number | boolean | null> = {};
  for (const c of d.storageColumns) {
    const v = a.stored[c.name] ?? null;
    // "-0" is the number 0; Parquet has no negative zero.
    out[c.name] = Object.is(v, -0) ? 0 : v;
  }
  out._source = plan.key;
  out._row = a.row;
  out._ingested_at = NOW;
  const p = partitionOfExpected(plan.dataset, a.stored);
  out.kabupaten_code = p.kabupaten_code;
  if (p.period !== undefined) out.period = p.period;
  return out;
}

