/**
 * `rollout status deployment/NAME`: kubectl's reading of a Deployment's status. Complete when the
 * controller has observed the latest generation and every replica is updated and available; until then
 * it prints what it is waiting for, one line per change, from a watch on the object.
 */
import type { Deployment } from '@tinykube/api';
import type { CliContext } from '../context';
import { CliError } from '../errors';
import { watchOne, parseDuration } from '../resources/wait';
import { resolveOne } from '../resources/resolve';

export interface RolloutView {
  message: string;
  done: boolean;
}

/** What `rollout status` says about a Deployment at one moment; throws when it can never complete. */
export function deploymentRolloutStatus(dep: Deployment): RolloutView {
  const name = dep.metadata.name;
  const st = dep.status ?? {};
  if ((dep.metadata.generation ?? 0) > (st.observedGeneration ?? 0)) return { message: 'Waiting for deployment spec update to be observed...', done: false };
  const progressing = st.conditions?.find((c) => c.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') throw new CliError(`deployment "${name}" exceeded its progress deadline`);
  const want = dep.spec?.replicas ?? 1;
  const updated = st.updatedReplicas ?? 0;
  if (updated < want) return { message: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${want} new replicas have been updated...`, done: false };
  if ((st.replicas ?? 0) > updated) return { message: `Waiting for deployment "${name}" rollout to finish: ${(st.replicas ?? 0) - updated} old replicas are pending termination...`, done: false };
  if ((st.availableReplicas ?? 0) < updated) return { message: `Waiting for deployment "${name}" rollout to finish: ${st.availableReplicas ?? 0} of ${updated} updated replicas are available...`, done: false };
  return { message: `deployment "${name}" successfully rolled out`, done: true };
}

export async function rolloutStatus(ctx: CliContext, name: string, flags: { watch: string; timeout?: string }): Promise<void> {
  const info = resolveOne('deployments');
  const timeoutMs = parseDuration(flags.timeout, '--timeout');
  let last = '';
  let failure: unknown;
  await watchOne<Deployment>(
    ctx,
    info,
    ctx.namespace(),
    name,
    (dep) => {
      if (!dep) {
        failure = new CliError(`deployment "${name}" was deleted`);
        return true;
      }
      let view: RolloutView;
      try {
        view = deploymentRolloutStatus(dep);
      } catch (e) {
        failure = e;
        return true;
      }
      if (view.message !== last) ctx.out(view.message);
      last = view.message;
      if (!view.done && flags.watch === 'false') return true;
      return view.done;
    },
    { timeoutMs, timeoutMessage: 'timed out waiting for the condition' },
  );
  if (failure) throw failure;
}
