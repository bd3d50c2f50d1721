import type { Dataset } from '../../schemas/index.js';
import { ingestErrors } from './messages.js';

/** A file header mapped to a dataset's columns. */
export interface ResolvedHeader {
  /** For each dataset column (in `dataset.columns` order), its index in the header or -1. */
  columnIndex: Int32Array;
  /** Header cells that match no column, as written. */
  unknown: string[];
}

/** A header that is one cell holding tabs or pipes was split with the wrong delimiter. */
function delimiterHint(header: readonly string[]): readonly [string, string] | undefined {
  if (header.length !== 1) return undefined;
  const cell = header[0];
  const found = cell.includes('\t') ? ['tab', 'tab'] : cell.includes('|') ? ['"|"', '"|"'] : undefined;
  if (!found) return undefined;
  return [
    `header terbaca sebagai satu kolom dengan pemisah ${found[0]}; simpan ulang dengan pemisah koma (,) atau titik koma (;)`,
    `the header reads as one column separated by ${found[1]}; save it again with comma (,) or semicolon (;) delimiters`,
  ];
}

/**
 * Maps a header to the dataset's columns (DATA.md "header names"). A required column that is
 * missing, or two header cells naming one column (e.g. `id_sdm` and `id_pendamping`), rejects
 * the whole file with one UserError naming the file.
 */
export function resolveFileHeader(dataset: Dataset, header: readonly string[], file: string): ResolvedHeader {
  const r = dataset.resolveHeader(header);
  if (r.duplicated.length > 0) throw ingestErrors.duplicatedColumn(file, r.duplicated[0].column, r.duplicated[0].headers);
  if (r.missing.length > 0) {
    const aliases = r.missing.flatMap((name) => dataset.column(name)?.aliases ?? []);
    throw ingestErrors.missingColumns(file, r.missing, aliases, delimiterHint(header));
  }
  const columnIndex = new Int32Array(dataset.columns.length).fill(-1);
  dataset.columns.forEach((c, i) => {
    const at = r.index.get(c.name);
    if (at !== undefined) columnIndex[i] = at;
  });
  return { columnIndex, unknown: r.unknown };
}
