/**
 * Poverty-focus ranking — prioritas kecamatan (REPORTS.md §3), the compute step: min–max
 * component scores, a weighted index, rank, tier, and an optional budget allocation down the
 * ranking. Pure: no engine, no I/O.
 */
import { UserError } from '../../lib/errors.js';
import { periodAdd } from '../../lib/localtime.js';
import { rankBy, reportHeader, type ComputeOptions } from './common.js';
import type { DisbursementWindowRow, KabupatenReference, ProfileRow } from './rows.js';
import * as Q from './rational.js';
import {
  COMPONENT_NAMES,
  type ComponentJson,
  type ComponentName,
  type RankingKecamatan,
  type RankingReport,
  type RankingTier,
} from './types.js';

/**
 * Everything the ranking of K for P reads: the latest kecamatan profiles of years ≤ year(P),
 * disbursement figures per kecamatan over the window P−11 … P.
 */
export interface RankingInputs {
  kabupaten: KabupatenReference;
  profiles: ProfileRow[];
  disbursementWindow: DisbursementWindowRow[];
}

/** The ranking's window: the 12 months P−11 … P. */
export function rankingWindow(period: string): { from: string; to: string } {
  return { from: periodAdd(period, -11), to: period };
}

/** Budget and unit cost in rupiah; the allocation is made only when both are given. */
export interface AllocationOptions {
  budget?: number;
  unitCost?: number;
}

interface Candidate {
  code: string;
  name: string;
  profile: ProfileRow | undefined;
  pkhFamilies: number;
  uncovered: number | null;
  values: Record<ComponentName, Q.Rational | null>;
  scores: Record<ComponentName, Q.Rational | null>;
  index: Q.Rational | null;
  roundedIndex: number | null;
}

function components(
  profile: ProfileRow | undefined,
  disb: DisbursementWindowRow | undefined,
  pkhFamilies: number,
): Record<ComponentName, Q.Rational | null> {
  const hh = profile?.households ?? 0;
  return {
    dtks_share: profile ? Q.ratio(profile.dtks_households, hh) : null,
    extreme_poverty_share: profile ? Q.ratio(profile.extreme_poor_households, hh) : null,
    coverage_gap: profile ? Q.ratio(Math.max(0, profile.extreme_poor_households - pkhFamilies), hh) : null,
    disbursement_failure_rate: disb && disb.row_count > 0 ? Q.ratio(disb.failed_allocated, disb.amount_allocated) : null,
  };
}

/** 100 × (v − min) / (max − min) over the non-null values; 0 for all when max = min. */
function minMaxScores(values: (Q.Rational | null)[]): (Q.Rational | null)[] {
  const present = values.filter((v): v is Q.Rational => v !== null);
  if (present.length === 0) return values.map(() => null);
  const lo = present.reduce(Q.min);
  const hi = present.reduce(Q.max);
  const span = Q.sub(hi, lo);
  return values.map((v) => {
    if (v === null) return null;
    if (span.n === 0n) return Q.ZERO;
    return Q.div(Q.mul(Q.int(100), Q.sub(v, lo)), span);
  });
}

export function checkAllocation(opts: AllocationOptions): { budget: number; unitCost: number } | undefined {
  const { budget, unitCost } = opts;
  if (budget === undefined && unitCost === undefined) return undefined;
  if (budget === undefined || unitCost === undefined) {
    throw new UserError(
      'Alokasi anggaran butuh --budget dan --unit-cost sekaligus; berikan keduanya atau tidak sama sekali / Budget allocation needs both --budget and --unit-cost; give both or neither',
      'invalid_allocation',
    );
  }
  if (!Number.isSafeInteger(budget) || budget < 0 || !Number.isSafeInteger(unitCost) || unitCost <= 0) {
    throw new UserError(
      `Anggaran (${budget}) harus bilangan bulat rupiah ≥ 0 dan biaya satuan (${unitCost}) bilangan bulat rupiah > 0 / Budget (${budget}) must be whole rupiah ≥ 0 and unit cost (${unitCost}) whole rupiah > 0`,
      'invalid_allocation',
    );
  }
  return { budget, unitCost };
}

/**
 * The ranking of one kabupaten and period from its rows; with a budget and unit cost, also the
 * allocation of funded households down the ranking.
 *
 * @example
 * const report = computeRanking(await readRankingInputs(engine, '64.02', '2026-10'),
 *   { period: '2026-10', config, asOf, generatedAt }, { budget: 1_000_000_000, unitCost: 3_000_000 });
 */
