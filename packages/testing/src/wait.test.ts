import { waitFor, WaitTimeoutError } from './wait';

describe('waitFor', () => {
  it('returns the first value that is neither undefined nor false', async () => {
    let calls = 0;
    const result = await waitFor(() => (++calls >= 3 ? `ready after ${calls}` : undefined), { intervalMs: 1 });
    expect(result).toBe('ready after 3');
  });

  it.each([
    ['0', 0],
    ['an empty string', ''],
    ['null', null],
  ])('treats %s as a result, not as "not yet"', async (_label, value) => {
    await expect(waitFor(() => value, { timeoutMs: 1_000 })).resolves.toBe(value);
  });

  it('keeps polling through errors and resolves once the probe succeeds', async () => {
    let calls = 0;
    const result = await waitFor(
      async () => {
        if (++calls < 3) throw new Error('not listening yet');
        return calls;
      },
      { intervalMs: 1 },
    );
    expect(result).toBe(3);
  });

  it('times out with the description and the last error', async () => {
    const err: unknown = await waitFor(
      () => {
        throw new Error('connection refused');
      },
      { timeoutMs: 100, intervalMs: 10, description: 'the server to listen' },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WaitTimeoutError);
    const timeout = err as WaitTimeoutError;
    expect(timeout.message).toBe(
      'timed out after 100 ms waiting for the server to listen; last error: connection refused',
    );
    expect(timeout.lastError).toBeInstanceOf(Error);
  });

  it('times out when the probe keeps answering false', async () => {
    await expect(waitFor(() => false, { timeoutMs: 50, intervalMs: 5 })).rejects.toThrow(
      'timed out after 50 ms waiting for condition',
    );
  });

  it('does not hang on a probe that never settles', async () => {
    const started = Date.now();
    await expect(waitFor(() => new Promise<never>(() => undefined), { timeoutMs: 100 })).rejects.toBeInstanceOf(
      WaitTimeoutError,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
