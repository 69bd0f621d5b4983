import { selectControllers, UnknownControllerError } from './registry';

describe('--controllers', () => {
  it.each([
    [['*'], ['replicaset', 'deployment', 'endpoint', 'nodelifecycle', 'garbagecollector', 'namespace']],
    [['*', '-nodelifecycle'], ['replicaset', 'deployment', 'endpoint', 'garbagecollector', 'namespace']],
    [['deployment,replicaset-controller'], ['replicaset', 'deployment']],
    [['*,-garbage-collector-controller,-endpoints'], ['replicaset', 'deployment', 'nodelifecycle', 'namespace']],
    [['replicaset', '-replicaset'], []],
  ])('%j selects %j', (spec, names) => {
    expect(selectControllers(spec).map((c) => c.name)).toEqual(names);
  });

  it('refuses an unknown name', () => {
    expect(() => selectControllers(['*', '-cronjob'])).toThrow(UnknownControllerError);
  });
});
