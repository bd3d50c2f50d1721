/**
 * A contiguous run of calendar dates with O(1) lookups, so row loops add days and build
 * timestamps without a `Date` per row.
 */
const DAY_MS = 86_400_000;

export class DayIndex {
  private readonly dates: string[] = [];
  private readonly index = new Map<string, number>();
  private readonly startMs: number;

  /** Every date from `from` to `to` inclusive ('YYYY-MM-DD'). */
  constructor(from: string, to: string) {
    this.startMs = Date.parse(`${from}T00:00:00Z`);
    const endMs = Date.parse(`${to}T00:00:00Z`);
    for (let ms = this.startMs, i = 0; ms <= endMs; ms += DAY_MS, i++) {
      const d = new Date(ms).toISOString().slice(0, 10);
      this.dates.push(d);
      this.index.set(d, i);
    }
  }

  /** `date` plus `n` days (n may be negative); throws outside the run. */
  add(date: string, n: number): string {
    const i = this.index.get(date);
    const out = i === undefined ? undefined : this.dates[i + n];
    if (out === undefined) throw new Error(`DayIndex: ${date} + ${n} is outside ${this.dates[0]}..${this.dates.at(-1)}`);
    return out;
  }

  /** Epoch ms of 00:00 UTC on `date`. */
  utcMidnight(date: string): number {
    const i = this.index.get(date);
    if (i === undefined) throw new Error(`DayIndex: ${date} is outside ${this.dates[0]}..${this.dates.at(-1)}`);
    return this.startMs + i * DAY_MS;
  }
}
