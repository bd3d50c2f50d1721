/** S3Store.move on the S3 API (s3rver): the publishing step of the commit protocol on S3. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startLocalS3, type LocalS3 } from '../../integration/s3-harness.js';

let s3: LocalS3;
beforeAll(async () => {
  s3 = await startLocalS3(['lake']);
});
afterAll(() => s3?.stop());

it('moves an object whose key holds `=` and a space to its final key: copied, then the source deleted', async () => {
  const store = s3.store('lake');
  const from = 'staging/activity_log/0123456789abcdef.aa/lake/activity_log/kabupaten_code=64.02/period=2026-10/a b.parquet';
  const to = 'lake/activity_log/kabupaten_code=64.02/period=2026-10/a b.parquet';
  await store.put(from, 'isi');
  await store.move(from, to);
  expect((await store.list('')).map((o) => o.key)).toEqual([to]);
  expect(Buffer.from(await store.get(to)).toString()).toBe('isi');
  await expect(store.move(from, to)).rejects.toThrow(/tidak ada|does not exist/);
});
