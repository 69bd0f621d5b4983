import { strategicMergePatch, StrategicPatchError } from './index';
import type { JsonObject } from './json';

const pod: JsonObject = {
  metadata: { finalizers: ['a'] },
  spec: { containers: [{ name: 'a', image: 'a' }], strategy: {} },
};

interface ErrorCase {
  name: string;
  patch: JsonObject;
  message: RegExp;
  path: string;
  /** What kube-apiserver answers for it. */
  status: 400 | 422 | 500;
}

const cases: ErrorCase[] = [
  {
    name: '$patch: merge in a list element',
    patch: { spec: { containers: [{ name: 'a', $patch: 'merge' }] } },
    message: /merging lists cannot yet be specified in the patch/,
    path: 'spec.containers',
    status: 500,
  },
  {
    name: '$patch: merge in a map (Kubernetes knows only replace and delete there)',
    patch: { spec: { strategy: { $patch: 'merge' } } },
    message: /unknown patch type: "merge"/,
    path: 'spec.strategy',
    status: 500,
  },
  {
    name: 'an unknown $patch value in a list element',
    patch: { spec: { containers: [{ name: 'a', $patch: 'drop' }] } },
    message: /unknown patch type: "drop"/,
    path: 'spec.containers',
    status: 500,
  },
  {
    name: 'an element of a keyed list without its merge key',
    patch: { spec: { containers: [{ image: 'b' }] } },
    message: /does not contain declared merge key: name/,
    path: 'spec.containers',
    status: 500,
  },
  {
    name: '$patch: delete without the merge key',
    patch: { spec: { containers: [{ $patch: 'delete' }] } },
    message: /does not contain declared merge key: name/,
    path: 'spec.containers',
    status: 500,
  },
  {
    name: '$retainKeys that is not a list',
    patch: { spec: { strategy: { $retainKeys: 'type' } } },
    message: /invalid patch format of retainKeys/,
    path: 'spec.strategy',
    status: 400,
  },
  {
    name: '$retainKeys that does not list a key the patch sets',
    patch: { spec: { strategy: { $retainKeys: ['type'], rollingUpdate: {} } } },
    message: /^invalid patch format of retainKeys$/,
    path: 'spec.strategy.rollingUpdate',
    status: 400,
  },
  {
    name: '$setElementOrder that contradicts the patch list',
    patch: { spec: { '$setElementOrder/containers': [{ name: 'a' }, { name: 'b' }], containers: [{ name: 'b' }, { name: 'a' }] } },
    message: /doesn't match \$setElementOrder list/,
    path: 'spec.containers',
    status: 500,
  },
  {
    name: '$setElementOrder that is not a list',
    patch: { spec: { '$setElementOrder/containers': { name: 'a' } } },
    message: /^invalid patch format of setElementOrder list$/,
    path: 'spec.$setElementOrder/containers',
    status: 400,
  },
  {
    name: '$deleteFromPrimitiveList that is not a list',
    patch: { metadata: { '$deleteFromPrimitiveList/finalizers': 'a' } },
    message: /invalid patch format of primitive list/,
    path: 'metadata.finalizers',
    status: 400,
  },
  {
    name: 'a merged list mixing maps and scalars',
    patch: { spec: { containers: ['a'] } },
    message: /list element types are not identical/,
    path: 'spec.containers',
    status: 500,
  },
  {
    name: 'a merged list of lists',
    patch: { metadata: { finalizers: [['a']] } },
    message: /lists of lists are not supported/,
    path: 'metadata.finalizers',
    status: 422,
  },
  {
    name: 'a parallel-list key without its slash',
    patch: { metadata: { $deleteFromPrimitiveListfinalizers: ['a'] } },
    message: /^invalid patch format of primitive list$/,
    path: 'metadata.$deleteFromPrimitiveListfinalizers',
    status: 400,
  },
];

describe('strategicMergePatch rejects malformed patches', () => {
  it.each(cases.map((t) => [t.name, t] as const))('%s', (_name, t) => {
    let caught: unknown;
    try {
      strategicMergePatch('Pod', pod, t.patch);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(StrategicPatchError);
    const err = caught as StrategicPatchError;
    expect(err.message).toMatch(t.message);
    expect(err.path).toBe(t.path);
    expect(err.httpStatus).toBe(t.status);
  });

  it('rejects a patch that is not an object', () => {
    expect(() => strategicMergePatch('Pod', pod, ['x'] as unknown as JsonObject)).toThrow(
      expect.objectContaining({ name: 'StrategicPatchError', httpStatus: 400 }),
    );
  });
});
