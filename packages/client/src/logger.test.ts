import { Writable } from 'node:stream';
import { createLogger, reconcileLogger } from './logger';

it('writes JSON lines with the component, and the controller and key in reconcile', () => {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      cb();
    },
  });
  const logger = createLogger({ component: 'scheduler', level: 'info', destination });
  logger.info('started');
  reconcileLogger(logger, 'replicaset', 'default/web').warn('retrying');
  logger.debug('not shown');
  expect(lines).toEqual([
    expect.objectContaining({ component: 'scheduler', msg: 'started', level: 30 }),
    expect.objectContaining({ component: 'scheduler', controller: 'replicaset', key: 'default/web', msg: 'retrying', level: 40 }),
  ]);
});
