import { ImageStore, imageIdOf, imageRepository, normalizeImageRef } from './images';
import { InvalidPodIpRangeError, IpPool, IpPoolExhaustedError, parseCidr } from './ip-pool';

describe('normalizeImageRef', () => {
  it.each([
    ['busybox', 'docker.io/library/busybox:latest'],
    ['busybox:1.36', 'docker.io/library/busybox:1.36'],
    ['library/busybox', 'docker.io/library/busybox:latest'],
    ['docker.io/busybox', 'docker.io/library/busybox:latest'],
    ['myorg/app:v2', 'docker.io/myorg/app:v2'],
    ['registry.k8s.io/pause:3.6', 'registry.k8s.io/pause:3.6'],
    ['localhost:5000/app', 'localhost:5000/app:latest'],
    ['localhost/app', 'localhost/app:latest'],
    [`app@sha256:${'a'.repeat(64)}`, `docker.io/library/app@sha256:${'a'.repeat(64)}`],
    [`sha256:${'b'.repeat(64)}`, `sha256:${'b'.repeat(64)}`],
  ])('%s -> %s', (input, output) => {
    expect(normalizeImageRef(input)).toBe(output);
  });

  it.each([
    ['docker.io/library/busybox:1.36', 'docker.io/library/busybox'],
    ['localhost:5000/app:latest', 'localhost:5000/app'],
    [`docker.io/library/app@sha256:${'a'.repeat(64)}`, 'docker.io/library/app'],
  ])('repository of %s is %s', (input, output) => {
    expect(imageRepository(input)).toBe(output);
  });
});

describe('ImageStore', () => {
  it('finds an image by any spelling of its name and by id, and reports changes', () => {
    const changes: string[][] = [];
    const store = new ImageStore([], (names) => changes.push(names));
    const ref = store.pull({ image: 'busybox' });
    expect(ref).toBe(imageIdOf('docker.io/library/busybox:latest'));
    store.pull({ image: 'docker.io/library/busybox:latest' });
    expect(changes).toEqual([['docker.io/library/busybox:latest']]);
    expect(store.status({ image: ref })?.repoTags).toEqual(['docker.io/library/busybox:latest']);
    expect(store.list({ image: 'busybox:latest' })).toHaveLength(1);
    expect(store.list({ image: 'nginx' })).toEqual([]);
    store.remove({ image: 'busybox' });
    store.remove({ image: 'busybox' });
    expect(store.all()).toEqual([]);
    expect(changes).toHaveLength(2);
  });
});

describe('IpPool', () => {
  it('skips network and broadcast addresses and hands addresses out round-robin', () => {
    expect(parseCidr('127.1.2.3/30').toString()).toBe('127.1.2.0/30');
    const pool = new IpPool('127.1.2.0/30');
    const a = pool.allocate();
    const b = pool.allocate();
    expect([a, b]).toEqual(['127.1.2.1', '127.1.2.2']);
    expect(() => pool.allocate()).toThrow(IpPoolExhaustedError);
    pool.release(a);
    expect(pool.allocate()).toBe(a);
  });

  it('does not hand out a reserved address and ignores ones outside its range', () => {
    const pool = new IpPool('10.0.0.0/29');
    pool.reserve('10.0.0.1');
    pool.reserve('192.168.0.1');
    expect(pool.allocate()).toBe('10.0.0.2');
    expect(pool.inUse).toBe(2);
  });

  it('hands out IPv6 addresses from a range too large to count', () => {
    const pool = new IpPool('fd00:10:244:1::/64');
    expect([pool.allocate(), pool.allocate()]).toEqual(['fd00:10:244:1::1', 'fd00:10:244:1::2']);
    expect(pool.contains('fd00:10:244:1:ffff:ffff:ffff:fffe')).toBe(true);
    expect(pool.contains('fd00:10:244:1:ffff:ffff:ffff:ffff')).toBe(false);
  });

  it.each(['10.0.0.0', '10.0.0.0/33', '300.0.0.0/8', '10.0.0.0/31', '127.1.0.0/16x'])('rejects %s', (cidr) => {
    expect(() => new IpPool(cidr)).toThrow(InvalidPodIpRangeError);
  });
});
