/** apps/v1 Deployment and ReplicaSet defaults. */
import { child, setDefault, setDefaultString, type Obj } from './guards';
import { applyPodTemplateDefaults } from './pod';

export function applyDeploymentDefaults(deployment: Obj): void {
  const spec = child(deployment, 'spec');
  if (spec === undefined) return;
  setDefault(spec, 'replicas', 1);
  const strategy = child(spec, 'strategy');
  if (strategy !== undefined) {
    setDefaultString(strategy, 'type', 'RollingUpdate');
    if (strategy.type === 'RollingUpdate') {
      const rollingUpdate = child(strategy, 'rollingUpdate');
      if (rollingUpdate !== undefined) {
        setDefault(rollingUpdate, 'maxUnavailable', '25%');
        setDefault(rollingUpdate, 'maxSurge', '25%');
      }
    }
  }
  setDefault(spec, 'revisionHistoryLimit', 10);
  setDefault(spec, 'progressDeadlineSeconds', 600);
  applyPodTemplateDefaults(spec.template);
}

export function applyReplicaSetDefaults(replicaSet: Obj): void {
  const spec = child(replicaSet, 'spec');
  if (spec === undefined) return;
  setDefault(spec, 'replicas', 1);
  applyPodTemplateDefaults(spec.template);
}
