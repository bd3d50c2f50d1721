/**
 * A loopback HTTP proxy in front of s3rver that answers some requests the way S3 does when it is
 * overloaded or broken: `503 SlowDown` or `500 InternalError` with S3's XML error body. Which
 * requests fail is decided by a seeded pseudo-random sequence (or a rule), so a run is repeatable.
 * A failure can also come after the request reached the server ("500 after the write took
 * effect"), as S3 warns can happen.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fate = 'pass' | 'slowdown' | 'internal' | 'internal-after';

export interface FaultStats {
  requests: number;
  passed: number;
  slowdown: number;
  internal: number;
  internalAfter: number;
}

export interface FaultProxy {
  endpoint: string;
  stats: FaultStats;
  close(): Promise<void>;
}

/** mulberry32: a tiny seeded generator in [0, 1). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Fails `share` of the requests: 60 % of those 503 SlowDown, 20 % 500 InternalError before the
 * server sees them, 20 % 500 InternalError after the server carried them out.
 */
export function randomFaults(share: number, seed: number): (req: http.IncomingMessage) => Fate {
  const random = seeded(seed);
  return () => {
    if (random() >= share) return 'pass';
    const kind = random();
    return kind < 0.6 ? 'slowdown' : kind < 0.8 ? 'internal' : 'internal-after';
  };
}

function errorXml(code: string, message: string, resource: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message>` +
    `<Resource>${resource.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</Resource><RequestId>FAULT${Date.now()}</RequestId></Error>`
  );
}

function sendError(req: http.IncomingMessage, res: http.ServerResponse, fate: Exclude<Fate, 'pass'>): void {
  const [status, code, message] =
    fate === 'slowdown' ? [503, 'SlowDown', 'Please reduce your request rate.'] : [500, 'InternalError', 'We encountered an internal error. Please try again.'];
  const body = req.method === 'HEAD' ? '' : errorXml(code, message, req.url ?? '/');
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body), 'x-amz-request-id': 'FAULT' });
  res.end(body);
}

/** Starts the proxy on 127.0.0.1 in front of `targetPort` on 127.0.0.1. */
export async function startFaultProxy(targetPort: number, decide: (req: http.IncomingMessage) => Fate): Promise<FaultProxy> {
  const stats: FaultStats = { requests: 0, passed: 0, slowdown: 0, internal: 0, internalAfter: 0 };
  const server = http.createServer((req, res) => {
    stats.requests++;
    const fate = decide(req);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (fate === 'slowdown' || fate === 'internal') {
        stats[fate]++;
        sendError(req, res, fate);
        return;
      }
      // Forwarded unchanged (the Host header too, so the SigV4 signature still matches).
      const upstream = http.request({ host: '127.0.0.1', port: targetPort, method: req.method, path: req.url, headers: req.headers }, (up) => {
        if (fate === 'internal-after') {
          stats.internalAfter++;
          up.resume();
          up.on('end', () => sendError(req, res, 'internal'));
          return;
        }
        stats.passed++;
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      upstream.on('error', () => res.destroy());
      upstream.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
