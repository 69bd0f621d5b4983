import { deployment, pod, service } from './fixtures';
import { findUnknownFields } from './index';

describe('findUnknownFields', () => {
  it.each<[string, string, () => unknown, string[]]>([
    ['a valid deployment has none', 'Deployment', deployment, []],
    ['a top-level typo', 'Deployment', () => ({ ...deployment(), sepc: {} }), ['sepc']],
    ['a spec typo', 'Deployment', () => ({ ...deployment(), spec: { ...deployment().spec, replicaz: 3 } }), ['spec.replicaz']],
    [
      'a typo deep in the pod template',
      'Deployment',
      () => {
        const d = deployment();
        Object.assign(d.spec.template.spec.containers[0], { imagee: 'nginx' });
        Object.assign(d.spec.template.spec.containers[0].ports![0], { containerport: 80 });
        return d;
      },
      // Document order: the container's existing fields (ports) come before the appended typo.
      ['spec.template.spec.containers[0].ports[0].containerport', 'spec.template.spec.containers[0].imagee'],
    ],
    ['a metadata typo', 'Pod', () => ({ ...pod(), metadata: { name: 'p', lables: { a: 'b' } } }), ['metadata.lables']],
    ['map keys are never unknown', 'Pod', () => ({ ...pod(), metadata: { name: 'p', labels: { anything: 'x' }, annotations: { 'x/y': 'z' } } }), []],
    ['status fields are known too', 'Pod', () => ({ ...pod(), status: { phase: 'Running', podIP: '10.0.0.1', bogus: 1 } }), ['status.bogus']],
    ['service ports', 'Service', () => { const s = service(); Object.assign(s.spec.ports![0], { target: 80 }); return s; }, ['spec.ports[0].target']],
    ['free-form managedFields content', 'Pod', () => ({ ...pod(), metadata: { name: 'p', managedFields: [{ manager: 'kubectl', fieldsV1: { 'f:spec': {} } }] } }), []],
    ['kinds without a schema report nothing', 'Widget', () => ({ metadata: { name: 'w' }, whatever: 1 }), []],
  ])('%s', (_name, kind, build, expected) => {
    expect(findUnknownFields(kind, build() as never)).toEqual(expected);
  });
});