export function computeRanking(inputs: RankingInputs, opts: ComputeOptions, allocationOpts: AllocationOptions = {}): RankingReport {
  const alloc = checkAllocation(allocationOpts);
  const { header } = reportHeader('ranking', inputs.kabupaten, opts);
  const P = opts.period;
  const weights = opts.config.weights;
  const { from } = rankingWindow(P);
  const { profiles } = inputs;
  const disbursement = inputs.disbursementWindow;
  const profileYear = profiles.length === 0 ? null : Math.max(...profiles.map((p) => p.year));
  const profileOf = new Map(profiles.filter((p) => p.year === profileYear).map((p) => [p.kecamatan_code, p]));
  const disbOf = new Map(disbursement.map((d) => [d.kecamatan_code, d]));

  const candidates: Candidate[] = inputs.kabupaten.kecamatan.map((k) => {
    const profile = profileOf.get(k.code);
    const disb = disbOf.get(k.code);
    const pkhFamilies = disb?.pkh_families ?? 0;
    return {
      code: k.code,
      name: k.name,
      profile,
      pkhFamilies,
      uncovered: profile ? Math.max(0, profile.extreme_poor_households - pkhFamilies) : null,
      values: components(profile, disb, pkhFamilies),
      scores: {} as Record<ComponentName, Q.Rational | null>,
      index: null,
      roundedIndex: null,
    };
  });

  for (const c of COMPONENT_NAMES) {
    const scores = minMaxScores(candidates.map((k) => k.values[c]));
    candidates.forEach((k, i) => (k.scores[c] = scores[i]));
  }
  for (const k of candidates) {
    let weighted = Q.ZERO;
    let weightSum = Q.ZERO;
    for (const c of COMPONENT_NAMES) {
      const s = k.scores[c];
      if (s === null) continue;
      const w = Q.fromNumber(weights[c]);
      weighted = Q.add(weighted, Q.mul(w, s));
      weightSum = Q.add(weightSum, w);
    }
    k.index = weightSum.n === 0n ? null : Q.div(weighted, weightSum);
    k.roundedIndex = Q.roundOrNull(k.index, 2);
  }

  const extreme = (k: Candidate): number | null => k.profile?.extreme_poor_households ?? null;
  const rank = rankBy(candidates, (k) => k.roundedIndex, (a, b) => {
    const ea = extreme(a);
    const eb = extreme(b);
    if (ea === eb) return 0;
    if (ea === null) return 1;
    if (eb === null) return -1;
    return eb - ea;
  });
  const ordered = [...candidates].sort((a, b) => (rank.get(a.code) as number) - (rank.get(b.code) as number));

  const [first, second] = opts.config.tiers;
  const tierOf = (k: Candidate, r: number): RankingTier =>
    k.index === null ? 'tanpa_data' : r <= first ? 'prioritas_1' : r <= first + second ? 'prioritas_2' : 'reguler';

  let remaining = alloc ? Math.floor(alloc.budget / alloc.unitCost) : 0;
  let funded = 0;
  let uncoveredTotal = 0;
  const kecamatan: RankingKecamatan[] = ordered.map((k) => {
    const r = rank.get(k.code) as number;
    const comps = {} as Record<ComponentName, ComponentJson>;
    for (const c of COMPONENT_NAMES) comps[c] = { value: Q.roundOrNull(k.values[c], 4), score: Q.roundOrNull(k.scores[c], 2) };
    const entry: RankingKecamatan = {
      kecamatan_code: k.code,
      kecamatan_name: k.name,
      rank: r,
      index: k.roundedIndex,
      tier: tierOf(k, r),
      extreme_poor_households: extreme(k),
      pkh_families: k.pkhFamilies,
      uncovered_households: k.uncovered,
      components: comps,
    };
    if (alloc) {
      const need = k.index === null ? 0 : (k.uncovered ?? 0);
      const households = Math.min(remaining, need);
      remaining -= households;
      funded += households;
      uncoveredTotal += need;
      entry.allocation = { households, rupiah: households * alloc.unitCost };
    }
    return entry;
  });

  return {
    ...header,
    profile_year: profileYear,
    window: { from, to: P },
    weights: Object.fromEntries(COMPONENT_NAMES.map((c) => [c, weights[c]])) as Record<ComponentName, number>,
    kecamatan,
    ...(alloc
      ? {
          allocation: {
            budget: alloc.budget,
            unit_cost: alloc.unitCost,
            households_funded: funded,
            rupiah_used: funded * alloc.unitCost,
            csr_households: uncoveredTotal - funded,
          },
        }
      : {}),
  };
}
