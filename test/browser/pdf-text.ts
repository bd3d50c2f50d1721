/**
 * Reads back what a PDF written by Chromium (Skia) shows on each page: its MediaBox and its text.
 * No PDF library is installed (and pdftotext is not on a fresh machine), so this reads the few
 * structures Skia writes: page objects, Flate content streams, Type0 fonts with a ToUnicode CMap,
 * and the text operators `Tf`, `Tj` and `TJ`. Enough for tests; not a general PDF reader.
 */
import { inflateSync } from 'node:zlib';

export interface PdfPage {
  /** [x0, y0, x1, y1] in points (1/72 inch). */
  mediaBox: number[];
  /** The text drawn on the page, in drawing order, runs joined without separators. */
  text: string;
}

interface PdfObject {
  dict: string;
  stream?: Buffer;
}

function objects(pdf: Buffer): Map<number, PdfObject> {
  const out = new Map<number, PdfObject>();
  const latin = pdf.toString('latin1');
  const re = /(\d+) 0 obj\s*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(latin))) {
    const start = m.index + m[0].length;
    const end = latin.indexOf('endobj', start);
    const streamAt = latin.indexOf('stream', start);
    if (streamAt >= 0 && streamAt < end) {
      const dict = latin.slice(start, streamAt);
      const length = Number(/\/Length (\d+)/.exec(dict)?.[1]);
      let dataStart = streamAt + 'stream'.length;
      if (latin[dataStart] === '\r') dataStart++;
      if (latin[dataStart] === '\n') dataStart++;
      const raw = pdf.subarray(dataStart, dataStart + length);
      out.set(Number(m[1]), { dict, stream: /\/FlateDecode/.test(dict) ? inflateSync(raw) : raw });
    } else {
      out.set(Number(m[1]), { dict: latin.slice(start, end) });
    }
    re.lastIndex = end;
  }
  return out;
}

/** Glyph code (hex, 4 digits) → text, from a ToUnicode CMap. */
function toUnicode(cmap: string): Map<string, string> {
  const map = new Map<string, string>();
  const utf16 = (hex: string) => Buffer.from(hex, 'hex').swap16().toString('utf16le');
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const pair of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(pair[1].toUpperCase(), utf16(pair[2]));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const r of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])/g)) {
      const lo = parseInt(r[1], 16);
      const hi = parseInt(r[2], 16);
      const width = r[1].length;
      const targets = r[3].startsWith('[') ? [...r[3].matchAll(/<([0-9A-Fa-f]+)>/g)].map((x) => x[1]) : undefined;
      const first = targets ? 0 : parseInt(r[3].slice(1, -1), 16);
      for (let c = lo; c <= hi; c++) {
        const key = c.toString(16).toUpperCase().padStart(width, '0');
        map.set(key, targets ? utf16(targets[c - lo]) : String.fromCodePoint(first + (c - lo)));
      }
    }
  }
  return map;
}

/** Every page of the PDF in order, with its MediaBox and text. */
export function pdfPages(bytes: Uint8Array): PdfPage[] {
  const all = objects(Buffer.from(bytes));
  const ref = (text: string, key: string) => Number(new RegExp(`/${key} (\\d+) 0 R`).exec(text)?.[1]);
  const catalog = [...all.values()].find((o) => /\/Type \/Catalog/.test(o.dict))!;
  const cmaps = new Map<number, Map<string, string>>();
  const fontMap = (fontObj: number) => {
    if (!cmaps.has(fontObj)) {
      const cmapObj = all.get(ref(all.get(fontObj)!.dict, 'ToUnicode'));
      cmaps.set(fontObj, toUnicode(cmapObj?.stream?.toString('latin1') ?? ''));
    }
    return cmaps.get(fontObj)!;
  };
  // Pages in tree order (Kids of each Pages node).
  const order: number[] = [];
  const walk = (id: number) => {
    const dict = all.get(id)!.dict;
    if (/\/Type \/Pages\b/.test(dict)) {
      for (const kid of /\/Kids \[([^\]]*)\]/.exec(dict)![1].matchAll(/(\d+) 0 R/g)) walk(Number(kid[1]));
    } else order.push(id);
  };
  walk(ref(catalog.dict, 'Pages'));
  return order.map((id) => {
    const dict = all.get(id)!.dict;
    const mediaBox = /\/MediaBox \[([^\]]*)\]/.exec(dict)![1].trim().split(/\s+/).map(Number);
    const fonts = new Map<string, number>();
    const fontDict = /\/Font <<([^>]*)>>/.exec(dict)?.[1] ?? '';
    for (const f of fontDict.matchAll(/\/(\w+) (\d+) 0 R/g)) fonts.set(f[1], Number(f[2]));
    const contentIds = /\/Contents \[([^\]]*)\]/.exec(dict)?.[1].match(/\d+(?= 0 R)/g)?.map(Number) ?? [ref(dict, 'Contents')];
    const content = contentIds.map((c) => all.get(c)?.stream?.toString('latin1') ?? '').join('\n');
    let map = new Map<string, string>();
    let text = '';
    for (const op of content.matchAll(/\/(\w+) [\d.]+ Tf|(<[0-9A-Fa-f]*>) ?Tj|\[((?:[^\]])*)\] ?TJ/g)) {
      if (op[1]) {
        map = fonts.has(op[1]) ? fontMap(fonts.get(op[1])!) : new Map();
        continue;
      }
      for (const hex of (op[2] ?? op[3]).matchAll(/<([0-9A-Fa-f]*)>/g)) {
        for (let i = 0; i < hex[1].length; i += 4) text += map.get(hex[1].slice(i, i + 4).toUpperCase()) ?? '';
      }
    }
    return { mediaBox, text };
  });
}

/** Text with all white space removed: runs in a PDF are not always separated by spaces. */
export function squeeze(text: string): string {
  return text.replace(/\s+/g, '');
}
