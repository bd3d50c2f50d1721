/**
 * The correction workbook (SYSTEM.md "Command line"): after an ingest with rejected rows, an XLSX
 * beside the quarantine that a facilitator can open, fix and upload again as the same dataset.
 *
 * - Sheet 1 (the one the ingest reads) holds the rejected rows under the dataset's canonical
 *   column names, every cell as text (ids keep leading zeros, codes stay `33.10`), a cell that
 *   failed as a NIK left empty and any other 16-digit run masked.
 *   Only the dataset's own columns: an unknown column (a beneficiary's name) never gets here.
 * - Each failing cell is filled red and carries a note with the reason; two columns after the data
 *   give the original line and, one line per failed rule, what is wrong and how to fix it. Their
 *   headers match no column of any dataset, so a re-upload ignores them (listed as unknown).
 * - Sheet 2 explains what to do.
 *
 * Written from the quarantine object itself, so the local path and the Lambda write the same
 * workbook, and byte for byte the same for the same upload and moment of ingest (a re-run
 * overwrites it like every other object of the ingest).
 */
import ExcelJS from 'exceljs';
import { createInterface } from 'node:readline';
import { correctionWorkbookKey, type DatasetName } from '../lib/lake-layout.js';
import type { ObjectStore } from '../lib/object-store/index.js';
import type { Dataset } from '../../schemas/index.js';
import { FIX_HINTS, type ErrorCode } from '../../schemas/messages.js';
import { maskNik } from '../../schemas/values.js';
import type { QuarantineEntry } from './chunk.js';

export type WorkbookLang = 'id' | 'en';

/** Rows the workbook holds at most; the quarantine keeps every rejected row whatever the count. */
export const CORRECTION_MAX_ROWS = 5_000;

const CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const BAD_FILL = 'FFF8D3D0';
const NOTE_FILL = 'FFFFF4CE';
const HEADER_FILL = 'FF1F3A5F';

/** Headers of the two explanation columns: no dataset has a column or alias with these names. */
export const EXPLANATION_HEADERS: Record<WorkbookLang, { row: string; errors: string }> = {
  id: { row: 'BARIS ASAL (diabaikan saat unggah)', errors: 'KESALAHAN DAN CARA MEMPERBAIKI (diabaikan saat unggah)' },
  en: { row: 'SOURCE LINE (ignored on upload)', errors: 'WHAT IS WRONG AND HOW TO FIX IT (ignored on upload)' },
};

// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
/** Characters an Excel cell holds at most; a longer (garbage) value is cut, marked with `…`. */
const EXCEL_CELL_MAX = 32_767;
const clean = (text: string) => {
  const masked = maskNik(text.replace(XML_INVALID, ''));
  return masked.length > EXCEL_CELL_MAX ? `${masked.slice(0, EXCEL_CELL_MAX - 1)}…` : masked;
};

/** The half of a quarantine message (`Indonesian / English`) in the language. */
export function messageIn(message: string, lang: WorkbookLang): string {
  const at = message.indexOf(' / ');
  if (at < 0) return message;
  return lang === 'id' ? message.slice(0, at) : message.slice(at + 3);
}

/** One line per failed rule: the quarantine's message, then how to fix it. */
export function explanationLines(entry: QuarantineEntry, lang: WorkbookLang): string[] {
  const hintOf = (code: string) => FIX_HINTS[code as ErrorCode]?.[lang === 'id' ? 0 : 1];
  return entry.errors.map((e) => {
    const hint = hintOf(e.code);
    return `• ${messageIn(e.message, lang)}${hint ? ` → ${hint}` : ''}`;
  });
}

/**
 * Raw cells of a quarantined row (keyed by the file's own header cells) under the dataset's
 * canonical column names.
 */
function canonicalCells(dataset: Dataset, raw: Record<string, string | null>, cache: Map<string, string | null>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [header, value] of Object.entries(raw)) {
    let name = cache.get(header);
    if (name === undefined) {
      name = dataset.resolveHeader([header]).index.keys().next().value ?? null;
      cache.set(header, name);
    }
    if (name && value != null && !out.has(name)) out.set(name, value);
  }
  return out;
}

