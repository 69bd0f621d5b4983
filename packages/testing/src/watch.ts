/**
 * Reads a watch stream in a test: events are queued as they arrive and taken with `next()`, which
 * fails after a deadline instead of hanging the test.
 */
export interface WatchEventJson {
  type: string;
  object: { kind?: string; metadata?: { name?: string; resourceVersion?: string }; [k: string]: unknown };
}

export interface TestWatch {
  /** HTTP status of the watch response. */
  status: number;
  next(timeoutMs?: number): Promise<WatchEventJson>;
  /** Events received so far and not yet taken. */
  pending(): WatchEventJson[];
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

export async function openWatch(baseUrl: string, path: string, headers: Record<string, string> = {}): Promise<TestWatch> {
  const controller = new AbortController();
  const res = await fetch(baseUrl + path, { headers, signal: controller.signal });
  const queue: WatchEventJson[] = [];
  const waiters: Array<(e: WatchEventJson) => void> = [];
  let endResolve: () => void = () => undefined;
  const ended = new Promise<void>((r) => (endResolve = r));
  let buffered = '';
  const push = (e: WatchEventJson) => {
    const w = waiters.shift();
    if (w) w(e);
    else queue.push(e);
  };
  void (async () => {
    try {
      if (!res.body) return;
      const decoder = new TextDecoder();
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffered += decoder.decode(chunk, { stream: true });
        let nl: number;
        while ((nl = buffered.indexOf('\n')) >= 0) {
          const line = buffered.slice(0, nl).trim();
          buffered = buffered.slice(nl + 1);
          if (line) push(JSON.parse(line) as WatchEventJson);
        }
      }
    } catch {
      // aborted by close(), or the connection dropped: the stream has ended either way
    } finally {
      endResolve();
    }
  })();
  return {
    status: res.status,
    pending: () => [...queue],
    ended,
    close: () => controller.abort(),
    next(timeoutMs = 10_000) {
      const e = queue.shift();
      if (e) return Promise.resolve(e);
      return new Promise<WatchEventJson>((resolve, reject) => {
        const timer = setTimeout(() => {
          const i = waiters.indexOf(onEvent);
          if (i >= 0) waiters.splice(i, 1);
          reject(new Error(`no watch event within ${timeoutMs} ms on ${path}`));
        }, timeoutMs);
        const onEvent = (ev: WatchEventJson) => {
          clearTimeout(timer);
          resolve(ev);
        };
        waiters.push(onEvent);
      });
    },
  };
}
