/** Submission moments: a local date and second of day, its UTC instant, and its cell text. */
import { timestampCell } from './format.js';
import type { Rng } from './prng.js';
import type { World } from './world.js';

/** UTC epoch ms of a local wall-clock moment in the kabupaten. */
export function localUtcMs(w: World, date: string, secondOfDay: number): number {
  return w.days.utcMidnight(date) + secondOfDay * 1000 - w.offsetMinutes * 60_000;
}

/**
 * The cell of a submission at a local moment, or null when that moment is after the real now
 * (it has not happened yet, so the row does not exist).
 */
export function submissionCell(w: World, date: string, secondOfDay: number, rng: Rng): string | null {
  const utc = localUtcMs(w, date, secondOfDay);
  if (utc > w.ctx.now) return null;
  return timestampCell(date, secondOfDay, utc, w.offsetLabel, rng);
}