export interface CorrectionWorkbookInput {
  dataset: Dataset;
  /** The rejected rows, in file order (at most CORRECTION_MAX_ROWS are taken). */
  entries: Iterable<QuarantineEntry> | AsyncIterable<QuarantineEntry>;
  /** All rejected rows of the upload (may exceed the entries taken). */
  rejected: number;
  /** The upload's key or path, named on the instructions sheet (NIKs masked). */
  source: string;
  /** Moment of ingest (epoch ms): the workbook's own dates, so a re-run writes the same bytes. */
  now: number;
  lang?: WorkbookLang;
}

/** Builds the correction workbook's bytes. */
export async function buildCorrectionWorkbook(input: CorrectionWorkbookInput): Promise<Uint8Array> {
  const lang = input.lang ?? 'id';
  const { dataset } = input;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Pantau PKH';
  wb.created = new Date(input.now);
  wb.modified = new Date(input.now);
  const sheetName = lang === 'id' ? 'Perbaiki' : 'Fix';
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  const names = dataset.columns.map((c) => c.name);
  const explain = EXPLANATION_HEADERS[lang];
  const header = ws.addRow([...names, explain.row, explain.errors]);
  header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  header.eachCell((cell, i) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: i > names.length ? 'FF7A4B00' : HEADER_FILL } };
  });
  const widths = names.map((n) => n.length + 2);
  const cache = new Map<string, string | null>();
  let taken = 0;
  for await (const entry of input.entries) {
    if (taken >= CORRECTION_MAX_ROWS) break;
    taken++;
    const cells = canonicalCells(dataset, entry.raw, cache);
    // A cell that failed as a NIK is left empty, not masked: a masked id (`************8901`)
    // could pass a re-upload unnoticed, an empty one fails as `required` until someone fills it.
    const nikCells = new Set(entry.errors.filter((e) => e.code === 'pii_nik').map((e) => e.column));
    const row = ws.getRow(taken + 1);
    names.forEach((name, i) => {
      const cell = row.getCell(i + 1);
      cell.numFmt = '@'; // typed values stay text: ids, codes and dates are read back as written
      const value = nikCells.has(name) ? undefined : cells.get(name);
      if (value !== undefined && value !== '') {
        cell.value = clean(value);
        widths[i] = Math.max(widths[i], Math.min(50, cell.value.length + 2));
      }
    });
    const byColumn = new Map<string, string[]>();
    for (const e of entry.errors) {
      if (!names.includes(e.column)) continue;
      const list = byColumn.get(e.column) ?? [];
      list.push(messageIn(e.message, lang));
      byColumn.set(e.column, list);
    }
    for (const [column, messages] of byColumn) {
      const cell = row.getCell(names.indexOf(column) + 1);
      const masked = cells.get(column);
      if (nikCells.has(column) && masked) messages.push(lang === 'id' ? `NIK dihapus: ${clean(masked)}` : `NIK removed: ${clean(masked)}`);
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: BAD_FILL } };
      cell.note = clean(messages.join('\n'));
    }
    const line = row.getCell(names.length + 1);
    line.value = entry.row;
    const why = row.getCell(names.length + 2);
    why.value = clean(explanationLines(entry, lang).join('\n'));
    why.alignment = { wrapText: true, vertical: 'top' };
    why.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: NOTE_FILL } };
  }
  ws.columns.forEach((col, i) => {
    col.width = i < names.length ? widths[i] : i === names.length ? 14 : 90;
  });
  addInstructions(wb, input, taken, lang);
  const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  return fixZipTimes(bytes);
}

