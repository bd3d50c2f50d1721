/**
 * S3 event notifications as they arrive inside SQS messages: at least once, with URL-encoded
 * keys (spaces as `+`), sometimes several records per message, and an `s3:TestEvent` when the
 * notification is first configured.
 */
import type { SQSRecord } from 'aws-lambda';

export interface S3ObjectRef {
  bucket: string;
  /** The decoded object key. */
  key: string;
  size?: number;
  eTag?: string;
  versionId?: string;
}

interface RawS3Record {
  eventName?: string;
  s3?: { bucket?: { name?: string }; object?: { key?: string; size?: number; eTag?: string; versionId?: string } };
}

/** Decodes an S3 event key: `+` is a space, then percent-decoding. */
export function decodeS3Key(key: string): string {
  return decodeURIComponent(key.replace(/\+/g, ' '));
}

/**
 * The objects an SQS message announces: created objects only, deduplicated within the message,
 * nothing for a test event. Throws when the body is not an S3 notification at all, so that one
 * message fails alone.
 */
export function objectsOfSqsRecord(record: Pick<SQSRecord, 'body' | 'messageId'>): S3ObjectRef[] {
  let body: { Event?: string; Records?: RawS3Record[] };
  try {
    body = JSON.parse(record.body);
  } catch {
    throw new Error(`SQS message ${record.messageId} is not JSON`);
  }
  if (body.Event === 's3:TestEvent') return [];
  if (!Array.isArray(body.Records)) throw new Error(`SQS message ${record.messageId} holds no S3 event records`);
  const seen = new Set<string>();
  const refs: S3ObjectRef[] = [];
  for (const r of body.Records) {
    if (!r.eventName?.startsWith('ObjectCreated:')) continue;
    const bucket = r.s3?.bucket?.name;
    const rawKey = r.s3?.object?.key;
    if (!bucket || rawKey === undefined) throw new Error(`SQS message ${record.messageId} has an S3 record without bucket or key`);
    const ref: S3ObjectRef = {
      bucket,
      key: decodeS3Key(rawKey),
      size: r.s3?.object?.size,
      eTag: r.s3?.object?.eTag,
      versionId: r.s3?.object?.versionId,
    };
    const id = `${ref.bucket}\u0000${ref.key}\u0000${ref.versionId ?? ''}\u0000${ref.eTag ?? ''}`;
    if (seen.has(id)) continue;
    seen.add(id);
    refs.push(ref);
  }
  return refs;
}
