import { existsSync } from 'node:fs';
import { EtcdNotFoundError, startEtcd } from './etcd';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('startEtcd', () => {
  it('starts a healthy etcd on loopback and stop() kills it and removes its data dir', async () => {
    const etcd = await startEtcd();
    try {
      expect(etcd.endpoint).toBe(`http://127.0.0.1:${etcd.clientPort}`);
      const res = await fetch(`${etcd.endpoint}/health`);
      expect(await res.json()).toMatchObject({ health: 'true' });
      expect(existsSync(etcd.dataDir)).toBe(true);
      expect(isRunning(etcd.pid)).toBe(true);
    } finally {
      await etcd.stop();
    }
    expect(isRunning(etcd.pid)).toBe(false);
    expect(existsSync(etcd.dataDir)).toBe(false);
    await etcd.stop();
  });

  it('names the install script when the binary is missing', async () => {
    const err: unknown = await startEtcd({ binary: 'etcd-that-does-not-exist' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EtcdNotFoundError);
    expect((err as Error).message).toMatch(/^etcd not found: run scripts\/install-system-deps.sh/);
  });
});