function addInstructions(wb: ExcelJS.Workbook, input: CorrectionWorkbookInput, taken: number, lang: WorkbookLang): void {
  const ws = wb.addWorksheet(lang === 'id' ? 'Petunjuk' : 'Instructions');
  const name = input.dataset.name;
  const source = clean(input.source);
  const lines =
    lang === 'id'
      ? [
          `Buku kerja perbaikan — ${input.dataset.title[0]} (${name})`,
          `Berkas asal: ${source}`,
          `Baris ditolak: ${input.rejected}${taken < input.rejected ? `; buku kerja ini memuat ${taken} baris pertama, sisanya ada di karantina (.jsonl)` : ''}`,
          '',
          '1. Buka lembar "Perbaiki". Sel berwarna merah gagal diperiksa; arahkan kursor ke sel itu untuk membaca alasannya.',
          '2. Kolom "KESALAHAN DAN CARA MEMPERBAIKI" menjelaskan setiap kesalahan, satu baris per aturan.',
          '3. Perbaiki sel merah. Jangan ubah nama kolom di baris 1. Sel yang berisi NIK dikosongkan (catatannya menyebut 4 digit terakhir): isi dengan ID yang benar, bukan NIK.',
          '4. Simpan sebagai .xlsx dan unggah lagi sebagai dataset yang sama:',
          `   pkh ingest --dataset ${name} <berkas ini>`,
          '   Dua kolom keterangan di kanan diabaikan saat unggah (tercantum sebagai kolom tidak dikenal).',
        ]
      : [
          `Correction workbook — ${input.dataset.title[1]} (${name})`,
          `Source file: ${source}`,
          `Rejected rows: ${input.rejected}${taken < input.rejected ? `; this workbook holds the first ${taken}, the rest are in the quarantine (.jsonl)` : ''}`,
          '',
          '1. Open the sheet "Fix". Red cells failed a check; hover over a cell to read why.',
          '2. The column "WHAT IS WRONG AND HOW TO FIX IT" explains each error, one line per rule.',
          '3. Fix the red cells. Do not rename the columns in row 1. A cell that held a NIK is left empty (its note gives the last 4 digits): fill in the right id, never a NIK.',
          '4. Save as .xlsx and upload it again as the same dataset:',
          `   pkh ingest --dataset ${name} <this file>`,
          '   The two explanation columns on the right are ignored on upload (listed as unknown columns).',
        ];
  ws.getColumn(1).width = 120;
  for (const text of lines) ws.addRow([text]).getCell(1).numFmt = '@';
  ws.getRow(1).font = { bold: true, size: 13 };
}

/**
 * Sets every zip entry's DOS time and date to 1980-01-01 00:00 (the zip epoch): the zip library
 * stamps entries with the wall clock, and the same upload must write the same bytes.
 */
export function fixZipTimes(zip: Uint8Array): Uint8Array {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('correction workbook: no end of central directory');
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const DOS_DATE_1980 = (0 << 9) | (1 << 5) | 1;
  for (let n = 0; n < count; n++) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new Error('correction workbook: bad central directory');
    view.setUint16(at + 12, 0, true);
    view.setUint16(at + 14, DOS_DATE_1980, true);
    const local = view.getUint32(at + 42, true);
    if (view.getUint32(local, true) === 0x04034b50) {
      view.setUint16(local + 10, 0, true);
      view.setUint16(local + 12, DOS_DATE_1980, true);
    }
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return zip;
}

/** Quarantine lines of a stored quarantine object, parsed, in order. */
async function* quarantineEntries(store: ObjectStore, key: string): AsyncGenerator<QuarantineEntry> {
  const stream = await store.getStream(key);
  const lines = createInterface({ input: stream as NodeJS.ReadableStream, crlfDelay: Infinity });
  try {
    for await (const line of lines) if (line.trim() !== '') yield JSON.parse(line) as QuarantineEntry;
  } finally {
    lines.close();
    (stream as { destroy?: () => void }).destroy?.();
  }
}

/**
 * Writes the correction workbook of one ingest from its quarantine object; returns its key.
 * Called by the ingest core after the quarantine is complete and before the manifest.
 */
export async function writeCorrectionWorkbook(opts: {
  store: ObjectStore;
  dataset: Dataset;
  id: string;
  /** Where to write it (the ingest stages it under the commit protocol); default its final key. */
  key?: string;
  quarantineKey: string;
  rejected: number;
  source: string;
  now: number;
  lang?: WorkbookLang;
}): Promise<string> {
  const key = opts.key ?? correctionWorkbookKey(opts.dataset.name as DatasetName, opts.id);
  const bytes = await buildCorrectionWorkbook({
    dataset: opts.dataset,
    entries: quarantineEntries(opts.store, opts.quarantineKey),
    rejected: opts.rejected,
    source: opts.source,
    now: opts.now,
    lang: opts.lang,
  });
  await opts.store.put(key, bytes, { contentType: CONTENT_TYPE });
  return key;
}
