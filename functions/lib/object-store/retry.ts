/** How often and how patiently an S3 call is retried. */
export interface RetryOptions {
  /** Total tries including the first; default 5. */
  attempts?: number;
  /** First back-off in ms, doubled each retry; default 100. */
  baseDelayMs?: number;
  /** Upper bound of one back-off; default 5,000. */
  maxDelayMs?: number;
  /** Random source in [0, 1) for the jitter; default Math.random (tests pin it). */
  random?: () => number;
  /** Called before each back-off (for logs and tests). */
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
}

const RETRYABLE_NAMES = new Set([
  'SlowDown',
  'InternalError',
  'ServiceUnavailable',
  'RequestTimeout',
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottled',
  'RequestThrottledException',
  'TooManyRequestsException',
  'TimeoutError',
]);

const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

interface AwsLikeError {
  name?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
  $retryable?: unknown;
}

/**
 * True for failures worth another try: HTTP 5xx and 429, S3's SlowDown / InternalError /
 * RequestTimeout and other throttling names, and network errors (connection reset, timeout, DNS).
 * Other 4xx (403, 404, 400 …) are never retried.
 */
export function isRetryableError(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as AwsLikeError;
  if (e.name && RETRYABLE_NAMES.has(e.name)) return true;
  if (e.code && (NETWORK_CODES.has(e.code) || RETRYABLE_NAMES.has(e.code))) return true;
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined) return status >= 500 || status === 429;
  return Boolean(e.$retryable);
}

/**
 * Back-off before retry number `retry` (1 for the first retry): exponential, capped, with "equal
 * jitter" (half fixed, half random) so concurrent Lambdas spread out but never retry at once.
 */
export function backoffDelay(retry: number, baseDelayMs: number, maxDelayMs: number, random: () => number): number {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (retry - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** Runs `fn`, retrying retryable failures with back-off; the last error is rethrown as is. */
export async function withRetry<T>(fn: () => Promise<T>, opts: RetryOptions = {}): Promise<T> {
  const attempts = Math.max(1, opts.attempts ?? 5);
  const base = opts.baseDelayMs ?? 100;
  const max = opts.maxDelayMs ?? 5_000;
  const random = opts.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= attempts || !isRetryableError(error)) throw error;
      const delayMs = backoffDelay(attempt, base, max, random);
      opts.onRetry?.({ attempt, delayMs, error });
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}
