import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import type { Container } from '@tinykube/api';
import { FakeRuntime } from '@tinykube/runtime';
import { PROBE_USER_AGENT, resolvePort, runProbe } from './run-probe';

describe('runProbe', () => {
  let server: Server;
  let port: number;
  const seen: Array<{ url?: string; agent?: string; header?: string | string[] }> = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push({ url: req.url, agent: req.headers['user-agent'], header: req.headers['x-check'] });
      res.writeHead(req.url === '/bad' ? 503 : req.url === '/moved' ? 302 : 200).end('fine');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  const container = (): Container => ({ name: 'c', ports: [{ name: 'http', containerPort: port }] });
  const target = (runtime = new FakeRuntime()) => ({ podIP: '127.0.0.1', container: container(), containerId: 'x', runtime });

  it.each([
    ['/healthz', 'success'],
    ['/moved', 'success'],
    ['/bad', 'failure'],
  ])('httpGet %s -> %s', async (path, result) => {
    const out = await runProbe({ httpGet: { path, port: 'http', httpHeaders: [{ name: 'X-Check', value: 'yes' }] } }, target());
    expect(out.result).toBe(result);
    expect(seen.at(-1)).toEqual({ url: path, agent: PROBE_USER_AGENT, header: 'yes' });
    if (result === 'failure') expect(out).toEqual({ result: 'failure', output: 'HTTP probe failed with statuscode: 503' });
  });

  it('reports a refused connection like the kubelet', async () => {
    const closed = createTcpServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const free = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    expect(await runProbe({ tcpSocket: { port: free } }, target())).toEqual({ result: 'failure', output: `dial tcp 127.0.0.1:${free}: connect: connection refused` });
    expect((await runProbe({ httpGet: { port: free } }, target())).output).toBe(`Get "http://127.0.0.1:${free}/": dial tcp 127.0.0.1:${free}: connect: connection refused`);
    expect(await runProbe({ tcpSocket: { port } }, target())).toEqual({ result: 'success' });
  });

  it('runs exec probes through CRI ExecSync', async () => {
    const runtime = new FakeRuntime({ images: ['busybox'] });
    const { podSandboxId } = await runtime.runPodSandbox({ config: { metadata: { name: 'p', uid: 'u', namespace: 'd' } } });
    const { containerId } = await runtime.createContainer({ podSandboxId, config: { metadata: { name: 'c' }, image: { image: 'busybox' } } });
    await runtime.startContainer({ containerId });
    runtime.setExec((_id, cmd) => (cmd[0] === 'ok' ? { exitCode: 0, stdout: 'fine' } : { exitCode: 1, stderr: 'broken' }));
    expect(await runProbe({ exec: { command: ['ok'] } }, { ...target(runtime), containerId })).toEqual({ result: 'success', output: 'fine' });
    expect(await runProbe({ exec: { command: ['no'] } }, { ...target(runtime), containerId })).toEqual({ result: 'failure', output: 'broken' });
  });

  it('resolves named and numeric ports', () => {
    expect(resolvePort('http', container())).toBe(port);
    expect(resolvePort('8080', container())).toBe(8080);
    expect(resolvePort('nope', container())).toBeUndefined();
  });
});
