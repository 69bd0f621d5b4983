import { compactJson, toJson, toYaml } from './objects';

describe('printing objects as kubectl does', () => {
  it('quotes YAML strings as Go yaml.v2 does: double for other types, single for syntax', () => {
    const text = toYaml({ port: '8080', flag: 'yes', empty: '', when: '2026-01-01T00:00:00Z', amp: '&&', star: '*x', plain: 'busybox:1.36', num: 3 });
    expect(text).toBe('amp: \'&&\'\nempty: ""\nflag: "yes"\nnum: 3\nplain: busybox:1.36\nport: "8080"\nstar: \'*x\'\nwhen: "2026-01-01T00:00:00Z"\n');
  });

  it('keeps block sequences flush with their key', () => {
    expect(toYaml({ spec: { ports: [{ port: 80 }] } })).toBe('spec:\n  ports:\n  - port: 80\n');
  });

  it('writes JSON with sorted keys and HTML characters escaped like Go', () => {
    expect(compactJson({ b: 1, a: '<&>' })).toBe('{"a":"\\u003c\\u0026\\u003e","b":1}');
    expect(toJson({ b: [1], a: 'x' })).toBe('{\n    "a": "x",\n    "b": [\n        1\n    ]\n}\n');
  });
});
