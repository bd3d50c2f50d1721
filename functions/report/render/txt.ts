/**
 * The WhatsApp summary (REPORTS.md "Outputs", `txt`): at most 1,000 characters of plain text a
 * coordinator pastes into a group — the headline figures, the best and the weakest kecamatan (or
 * kabupaten), who is on the sanctions ladder by level, the provisional or no-data notice, and the
 * file name of the full report. `*bold*` is WhatsApp's own markup and reads fine as plain text.
 */
import type { RankingReport, SanctionsReport, ScorecardReport } from '../reports/types.js';
import { formatDecimal, formatInt, formatPercent } from './format.js';
import { INDICATOR_LABELS, SANCTION_LABELS, STATUS_LABELS, labelOf, periodLabel, t, tierLabel, type Lang } from './labels.js';
import { noticeText, notices, placeCode, placeName, reportTime, type TimedReport } from './notices.js';

/** WhatsApp shows this much before "Read more"; REPORTS.md caps the summary here. */
export const TXT_MAX_CHARS = 1000;

type Pair = { id: string; en: string };
const WORDS = {
  best: { id: 'Terbaik', en: 'Best' },
  weakest: { id: 'Terlemah', en: 'Weakest' },
  full_report: { id: 'Laporan lengkap', en: 'Full report' },
  ladder: { id: 'Tangga sanksi', en: 'Sanctions ladder' },
  nobody: { id: 'tidak ada', en: 'nobody' },
  more: { id: 'lainnya', en: 'more' },
  assessed: { id: 'Pendamping dinilai', en: 'Facilitators assessed' },
  low: { id: 'rendah', en: 'low' },
  top_priority: { id: 'Prioritas tertinggi', en: 'Top priority' },
  lowest_priority: { id: 'Prioritas terendah', en: 'Lowest priority' },
  most_listed: { id: 'Kecamatan terbanyak dalam daftar', en: 'Sub-district most listed' },
} satisfies Record<string, Pair>;
const w = (key: keyof typeof WORDS, lang: Lang) => WORDS[key][lang];

/** Names joined, at most `max` of them, then "+N lainnya". */
function names(list: string[], max: number, lang: Lang): string {
  if (list.length === 0) return w('nobody', lang);
  const shown = list.slice(0, max).join(', ');
  return list.length > max ? `${shown} +${list.length - max} ${w('more', lang)}` : shown;
}

/** One place (kecamatan or, in a region report, kabupaten) with its rank and score. */
interface Ranked {
  rank: number;
  name: string;
  value: number | null;
}

function bestAndWeakest(units: Ranked[], decimals: number, lang: Lang, words: ['best' | 'top_priority', 'weakest' | 'lowest_priority']): string[] {
  const scored = units.filter((u) => u.value !== null).sort((a, b) => a.rank - b.rank);
  if (scored.length === 0) return [];
  const show = (u: Ranked) => `${u.rank}. ${u.name} ${formatDecimal(u.value, decimals, lang)}`;
  const lines = [`${w(words[0], lang)}: ${scored.slice(0, 2).map(show).join(' · ')}`];
  if (scored.length > 2) lines.push(`${w(words[1], lang)}: ${scored.slice(-2).map(show).join(' · ')}`);
  return lines;
}

function scorecardLines(r: ScorecardReport, lang: Lang): string[] {
  const ind = r.total.indicators;
  const rate = (n: keyof typeof ind) =>
    `${labelOf(INDICATOR_LABELS, n, lang)} ${formatPercent(ind[n].value, lang)} (${labelOf(STATUS_LABELS, ind[n].status, lang)})`;
  const red = Object.values(ind).filter((i) => i.status === 'red').length;
  // A region scorecard lists kabupaten; a kabupaten scorecard lists kecamatan.
  const rows = (r as unknown as { kabupaten?: { rank: number; kabupaten_name: string; score: number | null }[] }).kabupaten;
  const units: Ranked[] = rows
    ? rows.map((k) => ({ rank: k.rank, name: k.kabupaten_name, value: k.score }))
    : r.kecamatan.map((k) => ({ rank: k.rank, name: k.kecamatan_name, value: k.score }));
  return [
    `${t('kabupaten_score', lang)}: *${formatDecimal(r.total.score, 1, lang)}* · ${t('red_indicators', lang)}: ${red}/${Object.keys(ind).length}`,
    [rate('monthly_report_rate'), rate('daily_reporting_rate'), rate('disbursement_rate')].join(' · '),
    ...bestAndWeakest(units, 1, lang, ['best', 'weakest']),
  ];
}

