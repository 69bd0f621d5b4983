import { Deployment, Pod } from '../types';
import { openApiDefinitions, openApiName } from './openapi';

describe('OpenAPI definitions derived from the kinds', () => {
  const v3 = openApiDefinitions([Deployment], 'v3');

  it('names definitions as Kubernetes does, with the domain reversed', () => {
    expect(openApiName('k8s.io.api.apps.v1.Deployment')).toBe('io.k8s.api.apps.v1.Deployment');
    expect(Object.keys(v3)).toEqual(expect.arrayContaining(['io.k8s.api.apps.v1.Deployment', 'io.k8s.api.core.v1.PodSpec', 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta']));
  });

  it('tags the kind with its group, version and kind, and refers to nested messages', () => {
    const dep = v3['io.k8s.api.apps.v1.Deployment'];
    expect(dep['x-kubernetes-group-version-kind']).toEqual([{ group: 'apps', kind: 'Deployment', version: 'v1' }]);
    expect((dep.properties as Record<string, unknown>).spec).toMatchObject({ $ref: '#/components/schemas/io.k8s.api.apps.v1.DeploymentSpec' });
    expect(v3['io.k8s.api.apps.v1.DeploymentSpec'].required).toEqual(['selector', 'template']);
  });

  it('carries the patch metadata kubectl apply reads', () => {
    const podSpec = v3['io.k8s.api.core.v1.PodSpec'].properties as Record<string, Record<string, unknown>>;
    expect(podSpec.containers).toMatchObject({ type: 'array', 'x-kubernetes-patch-strategy': 'merge', 'x-kubernetes-patch-merge-key': 'name' });
    expect(podSpec.volumes['x-kubernetes-patch-strategy']).toBe('merge,retainKeys');
    expect(podSpec.tolerations['x-kubernetes-patch-strategy']).toBeUndefined();
  });

  it('describes the apimachinery value types by their JSON form', () => {
    const pod = openApiDefinitions([Pod], 'v2');
    expect(pod['io.k8s.apimachinery.pkg.util.intstr.IntOrString']).toMatchObject({ type: 'string', format: 'int-or-string' });
    expect(pod['io.k8s.apimachinery.pkg.apis.meta.v1.Time']).toMatchObject({ type: 'string', format: 'date-time' });
    const limits = (pod['io.k8s.api.core.v1.ResourceRequirements'].properties as Record<string, Record<string, unknown>>).limits;
    expect(limits).toMatchObject({ type: 'object', additionalProperties: { $ref: '#/definitions/io.k8s.apimachinery.pkg.api.resource.Quantity' } });
    expect(limits.description).toContain('CFS quota');
  });
});
