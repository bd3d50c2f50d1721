export * from './types.js';
export { buildScorecard, buildSanctions, buildRanking, readScorecardInputs, readScorecardRows, readSanctionsInputs, readRankingInputs, kabupatenReference, engineReaders, type Readers } from './build.js';
export { computeScorecard, computeScorecardBody, computeScorecardParts, type MonthTotal, type ScorecardBody, type ScorecardInputs, type ScorecardParts, type ScorecardRows } from './scorecard.js';
export { computeSanctions, STREAK_MONTHS, type SanctionsInputs } from './sanctions.js';
export { computeRanking, type AllocationOptions, type RankingInputs } from './ranking.js';
export { reportHeader, type ComputeOptions, type ReportOptions, type ReportHeader } from './common.js';
export type { KabupatenReference } from './rows.js';
export { round, roundNumber } from './rational.js';
