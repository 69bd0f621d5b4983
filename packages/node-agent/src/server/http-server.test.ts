/**
 * The agent's /containerLogs reads its boolean parameters as the kubelet does (Go's strconv.ParseBool
 * spellings, a bare `?follow` meaning true) and answers a bad one with a 400 before any log line.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { Registry } from 'prom-client';
import { startAgentHttpServer, type AgentHttpServer } from './http-server';
import type { LogSource } from './log-source';

const LOG = ['2024-01-01T00:00:01.000000000Z stdout F first', '2024-01-01T00:00:02.000000000Z stdout F second', ''].join('\n');

describe('agent /containerLogs boolean parameters', () => {
  let dir: string;
  let server: AgentHttpServer;
  const previousAsked: boolean[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'tinykube-agent-http-'));
    const logPath = path.join(dir, '0.log');
    await writeFile(logPath, LOG);
    const logs: LogSource = {
      async resolve(_ns, _pod, _container, previous) {
        previousAsked.push(previous);
        return { path: logPath, containerId: 'c1' };
      },
      // Not running: a follow ends once the file is read.
      isRunning: async () => false,
    };
    server = await startAgentHttpServer({ bindAddress: '127.0.0.1', port: 0, registry: new Registry(), logs, logger: pino({ level: 'silent' }), healthy: () => true, logPollMs: 10 });
  });
  afterAll(async () => {
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function get(query: string): Promise<{ status: number; text: string }> {
    const res = await fetch(`http://127.0.0.1:${server.port}/containerLogs/ns/pod/c?${query}`);
    return { status: res.status, text: await res.text() };
  }

  it.each([
    ['1', true],
    ['t', true],
    ['T', true],
    ['TRUE', true],
    ['true', true],
    ['True', true],
    ['', true],
    ['0', false],
    ['f', false],
    ['F', false],
    ['FALSE', false],
    ['false', false],
    ['False', false],
  ])('timestamps=%j prints timestamps: %s', async (value, expected) => {
    const res = await get(`timestamps=${value}`);
    expect(res.status).toBe(200);
    expect(res.text).toBe(expected ? '2024-01-01T00:00:01.000000000Z first\n2024-01-01T00:00:02.000000000Z second\n' : 'first\nsecond\n');
  });

  it.each([
    ['True', true],
    ['F', false],
  ])('previous=%s asks for the previous instance: %s', async (value, expected) => {
    previousAsked.length = 0;
    expect((await get(`previous=${value}`)).status).toBe(200);
    expect(previousAsked).toEqual([expected]);
  });

  it('follow=True follows until the container is not running', async () => {
    expect(await get('follow=True')).toEqual({ status: 200, text: 'first\nsecond\n' });
  });

  it.each(['follow', 'previous', 'timestamps'])('%s=maybe is a 400 naming the parameter, before any log line', async (param) => {
    expect(await get(`${param}=maybe`)).toEqual({
      status: 400,
      text: `invalid ${param} "maybe": must be a boolean (true, false, 1, 0, t, f, True, False, TRUE or FALSE)`,
    });
  });
});
