import { kindLabel, parseResourceArgs, parseSingleTarget, resolveType } from './resolve';

const show = (args: string[]) => {
  const parsed = parseResourceArgs(args);
  return { requests: parsed.requests.map((r) => `${kindLabel(r.info)}:${r.names.join('+')}`), single: parsed.singleItem };
};

describe('resource arguments', () => {
  it.each([
    [['pods'], ['pod:'], false],
    [['po', 'a', 'b'], ['pod:a+b'], false],
    [['deploy', 'web'], ['deployment.apps:web'], true],
    [['deploy/web'], ['deployment.apps:web'], true],
    [['deploy/web', 'svc/web', 'deploy/api'], ['deployment.apps:web+api', 'service:web'], false],
    [['deployments.apps,svc'], ['deployment.apps:', 'service:'], false],
    [['Deployment'], ['deployment.apps:'], false],
  ])('%j', (args, requests, single) => {
    expect(show(args)).toEqual({ requests, single });
  });

  it('expands a category such as "all"', () => {
    expect(resolveType('all').map((r) => r.resource)).toEqual(expect.arrayContaining(['pods', 'services', 'deployments', 'replicasets']));
  });

  it.each([
    [['widgets'], 'the server doesn\'t have a resource type "widgets"'],
    [['pods', 'pod/a'], 'there is no need to specify a resource type as a separate argument'],
    [[], 'you must specify the type of resource to get'],
  ])('rejects %j', (args, message) => {
    expect(() => parseResourceArgs(args)).toThrow(message);
  });

  it('reads one TYPE/NAME or TYPE NAME target', () => {
    expect(parseSingleTarget(['deploy/web']).name).toBe('web');
    expect(parseSingleTarget(['rs', 'web-1']).info.kind).toBe('ReplicaSet');
    expect(() => parseSingleTarget(['web'])).toThrow(/resource type and name/);
  });
});
