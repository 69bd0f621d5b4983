import { InvalidKeyError, namespacedKey, objectKey, splitKey } from './keys';

describe('object keys', () => {
  it('keys namespaced objects as namespace/name and cluster-scoped ones by name', () => {
    expect(objectKey({ metadata: { namespace: 'default', name: 'web' } })).toBe('default/web');
    expect(objectKey({ metadata: { name: 'node-1' } })).toBe('node-1');
    expect(objectKey({ metadata: { namespace: '', name: 'node-1' } })).toBe('node-1');
    expect(namespacedKey('kube-system', 'dns')).toBe('kube-system/dns');
  });

  it('splits a key back into what made it', () => {
    expect(splitKey('default/web')).toEqual({ namespace: 'default', name: 'web' });
    expect(splitKey('node-1')).toEqual({ name: 'node-1' });
    expect(splitKey(objectKey({ metadata: { namespace: 'a', name: 'b' } }))).toEqual({ namespace: 'a', name: 'b' });
  });

  it('refuses a key no object could have', () => {
    expect(() => splitKey('a/b/c')).toThrow(InvalidKeyError);
    expect(() => splitKey('a/b/c')).toThrow('unexpected key format: "a/b/c"');
  });
});
