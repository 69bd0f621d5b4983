import { FakeClock } from '@tinykube/client';
import { pod } from '../testing/fixtures';
import { SchedulingQueue, type QueuedPodInfo } from './scheduling-queue';

function setup() {
  const clock = new FakeClock();
  const queue = new SchedulingQueue({ clock });
  return { clock, queue };
}

async function popName(queue: SchedulingQueue): Promise<string> {
  const q = await queue.pop();
  return q!.pod.metadata.name!;
}

/** Pops the pod and reports it unschedulable in the cycle it was popped in. */
async function failUnschedulable(queue: SchedulingQueue): Promise<QueuedPodInfo> {
  const q = (await queue.pop())!;
  queue.addUnschedulable(q, q.pod, queue.currentCycle());
  return q;
}

describe('SchedulingQueue', () => {
  afterEach(() => jest.useRealTimers());

  it('pops higher priority first, then the pod that waited longest', async () => {
    const { clock, queue } = setup();
    queue.add(pod('low-old', { priority: 0 }));
    await clock.step(10);
    queue.add(pod('high', { priority: 100 }));
    await clock.step(10);
    queue.add(pod('low-new', { priority: 0 }));
    queue.add(pod('mid', { priority: 50 }));
    expect([await popName(queue), await popName(queue), await popName(queue), await popName(queue)]).toEqual(['high', 'mid', 'low-old', 'low-new']);
    queue.close();
  });

  it('pop waits for a pod to arrive', async () => {
    const { queue } = setup();
    const popped = queue.pop();
    queue.add(pod('late'));
    expect((await popped)!.pod.metadata.name).toBe('late');
    queue.close();
  });

  it('backs off 1 s doubling per attempt up to 10 s', () => {
    const { queue } = setup();
    expect([1, 2, 3, 4, 5, 6].map((a) => queue.backoffDuration(a))).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
    queue.close();
  });

  it('a failed pod waits out its back-off in backoffQ, then returns to activeQ', async () => {
    const { clock, queue } = setup();
    queue.add(pod('p'));
    for (const [attempt, wait] of [[1, 1000], [2, 2000], [3, 4000]]) {
      const q = (await queue.pop())!;
      expect(q.attempts).toBe(attempt);
      queue.addBackoff(q, q.pod);
      expect(queue.where('default/p')).toBe('backoff');
      await clock.step(wait - 1);
      expect(queue.where('default/p')).toBe('backoff');
      await clock.step(1);
      expect(queue.where('default/p')).toBe('active');
    }
    queue.close();
  });

  it('an unschedulable pod is parked until a cluster change moves it (to backoffQ while still backing off)', async () => {
    const { clock, queue } = setup();
    queue.add(pod('p'));
    await failUnschedulable(queue);
    expect(queue.lengths()).toEqual({ active: 0, backoff: 0, unschedulable: 1 });
    await clock.step(60_000);
    expect(queue.where('default/p')).toBe('unschedulable');
    queue.moveAllToActiveOrBackoff();
    expect(queue.where('default/p')).toBe('active');

    await failUnschedulable(queue);
    queue.moveAllToActiveOrBackoff(); // right after the failure: its 2 s back-off is still running
    expect(queue.where('default/p')).toBe('backoff');
    await clock.step(2000);
    expect(queue.where('default/p')).toBe('active');
    queue.close();
  });

  it('a cluster change during the pod’s own cycle sends it to backoffQ instead of parking it', async () => {
    const { queue } = setup();
    queue.add(pod('p'));
    const q = (await queue.pop())!;
    const cycle = queue.currentCycle();
    queue.moveAllToActiveOrBackoff(); // e.g. a node was added while the cycle ran
    queue.addUnschedulable(q, q.pod, cycle);
    expect(queue.where('default/p')).toBe('backoff');
    queue.close();
  });

  it('parked pods are retried after 5 minutes even without a cluster change', async () => {
    const { clock, queue } = setup();
    queue.add(pod('p'));
    await failUnschedulable(queue);
    await clock.step(5 * 60_000 + 30_000);
    expect(queue.where('default/p')).toBe('active');
    queue.close();
  });

  it('a spec change moves a parked pod back; a status-only change does not', async () => {
    const { clock, queue } = setup();
    const p = pod('p', { nodeSelector: { zone: 'x' } });
    queue.add(p);
    await failUnschedulable(queue);
    await clock.step(5000);
    const withStatus = { ...p, metadata: { ...p.metadata, resourceVersion: '2' }, status: { conditions: [{ type: 'PodScheduled', status: 'False' as const }] } };
    queue.update(p, withStatus);
    expect(queue.where('default/p')).toBe('unschedulable');
    const relaxed = { ...withStatus, metadata: { ...withStatus.metadata, resourceVersion: '3' }, spec: { ...p.spec!, nodeSelector: {} } };
    queue.update(withStatus, relaxed);
    expect(queue.where('default/p')).toBe('active');
    expect((await queue.pop())!.pod.spec!.nodeSelector).toEqual({});
    queue.close();
  });

  it('a deleted (or bound elsewhere) pod leaves whichever queue it is in', async () => {
    const { queue } = setup();
    queue.add(pod('a'));
    queue.add(pod('b'));
    queue.add(pod('c'));
    const q = (await queue.pop())!;
    queue.addBackoff(q, q.pod);
    await failUnschedulable(queue);
    expect(queue.lengths()).toEqual({ active: 1, backoff: 1, unschedulable: 1 });
    for (const n of ['a', 'b', 'c']) queue.delete(pod(n));
    expect(queue.lengths()).toEqual({ active: 0, backoff: 0, unschedulable: 0 });
    queue.close();
  });

  it('a pod deleted while in flight is not requeued by its failed cycle', async () => {
    const { queue } = setup();
    queue.add(pod('p'));
    const q = (await queue.pop())!;
    queue.delete(q.pod);
    queue.addUnschedulable(q, q.pod, queue.currentCycle());
    expect(queue.where('default/p')).toBeUndefined();
    queue.close();
  });

  it('adding a pod twice keeps one entry', () => {
    const { queue } = setup();
    queue.add(pod('p'));
    queue.add(pod('p'));
    expect(queue.lengths().active).toBe(1);
    queue.close();
  });

  it('close wakes a waiting pop with undefined', async () => {
    const { queue } = setup();
    const popped = queue.pop();
    queue.close();
    await expect(popped).resolves.toBeUndefined();
  });
});
