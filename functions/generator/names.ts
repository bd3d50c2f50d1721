/**
 * Indonesian-looking personal names for facilitators, and the free-text snippets of notes and
 * activity descriptions. A few names carry academic titles with a comma (`Nur Aini, S.Sos.`), so
 * CSV quoting is exercised by ordinary rows.
 */
import type { Rng } from './prng.js';

const GIVEN_F = [
  'Siti', 'Nur', 'Dewi', 'Sri', 'Rina', 'Yuli', 'Ani', 'Fitri', 'Wulan', 'Ratna', 'Indah', 'Lestari',
  'Putri', 'Ayu', 'Dian', 'Rahma', 'Novi', 'Eka', 'Maya', 'Intan', 'Nurul', 'Hesti', 'Yanti', 'Rini',
  'Mega', 'Anisa', 'Kartika', 'Sari', 'Wahyuni', 'Lina', 'Erna', 'Nia', 'Fatimah', 'Aisyah', 'Ernawati',
];
const GIVEN_M = [
  'Muhammad', 'Ahmad', 'Agus', 'Budi', 'Andi', 'Rizki', 'Dedi', 'Hendra', 'Eko', 'Fajar', 'Arif', 'Yusuf',
  'Joko', 'Hadi', 'Rahmat', 'Irfan', 'Bayu', 'Dimas', 'Ilham', 'Taufik', 'Syahrul', 'Firman', 'Wahyu',
  'Hasan', 'Imam', 'Reza', 'Slamet', 'Yoga', 'Rudi', 'Iwan', 'Asep', 'Made', 'Komang', 'La Ode', 'Daeng',
];
const FAMILY = [
  'Pratama', 'Saputra', 'Wijaya', 'Hidayat', 'Kurniawan', 'Setiawan', 'Nugroho', 'Santoso', 'Lestari',
  'Rahmawati', 'Susanti', 'Wahyudi', 'Siregar', 'Nasution', 'Harahap', 'Lubis', 'Simanjuntak', 'Sinaga',
  'Tambunan', 'Manurung', 'Hutapea', 'Sitompul', 'Rangkuti', 'Ramadhan', 'Firmansyah', 'Hakim', 'Purnama',
  'Utami', 'Permata', 'Maharani', 'Anggraini', 'Handayani', 'Kusuma', 'Suryadi', 'Gunawan', 'Sembiring',
  'Tarigan', 'Ginting', 'Pangaribuan', 'Mandala', 'Lumban Gaol', 'Daulay', 'Rumbekwan', 'Wenda', 'Latuconsina',
  'Pattimura', 'Salampessy', 'Mamonto', 'Pakaya', 'Lamato', 'Mokoginta', 'Bakri', 'Syamsuddin', 'Amiruddin',
];
const TITLES = [', S.Sos.', ', S.Pd.', ', S.E.', ', S.Kom.', ', S.K.M.', ', S.Tr.Sos.', ', A.Md.'];

/** A facilitator's full name. */
export function personName(rng: Rng): string {
  const female = rng.chance(0.55);
  const given = rng.pick(female ? GIVEN_F : GIVEN_M);
  const middle = rng.chance(0.25) ? ` ${rng.pick(female ? GIVEN_F : GIVEN_M)}` : '';
  const family = rng.chance(0.85) ? ` ${rng.pick(FAMILY)}` : '';
  const title = rng.chance(0.12) ? rng.pick(TITLES) : '';
  const name = `${given}${middle}${family}`;
  return `${name === given && !middle ? `${given} ${rng.pick(FAMILY)}` : name}${title}`;
}

/**
 * Text that a spreadsheet or a browser would execute if it were not escaped. The rows that
 * carry it are valid: the value must be stored as text and escaped in every output.
 */
export const PAYLOADS = [
  '=HYPERLINK("http://contoh.invalid/x","klik di sini")',
  '<script>alert("pkh")</script>',
  '+SUM(1+1)*cmd|\' /C calc\'!A0',
  '@SUM(1+1)',
  '-2+3 catatan',
  '<img src=x onerror=alert(1)> catatan',
];

/**
 * A 16-digit number shaped like a NIK (province, kabupaten, kecamatan, birth date with +40 on
 * the day for women, serial), for free text that ingest must mask and ids it must reject.
 */
export function nikLike(kabupaten4: string, rng: Rng): string {
  const day = rng.int(1, 28) + (rng.chance(0.5) ? 40 : 0);
  return `${kabupaten4}${pad(rng.int(1, 30), 2)}${pad(day, 2)}${pad(rng.int(1, 12), 2)}${pad(rng.int(50, 99), 2)}${pad(rng.int(1, 9999), 4)}`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
