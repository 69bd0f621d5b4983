import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { transformFileSync } from '@swc/core';
import { makeTempDir, TempDir } from './tempdir';
import { waitFor } from './wait';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Compiles the harness to plain CommonJS in `dir`, so a separate node process can load it. */
async function compileHarness(dir: string): Promise<void> {
  for (const name of ['etcd', 'ports', 'tempdir', 'wait']) {
    const { code } = transformFileSync(join(__dirname, `${name}.ts`), {
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'commonjs' },
    });
    await writeFile(join(dir, `${name}.js`), code);
  }
}

describe('etcd exit guard', () => {
  let dir: TempDir;
  beforeAll(async () => {
    dir = await makeTempDir('tinykube-guard-');
    await compileHarness(dir.path);
  });
  afterAll(async () => {
    await dir.cleanup();
  });

  it.each([
    ['calls process.exit() without stopping etcd', 'process.exit(3);'],
    ['dies of an uncaught exception', "setImmediate(() => { throw new Error('boom'); });"],
    ['is sent SIGTERM', "process.kill(process.pid, 'SIGTERM'); setInterval(() => undefined, 1000);"],
  ])('kills etcd and removes its data when the test process %s', async (_label, ending) => {
    const script = `
      const { startEtcd } = require(${JSON.stringify(join(dir.path, 'etcd.js'))});
      startEtcd().then((etcd) => { console.log('PID ' + etcd.pid + ' DIR ' + etcd.dataDir); ${ending} });
    `;
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    let etcdPid: number | undefined;
    try {
      await exited;
      const match = /PID (\d+) DIR (\S+)/.exec(output);
      expect(match).not.toBeNull();
      etcdPid = Number(match![1]);
      await waitFor(() => !isRunning(etcdPid!), { timeoutMs: 5_000, description: `etcd ${etcdPid} to be gone` });
      expect(existsSync(match![2])).toBe(false);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      if (etcdPid !== undefined && isRunning(etcdPid)) process.kill(etcdPid, 'SIGKILL');
    }
  });
});