function sanctionsLines(r: SanctionsReport, lang: Lang): string[] {
  const share = r.expected_count > 0 ? r.low_count / r.expected_count : null;
  const levels = [...new Set([...r.config.sanction_ladder, ...r.facilitators.map((f) => f.sanction_level)])];
  const ladder = levels.map((level) => {
    const who = r.facilitators.filter((f) => f.sanction_level === level).map((f) => f.full_name);
    return `- ${labelOf(SANCTION_LABELS, level, lang)} (${who.length}): ${names(who, 4, lang)}`;
  });
  const perPlace = new Map<string, number>();
  for (const f of r.facilitators) {
    const place = f.kecamatan_name ?? (f as unknown as { kabupaten_name?: string }).kabupaten_name ?? '–';
    perPlace.set(place, (perPlace.get(place) ?? 0) + 1);
  }
  const most = [...perPlace].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
  return [
    `${w('assessed', lang)}: ${formatInt(r.expected_count, lang)} · ${w('low', lang)}: *${formatInt(r.low_count, lang)}* (${formatPercent(share, lang)})`,
    `${w('ladder', lang)}:`,
    ...ladder,
    ...(most ? [`${w('most_listed', lang)}: ${most[0]} (${most[1]})`] : []),
  ];
}

function rankingLines(r: RankingReport, lang: Lang): string[] {
  const uncovered = r.kecamatan.reduce((s, k) => s + (k.uncovered_households ?? 0), 0);
  const first = r.kecamatan.filter((k) => k.tier === 'prioritas_1').map((k) => k.kecamatan_name);
  return [
    `${tierLabel('prioritas_1', lang)}: ${names(first, 5, lang)}`,
    `${t('uncovered_total', lang)}: ${formatInt(uncovered, lang)}`,
    ...bestAndWeakest(
      r.kecamatan.map((k) => ({ rank: k.rank, name: k.kecamatan_name, value: k.index })),
      2,
      lang,
      ['top_priority', 'lowest_priority'],
    ),
  ];
}

const TITLE_KEYS = { scorecard: 'scorecard_title', sanctions: 'sanctions_title', ranking: 'ranking_title' } as const;

/**
 * The summary of one report. `fileName` is the full report it points to (e.g. the PDF written in
 * the same run). Lines in the middle are dropped from the end if the text would pass
 * {@link TXT_MAX_CHARS}; the title, the notices and the file name always stay.
 *
 * @example reportTxt(scorecard, 'id', 'kartu-kinerja-64.02-2026-10.pdf')
 */
export function reportTxt(report: ScorecardReport | SanctionsReport | RankingReport, lang: Lang, fileName: string): string {
  const timed = report as unknown as TimedReport;
  const time = reportTime(timed);
  const title =
    report.report === 'sanctions' && !time.final ? noticeText('early_warning', lang) : t(TITLE_KEYS[report.report], lang);
  const head = [`*${title}*`, `${placeName(timed)} (${placeCode(timed)}) · ${periodLabel(report.period, lang)}`];
  for (const n of notices(timed, lang)) {
    if (n.kind !== 'early_warning') head.push(`⚠ *${n.title}*`);
    head.push(n.note);
  }
  const body =
    report.report === 'scorecard' ? scorecardLines(report, lang) : report.report === 'sanctions' ? sanctionsLines(report, lang) : rankingLines(report, lang);
  const tail = [`${w('full_report', lang)}: ${fileName}`];
  const join = (mid: string[]) => `${[...head, '', ...mid, '', ...tail].join('\n')}\n`;
  const middle = [...body];
  let text = join(middle);
  while (text.length > TXT_MAX_CHARS && middle.length > 0) {
    middle.pop();
    text = join(middle);
  }
  // Only a place name of hundreds of characters could still be too long: cut it, visibly.
  return text.length <= TXT_MAX_CHARS ? text : `${text.slice(0, TXT_MAX_CHARS - 2)}…\n`;
}
