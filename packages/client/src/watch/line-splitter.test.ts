import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeClient } from '../rest/client';
import { LineSplitter } from './line-splitter';
import { WatchBrokenError, type WatchEventOf } from './watch-stream';

describe('LineSplitter', () => {
  const event = JSON.stringify({ type: 'ADDED', object: { metadata: { name: 'zoë-🚀' }, data: { k: 'ü' } } });
  const bytes = Buffer.from(`${event}\n${event}\n`);

  it.each([1, 2, 3, 7, 13, bytes.length])('reassembles lines cut into %i-byte chunks, including inside multi-byte characters', (size) => {
    const s = new LineSplitter();
    const lines: string[] = [];
    for (let i = 0; i < bytes.length; i += size) lines.push(...s.push(bytes.subarray(i, i + size)));
    expect(lines).toEqual([event, event]);
    expect(s.remainder()).toBe('');
  });

  it('keeps a half line back until its newline arrives', () => {
    const s = new LineSplitter();
    const rocket = Buffer.from('🚀');
    expect(s.push(Buffer.concat([Buffer.from('{"a":"'), rocket.subarray(0, 2)]))).toEqual([]);
    expect(s.remainder()).not.toBe('');
    expect(s.push(Buffer.concat([rocket.subarray(2), Buffer.from('"}\r\n\n')]))).toEqual(['{"a":"🚀"}']);
  });
});

/** A server that writes the given chunks (with a pause between) and then ends or destroys the socket. */
async function chunkServer(chunks: string[], ending: 'end' | 'destroy') {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    let i = 0;
    const next = () => {
      if (i < chunks.length) {
        res.write(chunks[i++], () => setImmediate(next));
      } else if (ending === 'end') res.end();
      else res.socket?.destroy();
    };
    next();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

async function collect(url: string) {
  const client = new KubeClient(url, { maxRetries: 0 });
  const events: WatchEventOf<{ metadata: { name?: string } }>[] = [];
  let error: unknown;
  try {
    const w = await client.watch<{ metadata: { name?: string } }>('/api/v1/configmaps?watch=true');
    for await (const ev of w) events.push(ev);
  } catch (e) {
    error = e;
  } finally {
    client.close();
  }
  return { events, error };
}

describe('NDJSON watch stream', () => {
  const line = (name: string, type = 'ADDED') => JSON.stringify({ type, object: { metadata: { name } } }) + '\n';

  it('yields events split across chunks and ends cleanly when the server ends the response', async () => {
    const all = line('a') + line('b') + line('c', 'DELETED');
    const srv = await chunkServer([all.slice(0, 10), all.slice(10, 50), all.slice(50)], 'end');
    try {
      const { events, error } = await collect(srv.url);
      expect(error).toBeUndefined();
      expect(events.map((e) => `${e.type}:${e.object.metadata.name}`)).toEqual(['ADDED:a', 'ADDED:b', 'DELETED:c']);
    } finally {
      await srv.close();
    }
  });

  it('surfaces ERROR events as events', async () => {
    const status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 410, reason: 'Expired', message: 'too old' };
    const srv = await chunkServer([JSON.stringify({ type: 'ERROR', object: status }) + '\n'], 'end');
    try {
      const { events } = await collect(srv.url);
      expect(events).toEqual([{ type: 'ERROR', object: status }]);
    } finally {
      await srv.close();
    }
  });

  it('never yields half an event: a connection cut mid-line is a WatchBrokenError after the whole events', async () => {
    const srv = await chunkServer([line('a'), line('b').slice(0, 12)], 'destroy');
    try {
      const { events, error } = await collect(srv.url);
      expect(events.map((e) => e.object.metadata.name)).toEqual(['a']);
      expect(error).toBeInstanceOf(WatchBrokenError);
    } finally {
      await srv.close();
    }
  });

  it('stop() ends the iteration without an error', async () => {
    const server = http.createServer((_req, res) => {
      res.writeHead(200);
      res.write(line('first'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const client = new KubeClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    try {
      const w = await client.watch('/api/v1/pods?watch=true');
      const names: string[] = [];
      for await (const ev of w) {
        names.push(ev.object.metadata.name ?? '');
        w.stop();
      }
      expect(names).toEqual(['first']);
    } finally {
      client.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
