import { assertNoDuplicateColumns } from './header.js';
import type { ReaderErrors } from './messages.js';
import type { ByteSource } from './source.js';
import { dropBom, inspectTextSample, Utf8Normaliser } from './text.js';
import type { OpenedFile, RawRecord } from './types.js';
import { flatten } from './iterate.js';

const SAMPLE_BYTES = 64 * 1024;

interface JsonlOptions {
  maxRows: number;
  maxLineBytes: number;
}

/** A JSON value as a raw cell: strings as they are, numbers and booleans as text, null as null. */
function cellOf(value: unknown): string | null {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'boolean':
      return String(value);
    default:
      // null stays null; nested objects and arrays keep their JSON text so validation can reject them.
      return value === null || value === undefined ? null : JSON.stringify(value);
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Keys that occur more than once in one object of a valid JSON text, at any depth (`"a"` and
 * `"\u0061"` are the same key). JSON.parse keeps the last one silently; DATA.md wants no value
 * resolved behind the writer's back.
 */
export function duplicateKeys(text: string): string[] {
  const stack: (Set<string> | null)[] = [];
  const found: string[] = [];
  const n = text.length;
  for (let i = 0; i < n; ) {
    const c = text.charCodeAt(i);
    if (c !== QUOTE) {
      if (c === 0x7b /* { */) stack.push(new Set());
      else if (c === 0x5b /* [ */) stack.push(null);
      else if (c === 0x7d /* } */ || c === 0x5d /* ] */) stack.pop();
      i++;
      continue;
    }
    let j = i + 1;
    let escaped = false;
    for (;;) {
      const q = text.indexOf('"', j);
      const b = text.indexOf('\\', j);
      if (b >= 0 && b < q) {
        escaped = true;
        j = b + 2;
        continue;
      }
      j = q;
      break;
    }
    let k = j + 1;
    while (k < n && text.charCodeAt(k) <= 0x20) k++;
    const top = stack[stack.length - 1];
    if (top && text.charCodeAt(k) === 0x3a /* : */) {
      const key = escaped ? (JSON.parse(text.slice(i, j + 1)) as string) : text.slice(i + 1, j);
      if (!top.has(key)) top.add(key);
      else if (!found.includes(key)) found.push(key);
    }
    i = j + 1;
  }
  return found;
}

/**
 * Splits UTF-8 bytes into lines and parses each as one JSON object. Line numbers are physical
 * lines (empty lines count in the numbering but give no record).
 */
class JsonlEngine {
  header: string[] | null = null;
  out: RawRecord[] = [];
  private line = 0;
  private records = 0;
  private partial: Buffer[] = [];
  private partialLength = 0;

  constructor(
    private readonly options: JsonlOptions,
    private readonly errors: ReaderErrors,
  ) {}

  feed(buf: Buffer): void {
    let from = 0;
    for (let nl = buf.indexOf(10); nl >= 0; nl = buf.indexOf(10, from)) {
      const piece = buf.subarray(from, nl);
      from = nl + 1;
      if (this.partialLength + piece.length > this.options.maxLineBytes) throw this.errors.lineTooLong(this.line + 1, this.options.maxLineBytes);
      if (this.partial.length > 0) {
        this.partial.push(piece);
        this.onLine(Buffer.concat(this.partial, this.partialLength + piece.length));
        this.partial = [];
        this.partialLength = 0;
      } else {
        this.onLine(piece);
      }
    }
    if (from < buf.length) {
      const rest = buf.subarray(from);
      this.partialLength += rest.length;
      if (this.partialLength > this.options.maxLineBytes) throw this.errors.lineTooLong(this.line + 1, this.options.maxLineBytes);
      // Copy: the caller may reuse the chunk's memory.
      this.partial.push(Buffer.from(rest));
    }
  }

  end(): void {
    if (this.partialLength > 0) this.onLine(Buffer.concat(this.partial, this.partialLength));
    this.partial = [];
    this.partialLength = 0;
  }

  private onLine(bytes: Buffer): void {
    const row = ++this.line;
    const text = bytes.toString('utf8').trim();
    if (text === '') return;
    if (++this.records > this.options.maxRows) throw this.errors.tooManyRows(this.options.maxRows, row);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      value = undefined;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      if (this.records === 1 && text.startsWith('[')) throw this.errors.jsonArray();
      this.out.push({ row, cells: null, invalidJson: true, line: text });
      return;
    }
    const twice = duplicateKeys(text);
    if (twice.length > 0) {
      this.out.push({ row, cells: null, duplicateKeys: twice, line: text });
      return;
    }
    const cells: Record<string, string | null> = {};
    for (const key of Object.keys(value)) {
      // "__proto__" would change the prototype of `cells` instead of adding a cell.
      if (key === '__proto__') continue;
      cells[key] = cellOf((value as Record<string, unknown>)[key]);
    }
    if (this.header === null) {
      const header = Object.keys(cells);
      assertNoDuplicateColumns(header, this.errors, `baris ${row}`, `line ${row}`);
      this.header = header;
    }
    this.out.push({ row, cells });
  }
}

/**
 * Opens a JSON Lines file: one object per line. A line that is not a JSON object does not stop
 * the file: it comes back as `{row, cells: null, invalidJson: true, line}` so the caller can reject
 * that row alone; so does an object with a key twice (`duplicateKeys`). The header is the keys of the first object; each record carries its own keys.
 */
export async function openJsonl(source: ByteSource, errors: ReaderErrors, options: JsonlOptions): Promise<OpenedFile> {
  const { bytes, ended } = await source.peek((_chunk, total) => total >= SAMPLE_BYTES);
  const { bom, encoding } = inspectTextSample(bytes, SAMPLE_BYTES, ended, errors);
  await dropBom(source, bom);
  const normaliser = new Utf8Normaliser(encoding);
  const engine = new JsonlEngine(options, errors);
  let finished = false;

  const pump = async (): Promise<void> => {
    const chunk = await source.next();
    if (chunk === null) {
      engine.feed(normaliser.end());
      engine.end();
      finished = true;
      return;
    }
    engine.feed(normaliser.push(chunk));
  };

  // The header is needed now: read until the first object (earlier bad lines stay queued).
  while (engine.header === null && !finished) await pump();
  if (engine.header === null && engine.out.length === 0) throw errors.empty();

  async function* batches(): AsyncGenerator<RawRecord[]> {
    try {
      for (;;) {
        if (engine.out.length > 0) {
          const full = engine.out;
          engine.out = [];
          yield full;
        }
        if (finished) return;
        await pump();
      }
    } finally {
      await source.close();
    }
  }

  const recordBatches = batches();
  return {
    format: 'jsonl',
    header: engine.header ?? [],
    get encoding() {
      return normaliser.encoding;
    },
    batches: recordBatches,
    records: flatten(recordBatches),
    close: () => source.close(),
  };
}
