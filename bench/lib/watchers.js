'use strict';
/**
 * Many concurrent NDJSON pod watches from one process, and the bookkeeping to time one write's
 * delivery to all of them. The data handler only timestamps and splits lines: with a thousand sockets
 * readable at once, every microsecond spent per event is added to the latency of the watchers after it.
 */
const http = require('node:http');
const { performance } = require('node:perf_hooks');
const { PODS_PATH } = require('./pods');

class WatchClosedError extends Error {
  constructor(index, why) {
    super(`watcher ${index} ended early: ${why}`);
    this.name = 'WatchClosedError';
  }
}

/**
 * A set of watchers on pods in `default`. `expect(name)` arms the tracker for one object name and returns
 * a promise of each watcher's arrival time (performance.now() ms) for its ADDED event.
 */
class WatcherSet {
  constructor(baseUrl) {
    this.url = new URL(baseUrl);
    this.watchers = [];
    this.pending = undefined;
    this.failure = undefined;
  }

  get size() {
    return this.watchers.length;
  }

  /** Opens `count` watches from `resourceVersion`, at most `batch` connecting at once; resolves when all have headers. */
  async open(count, resourceVersion, batch) {
    for (let start = 0; start < count; start += batch) {
      const n = Math.min(batch, count - start);
      await Promise.all(Array.from({ length: n }, (_, j) => this.openOne(start + j, resourceVersion)));
    }
  }

  openOne(index, resourceVersion) {
    return new Promise((resolve, reject) => {
      const w = { index, req: undefined, buf: '', seen: -1, closing: false };
      w.req = http.get(
        {
          hostname: this.url.hostname,
          port: this.url.port,
          path: `${PODS_PATH}?watch=true&resourceVersion=${resourceVersion}`,
          // One connection per watch, as separate clients would have; no pooling limit applies.
          agent: false,
          headers: { Accept: 'application/json' },
        },
        (res) => {
          if (res.statusCode !== 200) {
            res.resume();
            reject(new Error(`watch ${index} answered ${res.statusCode}`));
            return;
          }
          res.setEncoding('utf8');
          res.on('data', (chunk) => this.onData(w, chunk, performance.now()));
          res.on('end', () => this.onClosed(w, 'stream ended'));
          res.on('error', (err) => this.onClosed(w, err.message));
          this.watchers.push(w);
          resolve();
        },
      );
      w.req.on('error', (err) => {
        if (!this.watchers.includes(w)) reject(err);
        else this.onClosed(w, err.message);
      });
    });
  }

  onData(w, chunk, t) {
    w.buf += chunk;
    let nl;
    while ((nl = w.buf.indexOf('\n')) !== -1) {
      const line = w.buf.slice(0, nl);
      w.buf = w.buf.slice(nl + 1);
      this.onLine(w, line, t);
    }
  }

  onLine(w, line, t) {
    const p = this.pending;
    if (line.startsWith('{"type":"ERROR"')) {
      this.fail(new Error(`watcher ${w.index} got an ERROR event: ${line.slice(0, 300)}`));
      return;
    }
    if (p === undefined || w.seen === p.seq || !line.includes(p.needle)) return;
    if (!line.startsWith('{"type":"ADDED"')) {
      this.fail(new Error(`watcher ${w.index} got a non-ADDED event for ${p.name}: ${line.slice(0, 200)}`));
      return;
    }
    w.seen = p.seq;
    p.arrivals.push(t);
    if (p.sample === undefined) p.sample = line;
    if (p.arrivals.length === this.watchers.length) p.resolve(p);
  }

  onClosed(w, why) {
    if (!w.closing) this.fail(new WatchClosedError(w.index, why));
  }

  fail(err) {
    this.failure ??= err;
    if (this.pending) this.pending.reject(err);
  }

  /**
   * Arms the tracker for `name`; the returned promise resolves with { arrivals, sample } once every
   * watcher saw it, or rejects after `timeoutMs`, or when any watcher fails.
   */
  expect(name, seq, timeoutMs) {
    if (this.failure) return Promise.reject(this.failure);
    let timer;
    const promise = new Promise((resolve, reject) => {
      this.pending = { name, seq, needle: `"name":"${name}"`, arrivals: [], sample: undefined, resolve, reject };
      timer = setTimeout(() => {
        const got = this.pending ? this.pending.arrivals.length : 0;
        reject(new Error(`only ${got}/${this.watchers.length} watchers saw ${name} within ${timeoutMs} ms`));
      }, timeoutMs);
    });
    return promise.finally(() => {
      clearTimeout(timer);
      this.pending = undefined;
    });
  }

  closeAll() {
    for (const w of this.watchers) {
      w.closing = true;
      w.req.destroy();
    }
    this.watchers = [];
  }
}

module.exports = { WatcherSet, WatchClosedError };
