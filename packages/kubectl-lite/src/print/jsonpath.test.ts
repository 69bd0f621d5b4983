import { renderJsonPath } from './jsonpath';

const list = {
  kind: 'List',
  items: [
    { metadata: { name: 'a', labels: { 'app.kubernetes.io/name': 'web' } }, status: { conditions: [{ type: 'Ready', status: 'True' }], replicas: 2 } },
    { metadata: { name: 'b', labels: {} }, status: { conditions: [{ type: 'Ready', status: 'False' }], replicas: 5 } },
  ],
};

describe('renderJsonPath', () => {
  it.each([
    ['{.kind}', 'List'],
    ['{.items[*].metadata.name}', 'a b'],
    ['{.items[0].metadata.name}', 'a'],
    ['{.items[-1].metadata.name}', 'b'],
    ['{.items[0:1].metadata.name}', 'a'],
    ['{range .items[*]}{.metadata.name}{"\\n"}{end}', 'a\nb\n'],
    ['{.items[?(@.status.replicas>3)].metadata.name}', 'b'],
    ['{.items[0].status.conditions[?(@.type=="Ready")].status}', 'True'],
    ["{.items[0].metadata.labels['app\\.kubernetes\\.io/name']}", ''],
    ["{.items[0].metadata.labels['app.kubernetes.io/name']}", 'web'],
    ['{.items[0].metadata.labels.app\\.kubernetes\\.io/name}', 'web'],
    ['{..replicas}', '2 5'],
    ['name={.items[1].metadata.name}!', 'name=b!'],
    ['{.missing.key}', ''],
    ['{.items[1].metadata}', '{"name":"b","labels":{}}'],
  ])('%s', (template, expected) => {
    expect(renderJsonPath(template, list)).toBe(expected);
  });

  it('rejects a range without end', () => {
    expect(() => renderJsonPath('{range .items[*]}{.x}', list)).toThrow(/range without end/);
  });
});
