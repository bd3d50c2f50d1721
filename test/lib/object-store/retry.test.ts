import { describe, expect, it } from 'vitest';
import { backoffDelay, isRetryableError, withRetry } from '../../../functions/lib/object-store/index.js';

const aws = (name: string, status?: number) => Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });

describe('isRetryableError', () => {
  it.each([
    ['503 SlowDown', aws('SlowDown', 503)],
    ['500 InternalError', aws('InternalError', 500)],
    ['502 without a name', aws('Unknown', 502)],
    ['429 throttling', aws('TooManyRequestsException', 429)],
    ['ThrottlingException', aws('ThrottlingException', 400)],
    ['RequestTimeout', aws('RequestTimeout', 400)],
    ['ECONNRESET', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })],
    ['ETIMEDOUT', Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })],
    ['SDK TimeoutError', Object.assign(new Error('t'), { name: 'TimeoutError' })],
  ])('retries %s', (_label, err) => {
    expect(isRetryableError(err)).toBe(true);
  });

  it.each([
    ['404 NoSuchKey', aws('NoSuchKey', 404)],
    ['403 AccessDenied', aws('AccessDenied', 403)],
    ['400 InvalidArgument', aws('InvalidArgument', 400)],
    ['a plain Error', new Error('bug')],
    ['a string', 'oops'],
    ['undefined', undefined],
  ])('does not retry %s', (_label, err) => {
    expect(isRetryableError(err)).toBe(false);
  });
});

describe('backoffDelay', () => {
  it('doubles from the base delay, with half of it random, and stops at the cap', () => {
    // Act
    const low = [1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, 100, 1_000, () => 0));
    const high = [1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, 100, 1_000, () => 0.999999));

    // Assess
    expect(low).toEqual([50, 100, 200, 400, 500, 500]);
    expect(high).toEqual([100, 200, 400, 800, 1_000, 1_000]);
  });
});

describe('withRetry', () => {
  it('waits the computed back-off between tries and returns the first success', async () => {
    // Prepare
    let calls = 0;
    const waits: number[] = [];
    const fn = async () => {
      calls++;
      if (calls < 3) throw aws('SlowDown', 503);
      return 'ok';
    };

    // Act
    const started = performance.now();
    const result = await withRetry(fn, { attempts: 5, baseDelayMs: 20, random: () => 0, onRetry: (i) => waits.push(i.delayMs) });
    const elapsed = performance.now() - started;

    // Assess
    expect(result).toBe('ok');
    expect(calls).toBe(3);
    expect(waits).toEqual([10, 20]);
    expect(elapsed).toBeGreaterThanOrEqual(28);
  });

  it('makes 5 attempts by default, then rethrows the last error unchanged', async () => {
    // Prepare
    let calls = 0;
    const last = aws('InternalError', 500);

    // Act
    const err = await withRetry(
      async () => {
        calls++;
        throw last;
      },
      { baseDelayMs: 0 },
    ).catch((e: unknown) => e);

    // Assess
    expect(calls).toBe(5);
    expect(err).toBe(last);
  });

  it('does not retry a 404', async () => {
    let calls = 0;
    await expect(
      withRetry(async () => {
        calls++;
        throw aws('NoSuchKey', 404);
      }),
    ).rejects.toThrow('NoSuchKey');
    expect(calls).toBe(1);
  });
});
