import { describe, expect, it } from 'vitest';
import { decodeS3Key, objectsOfSqsRecord } from '../../functions/lib/s3-events.js';

const s3Record = (key: string, extra: Record<string, unknown> = {}) => ({
  eventName: 'ObjectCreated:Put',
  s3: { bucket: { name: 'uploads' }, object: { key, size: 10, eTag: 'abc', ...extra } },
});
const msg = (body: unknown) => ({ messageId: 'm-1', body: JSON.stringify(body) });

describe('S3 events in SQS', () => {
  it('decodes URL-encoded keys, + as space', () => {
    expect(decodeS3Key('incoming/activity_log/Laporan+Okt+2026%28rev%29.csv')).toBe('incoming/activity_log/Laporan Okt 2026(rev).csv');
    expect(decodeS3Key('incoming/roster/a%2Bb.csv')).toBe('incoming/roster/a+b.csv');
  });

  it('returns every created object of a message, once each', () => {
    // Prepare
    const body = { Records: [s3Record('incoming/roster/a.csv'), s3Record('incoming/roster/a.csv'), s3Record('incoming/roster/b.csv')] };
    // Act
    const refs = objectsOfSqsRecord(msg(body));
    // Assess
    expect(refs.map((r) => r.key)).toEqual(['incoming/roster/a.csv', 'incoming/roster/b.csv']);
    expect(refs[0]).toMatchObject({ bucket: 'uploads', size: 10, eTag: 'abc' });
  });

  it('ignores the s3:TestEvent and non-create events', () => {
    expect(objectsOfSqsRecord(msg({ Event: 's3:TestEvent', Bucket: 'uploads' }))).toEqual([]);
    expect(objectsOfSqsRecord(msg({ Records: [{ ...s3Record('x'), eventName: 'ObjectRemoved:Delete' }] }))).toEqual([]);
  });

  it('keeps two versions of the same key apart', () => {
    const body = { Records: [s3Record('k.csv', { versionId: '1' }), s3Record('k.csv', { versionId: '2' })] };
    expect(objectsOfSqsRecord(msg(body))).toHaveLength(2);
  });

  it('throws for a body that is not an S3 notification, so that message fails alone', () => {
    expect(() => objectsOfSqsRecord({ messageId: 'm-9', body: 'not json' })).toThrow(/m-9/);
    expect(() => objectsOfSqsRecord(msg({ hello: 1 }))).toThrow(/no S3 event records/);
  });
});
