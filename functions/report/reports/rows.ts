/**
 * The rows the report queries return (one type per `.sql` file) and the reference data of a
 * kabupaten: everything a report's compute step reads, as plain data. No I/O here.
 */
import type { TimeZoneName } from '../../lib/localtime.js';

export interface RosterRow {
  facilitator_id: string;
  full_name: string;
  role: string;
  kabupaten_code: string;
  kecamatan_code: string | null;
  supervisor_id: string | null;
  active_from: string;
  active_to: string | null;
}

export interface MonthlyReportRow {
  period: string;
  facilitator_id: string;
  kabupaten_code: string;
  kecamatan_code: string;
  /** submitted_at of the latest row, epoch ms. */
  submitted_at: number;
  /** Earliest stored submitted_at of (facilitator, period), epoch ms. */
  first_submitted_at: number;
  kpm_assigned: number;
  kpm_verified: number;
  p2k2_kpm_attended: number;
  dtks_updates: number;
  complaints_received: number;
  complaints_resolved: number;
  graduations: number;
}

export interface FirstSubmissionRow {
  facilitator_id: string;
  period: string;
  first_submitted_at: number;
}

export interface ActivityDayRow {
  facilitator_id: string;
  kabupaten_code: string;
  activity_date: string;
  /** Earliest first submission among that day's activities, epoch ms. */
  first_submitted_at: number;
}

/** The days of one month on which a facilitator has activities in one kabupaten. */
export interface ReportedDaysRow {
  facilitator_id: string;
  kabupaten_code: string;
  /** The month's first day, 'YYYY-MM-01'. */
  month: string;
  /** Bit d−1 set when day d of the month has at least one activity. */
  days: number;
}

/** Coordination facts of a kecamatan (sql/parts/activity_coordination.sql). */
export interface CoordinationRow {
  activity_type: 'koordinasi_desa' | 'koordinasi_kecamatan';
  kecamatan_code: string;
  /** koordinasi_desa: the desa (null when the row names none); koordinasi_kecamatan: null. */
  desa_code: string | null;
  /**
   * koordinasi_desa: the first month of its year with a coordination of the desa (the desa is
   * covered from that month to December); koordinasi_kecamatan: the month of the meetings.
   */
  period: string;
  /** koordinasi_kecamatan: distinct days with a meeting in the month; koordinasi_desa: 0. */
  meeting_days: number;
}

export interface DisbursementMonthRow {
  period: string;
  kecamatan_code: string;
  amount_allocated: number;
  amount_disbursed: number;
  salur_rows: number;
  reconciled_rows: number;
  field_verified_rows: number;
  card_custody_rows: number;
}

export interface DisbursementWindowRow {
  kecamatan_code: string;
  pkh_families: number;
  failed_allocated: number;
  amount_allocated: number;
  row_count: number;
}

export interface ProfileRow {
  year: number;
  kecamatan_code: string;
  households: number;
  dtks_households: number;
  extreme_poor_households: number;
}

/** A kabupaten as the reports need it from the wilayah reference. */
export interface KabupatenReference {
  code: string;
  name: string;
  zone: TimeZoneName;
  /** Every kecamatan of the kabupaten in the reference, by code, with its desa by code. */
  kecamatan: { code: string; name: string; desa: { code: string; name: string }[] }[];
}
