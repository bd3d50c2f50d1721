import { createHash } from 'node:crypto';

/** Hex digits of an ingest id: 64 bits, plenty to tell uploads apart. */
const ID_HEX_DIGITS = 16;

/**
 * The `<id>` of an upload's objects: a short hex SHA-256 of its source key and content identity,
 * so the same upload always maps to the same keys and a retry overwrites instead of duplicating.
 *
 * @example ingestId('incoming/roster/jan.csv', 'etag-1|v3') // '5f0c…' (16 hex digits)
 */
export function ingestId(sourceKey: string, contentId: string): string {
  return createHash('sha256').update(sourceKey).update('\n').update(contentId).digest('hex').slice(0, ID_HEX_DIGITS);
}

/** SHA-256 (hex) of a byte stream, reporting bytes read as it goes. */
export async function hashContent(
  stream: NodeJS.ReadableStream | AsyncIterable<Uint8Array>,
  onBytes?: (bytes: number) => void,
): Promise<string> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of stream as AsyncIterable<Uint8Array | string>) {
    hash.update(chunk);
    bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
    onBytes?.(bytes);
  }
  return `sha256:${hash.digest('hex')}`;
}
