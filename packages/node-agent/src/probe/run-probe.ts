/**
 * One probe attempt: an HTTP GET, a TCP connect or an exec through CRI ExecSync, with the probe's
 * timeout. The output reads like the kubelet's, since it ends up in Unhealthy events.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect } from 'node:net';
import type { Container, IntOrString, Probe } from '@tinykube/api';
import type { CriRuntime } from '@tinykube/runtime';

export type ProbeOutcome = { result: 'success'; output?: string } | { result: 'failure'; output: string };

export interface ProbeTarget {
  podIP: string;
  container: Container;
  containerId: string;
  runtime: Pick<CriRuntime, 'execSync'>;
}

export const PROBE_USER_AGENT = 'kube-probe/1.30';

/** A named port is looked up in the container's ports, as Kubernetes does. */
export function resolvePort(port: IntOrString, container: Container): number | undefined {
  if (typeof port === 'number') return port;
  if (/^\d+$/.test(port)) return Number(port);
  return container.ports?.find((p) => p.name === port)?.containerPort;
}

export async function runProbe(probe: Probe, target: ProbeTarget): Promise<ProbeOutcome> {
  const timeoutMs = (probe.timeoutSeconds ?? 1) * 1000;
  if (probe.httpGet) {
    const port = resolvePort(probe.httpGet.port, target.container);
    if (port === undefined) return { result: 'failure', output: `unable to resolve port "${probe.httpGet.port}"` };
    return httpProbe(probe.httpGet.scheme ?? 'HTTP', probe.httpGet.host || target.podIP, port, probe.httpGet.path ?? '/', probe.httpGet.httpHeaders ?? [], timeoutMs);
  }
  if (probe.tcpSocket) {
    const port = resolvePort(probe.tcpSocket.port, target.container);
    if (port === undefined) return { result: 'failure', output: `unable to resolve port "${probe.tcpSocket.port}"` };
    return tcpProbe(probe.tcpSocket.host || target.podIP, port, timeoutMs);
  }
  if (probe.exec) return execProbe(probe.exec.command ?? [], target, probe.timeoutSeconds ?? 1);
  return { result: 'failure', output: 'probe has no handler that tinykube supports (exec, httpGet, tcpSocket)' };
}

function hostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

function httpProbe(scheme: 'HTTP' | 'HTTPS', host: string, port: number, path: string, headers: Array<{ name: string; value: string }>, timeoutMs: number): Promise<ProbeOutcome> {
  const url = `${scheme.toLowerCase()}://${hostPort(host, port)}${path.startsWith('/') ? path : '/' + path}`;
  const h: Record<string, string> = { 'User-Agent': PROBE_USER_AGENT, Accept: '*/*' };
  for (const header of headers) h[header.name] = header.value;
  return new Promise((resolve) => {
    const send = scheme === 'HTTPS' ? httpsRequest : httpRequest;
    const req = send(url, { method: 'GET', headers: h, timeout: timeoutMs, rejectUnauthorized: false }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => {
        if (body.length < 10 * 1024) body += chunk.toString('utf8');
      });
      res.on('end', () => {
        const code = res.statusCode ?? 0;
        if (code >= 200 && code < 400) resolve({ result: 'success', output: body });
        else resolve({ result: 'failure', output: `HTTP probe failed with statuscode: ${code}` });
      });
      res.on('error', (err) => resolve({ result: 'failure', output: `Get "${url}": ${err.message}` }));
    });
    req.on('timeout', () => {
      req.destroy();
      resolve({ result: 'failure', output: `Get "${url}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)` });
    });
    req.on('error', (err: NodeJS.ErrnoException) => resolve({ result: 'failure', output: `Get "${url}": ${dialError(host, port, err)}` }));
    req.end();
  });
}

function dialError(host: string, port: number, err: NodeJS.ErrnoException): string {
  if (err.code === 'ECONNREFUSED') return `dial tcp ${hostPort(host, port)}: connect: connection refused`;
  return err.message;
}

function tcpProbe(host: string, port: number, timeoutMs: number): Promise<ProbeOutcome> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ result: 'failure', output: `dial tcp ${hostPort(host, port)}: i/o timeout` });
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ result: 'success' });
    });
    socket.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({ result: 'failure', output: dialError(host, port, err) });
    });
  });
}

async function execProbe(command: string[], target: ProbeTarget, timeoutSeconds: number): Promise<ProbeOutcome> {
  try {
    const res = await target.runtime.execSync({ containerId: target.containerId, cmd: command, timeout: timeoutSeconds });
    const output = Buffer.concat([res.stdout ?? Buffer.alloc(0), res.stderr ?? Buffer.alloc(0)]).toString('utf8');
    if (res.exitCode === 0) return { result: 'success', output };
    return { result: 'failure', output: output || `command ${JSON.stringify(command)} exited with ${res.exitCode}` };
  } catch (err) {
    return { result: 'failure', output: `exec probe failed: ${(err as Error).message}` };
  }
}
