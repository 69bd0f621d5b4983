import { decodeOpenApiV2, openApiV2Json, openApiV2Protobuf } from './openapi-v2';

interface DecodedOp {
  parameters?: Array<{ parameter?: { non_body_parameter?: { query_parameter_sub_schema?: { name?: string; in?: string } } } }>;
  vendor_extension?: Array<{ name?: string; value?: { yaml?: string } }>;
}

describe('OpenAPI v2 document', () => {
  it('encodes, as protobuf, a PATCH per kind with fieldValidation and its group/version/kind', () => {
    const doc = decodeOpenApiV2(openApiV2Protobuf()) as { swagger: string; paths: { path: Array<{ name: string; value: { patch?: DecodedOp } }> } };
    expect(doc.swagger).toBe('2.0');
    const deployments = doc.paths.path.find((p) => p.name === '/apis/apps/v1/namespaces/{namespace}/deployments/{name}');
    const patch = deployments?.value.patch;
    const names = (patch?.parameters ?? []).map((p) => p.parameter?.non_body_parameter?.query_parameter_sub_schema?.name);
    expect(names).toContain('fieldValidation');
    const gvk = patch?.vendor_extension?.find((e) => e.name === 'x-kubernetes-group-version-kind')?.value?.yaml;
    expect(gvk).toBe('group: "apps"\nkind: Deployment\nversion: v1\n');
    const nodes = doc.paths.path.find((p) => p.name === '/api/v1/nodes/{name}');
    expect(nodes?.value.patch?.vendor_extension?.[0].value?.yaml).toContain('kind: Node');
  });

  it('serves the same operations as JSON', () => {
    const doc = openApiV2Json() as { paths: Record<string, { patch?: { parameters: Array<{ name: string }>; 'x-kubernetes-group-version-kind': unknown } }> };
    const patch = doc.paths['/api/v1/namespaces/{namespace}/configmaps/{name}'].patch;
    expect(patch?.parameters.map((p) => p.name)).toContain('fieldValidation');
    expect(patch?.['x-kubernetes-group-version-kind']).toEqual({ group: '', version: 'v1', kind: 'ConfigMap' });
  });
});
