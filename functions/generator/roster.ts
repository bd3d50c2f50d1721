/** roster rows: one per facilitator assignment (a move is two rows: X and X + 1). */
import { columnIndex, emptyCells, type GeneratedRow } from './columns.js';
import { dateCell } from './format.js';
import { Rng } from './prng.js';
import type { World } from './world.js';

const C = columnIndex('roster', [
  'facilitator_id',
  'full_name',
  'role',
  'kabupaten_code',
  'kecamatan_code',
  'supervisor_id',
  'active_from',
  'active_to',
] as const);

/** Valid roster rows of a kabupaten, korkab first, then by facilitator id order of creation. */
export function* rosterRows(w: World): Generator<GeneratedRow> {
  const rng = Rng.of(w.ctx.seed, w.code, 'roster');
  for (const f of w.facilitators) {
    if (!f.rostered) continue;
    for (const a of f.assignments) {
      const cells = emptyCells(C.width);
      cells[C.facilitator_id] = f.id;
      cells[C.full_name] = f.name;
      cells[C.role] = f.role;
      cells[C.kabupaten_code] = w.code;
      cells[C.kecamatan_code] = f.role === 'korkab' ? '' : a.kecamatan.code;
      cells[C.supervisor_id] = f.supervisorId ?? '';
      cells[C.active_from] = dateCell(a.from, rng);
      cells[C.active_to] = a.to === null ? '' : dateCell(a.to, rng);
      yield { cells, invalid: null };
    }
  }
}
