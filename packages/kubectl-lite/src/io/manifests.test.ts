import { parseManifests } from './manifests';

describe('parseManifests', () => {
  it('reads several YAML documents and skips empty ones', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n---\napiVersion: v1\nkind: Service\nmetadata: {name: b}\n';
    expect(parseManifests(text, 'x.yaml').map((m) => `${m.object.kind}/${m.object.metadata.name}`)).toEqual(['ConfigMap/a', 'Service/b']);
  });

  it('reads JSON and expands a v1 List', () => {
    const text = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } }] });
    expect(parseManifests(text, 'x.json')[0].object.metadata.name).toBe('a');
  });

  it.each([
    ['bad YAML, with the line', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [a\n', /^error parsing bad\.yaml: error converting YAML to JSON: yaml: line \d+: /],
    ['a missing kind', 'apiVersion: v1\nmetadata: {name: a}\n', /error validating "bad\.yaml": error validating data: \[kind not set\]/],
    ['a document that is a list', '- a\n- b\n', /must be a mapping/],
  ])('rejects %s', (_what, text, message) => {
    expect(() => parseManifests(text, 'bad.yaml')).toThrow(message);
  });

  it('names the line of the error', () => {
    expect(() => parseManifests('a: 1\nb: 2\nc: d: e\n', 'f.yaml')).toThrow('yaml: line 3: Nested mappings are not allowed in compact mappings');
  });
});
