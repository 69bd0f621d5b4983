import { deleteAtPath, parsePath } from './paths';

describe('field paths', () => {
  it('parses dotted, indexed and keyed segments', () => {
    expect(parsePath('spec.containers[0].name')).toEqual(['spec', 'containers', 0, 'name']);
    expect(parsePath('metadata.labels[app.kubernetes.io/name]')).toEqual(['metadata', 'labels', 'app.kubernetes.io/name']);
  });

  it('deletes a nested field and leaves its siblings', () => {
    const obj = { spec: { containers: [{ name: 'a', imagee: 'x' }], replicas: 1 } };
    expect(deleteAtPath(obj, 'spec.containers[0].imagee')).toBe(true);
    expect(obj).toEqual({ spec: { containers: [{ name: 'a' }], replicas: 1 } });
  });

  it('reports a path that leads nowhere', () => {
    expect(deleteAtPath({ spec: 1 }, 'spec.x.y')).toBe(false);
  });
});
