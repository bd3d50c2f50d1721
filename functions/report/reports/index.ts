export * from './types.js';
export { buildScorecard } from './scorecard.js';
export { buildSanctions, STREAK_MONTHS } from './sanctions.js';
export { buildRanking, type AllocationOptions } from './ranking.js';
export { reportHeader, type ReportOptions, type ReportHeader } from './common.js';
export { round, roundNumber } from './rational.js';
