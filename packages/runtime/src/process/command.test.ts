import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempDir } from '../testing/helpers';
import { launchSpec, linkMounts, pathRewriter, resolveArgv } from './command';
import type { ContainerConfig } from '../cri/types';

const cfg = (command?: string[], args?: string[]): ContainerConfig => ({ metadata: { name: 'c' }, image: { image: 'x' }, command, args });

describe('resolveArgv (docker rules: command replaces entrypoint+cmd, args replace cmd)', () => {
  it.each([
    ['busybox default cmd', cfg(), 'docker.io/library/busybox:1.36', ['sh']],
    ['busybox with args only', cfg(undefined, ['echo', 'hi']), 'docker.io/library/busybox:latest', ['echo', 'hi']],
    ['command and args', cfg(['sleep'], ['5']), 'docker.io/library/busybox:latest', ['sleep', '5']],
    ['pause keeps its entrypoint', cfg(), 'registry.k8s.io/pause:3.6', ['sleep', 'infinity']],
    ['pause with args appends them', cfg(undefined, ['10']), 'registry.k8s.io/pause:3.6', ['sleep', 'infinity', '10']],
    ['unknown image, no command', cfg(), 'docker.io/library/nginx:1.25', undefined],
    ['unknown image with command', cfg(['nginx', '-g', 'daemon off;']), 'docker.io/library/nginx:1.25', ['nginx', '-g', 'daemon off;']],
  ])('%s', (_name, config, image, expected) => {
    expect(resolveArgv(config, image)).toEqual(expected);
  });
});

describe('pathRewriter', () => {
  const rewrite = pathRewriter([
    { containerPath: '/data', hostPath: '/host/vol/data' },
    { containerPath: '/data/logs', hostPath: '/host/vol/logs' },
    { containerPath: '/etc/config/', hostPath: '/host/cm' },
  ]);
  it.each([
    ['/data', '/host/vol/data'],
    ['/data/file.txt', '/host/vol/data/file.txt'],
    ['/data/logs/app.log', '/host/vol/logs/app.log'],
    ['cat /etc/config/key; ls /data', 'cat /host/cm/key; ls /host/vol/data'],
    ['--config=/etc/config/app.yaml', '--config=/host/cm/app.yaml'],
    ['"/data/x"', '"/host/vol/data/x"'],
    ['/database', '/database'],
    ['/srv/data', '/srv/data'],
    ['http://example/data', 'http://example/data'],
  ])('%s -> %s', (input, output) => {
    expect(rewrite(input)).toBe(output);
  });
});

describe('launchSpec and linkMounts', () => {
  let dir: string;
  beforeEach(() => (dir = tempDir('cmd')));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('sets PATH, HOME and HOSTNAME, lets envs override, and maps the working directory', () => {
    const containerDir = path.join(dir, 'c');
    fs.mkdirSync(containerDir);
    const config: ContainerConfig = {
      ...cfg(['sh']),
      workingDir: '/data/sub',
      envs: [{ key: 'HOSTNAME', value: 'override' }, { key: 'F', value: '/data/f' }],
      mounts: [{ containerPath: '/data', hostPath: dir }],
    };
    const spec = launchSpec(config, { metadata: { name: 'pod', namespace: 'ns', uid: 'u' }, hostname: 'pod-host' }, ['cat', '/data/f'], containerDir);
    expect(spec.env).toMatchObject({ HOME: containerDir, HOSTNAME: 'override', F: path.join(dir, 'f') });
    expect(spec.env.PATH).toBeTruthy();
    expect(spec.argv).toEqual(['cat', path.join(dir, 'f')]);
    expect(spec.cwd).toBe(path.join(dir, 'sub'));
    const relative = launchSpec({ ...cfg(['sh']), workingDir: '/no/such/dir/here' }, { metadata: { name: 'p', namespace: 'n', uid: 'u' } }, ['sh'], containerDir);
    expect(relative.cwd).toBe(path.join(containerDir, 'no/such/dir/here'));
    expect(fs.statSync(relative.cwd).isDirectory()).toBe(true);
  });

  it('links each mount inside the container directory, replacing an old link', () => {
    const target = path.join(dir, 'vol');
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, 'k'), 'v');
    const containerDir = path.join(dir, 'c');
    linkMounts(containerDir, [{ containerPath: '/etc/cfg', hostPath: path.join(dir, 'old') }]);
    linkMounts(containerDir, [{ containerPath: '/etc/cfg', hostPath: target }, { containerPath: '/../escape', hostPath: target }]);
    expect(fs.readFileSync(path.join(containerDir, 'etc/cfg/k'), 'utf8')).toBe('v');
    expect(fs.existsSync(path.join(dir, 'escape'))).toBe(false);
  });
});
