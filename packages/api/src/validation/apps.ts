/** apps/v1 Deployment and ReplicaSet checks. */
import { labelSelectorAsSelector, SelectorParseError } from '../selectors';
import type { LabelSelector } from '../types/meta';
import { asObj, isObj, num, present, stringMap, str, type Obj } from './access';
import { intOrPercentValue, validateIntOrPercent, validateNonNegative, validateSelector } from './common';
import { forbidden, invalid, notSupported, required, type FieldError } from './errors';
import { validateTemplateMeta } from './meta';
import { validatePodSpec } from './podspec';

function selectorMatchesLabels(selector: Obj, labels: Record<string, string>): boolean | 'invalid' {
  try {
    return labelSelectorAsSelector(selector as LabelSelector).matches(labels);
  } catch (err) {
    if (err instanceof SelectorParseError) return 'invalid';
    throw err;
  }
}

/** Selector and template of a workload: the selector must pick the pods the template makes. */
function validateSelectorAndTemplate(spec: Obj): FieldError[] {
  const errs: FieldError[] = [];
  const selector = spec.selector;
  if (!isObj(selector)) {
    errs.push(required('spec.selector'));
  } else {
    errs.push(...validateSelector(selector as LabelSelector, 'spec.selector'));
    if (Object.keys(asObj(selector.matchLabels)).length + (Array.isArray(selector.matchExpressions) ? selector.matchExpressions.length : 0) === 0) {
      // Kubernetes uses this wording for ReplicaSets too.
      errs.push(invalid('spec.selector', selector, 'empty selector is invalid for deployment'));
    }
  }
  const template = spec.template;
  if (!isObj(template)) return [...errs, required('spec.template')];
  const labels = stringMap(asObj(template.metadata).labels);
  if (isObj(selector)) {
    const matches = selectorMatchesLabels(selector, labels);
    if (matches === 'invalid') errs.push(invalid('spec.selector', selector, 'invalid label selector'));
    else if (!matches) errs.push(invalid('spec.template.metadata.labels', labels, '`selector` does not match template `labels`'));
  }
  errs.push(...validateTemplateMeta(template.metadata, 'spec.template.metadata'));
  errs.push(...validatePodSpec(template.spec, 'spec.template.spec', { isTemplate: true }));
  const podSpec = asObj(template.spec);
  // Controllers replace pods that exit, so a pod that is not restarted in place makes no sense here.
  if (str(podSpec.restartPolicy) !== 'Always' && str(podSpec.restartPolicy) !== '') {
    errs.push(notSupported('spec.template.spec.restartPolicy', podSpec.restartPolicy, ['Always']));
  }
  if (present(podSpec.activeDeadlineSeconds)) {
    errs.push(invalid('spec.template.spec.activeDeadlineSeconds', podSpec.activeDeadlineSeconds, 'activeDeadlineSeconds in ReplicaSet is not Supported'));
  }
  return errs;
}

function validateRollingUpdate(rollingUpdate: Obj): FieldError[] {
  const path = 'spec.strategy.rollingUpdate';
  const errs = [
    ...validateIntOrPercent(rollingUpdate.maxUnavailable, `${path}.maxUnavailable`),
    ...validateIntOrPercent(rollingUpdate.maxSurge, `${path}.maxSurge`),
  ];
  const unavailable = intOrPercentValue(rollingUpdate.maxUnavailable);
  const surge = intOrPercentValue(rollingUpdate.maxSurge);
  if (unavailable?.value === 0 && surge?.value === 0) {
    errs.push(invalid(`${path}.maxUnavailable`, rollingUpdate.maxUnavailable, 'may not be 0 when `maxSurge` is 0'));
  }
  if (unavailable?.percent && unavailable.value > 100) {
    errs.push(invalid(`${path}.maxUnavailable`, rollingUpdate.maxUnavailable, 'must not be greater than 100%'));
  }
  return errs;
}

function validateStrategy(strategyValue: unknown): FieldError[] {
  const strategy = asObj(strategyValue);
  switch (strategy.type) {
    case 'Recreate':
      return present(strategy.rollingUpdate)
        ? [forbidden('spec.strategy.rollingUpdate', "may not be specified when strategy `type` is 'Recreate'")]
        : [];
    case 'RollingUpdate':
      return isObj(strategy.rollingUpdate)
        ? validateRollingUpdate(strategy.rollingUpdate)
        : [required('spec.strategy.rollingUpdate', 'this should be defaulted and never be nil')];
    default:
      return [notSupported('spec.strategy', strategyValue ?? {}, ['Recreate', 'RollingUpdate'])];
  }
}

export function validateDeploymentSpec(obj: Obj): FieldError[] {
  const spec = asObj(obj.spec);
  const errs = [
    ...validateNonNegative(spec.replicas, 'spec.replicas'),
    ...validateSelectorAndTemplate(spec),
    ...validateStrategy(spec.strategy),
    ...validateNonNegative(spec.minReadySeconds, 'spec.minReadySeconds'),
    ...validateNonNegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'),
  ];
  const deadline = num(spec.progressDeadlineSeconds);
  if (deadline !== undefined) {
    errs.push(...validateNonNegative(deadline, 'spec.progressDeadlineSeconds'));
    if (deadline <= (num(spec.minReadySeconds) ?? 0)) {
      errs.push(invalid('spec.progressDeadlineSeconds', deadline, 'must be greater than minReadySeconds'));
    }
  }
  return errs;
}

export function validateReplicaSetSpec(obj: Obj): FieldError[] {
  const spec = asObj(obj.spec);
  return [
    ...validateNonNegative(spec.replicas, 'spec.replicas'),
    ...validateNonNegative(spec.minReadySeconds, 'spec.minReadySeconds'),
    ...validateSelectorAndTemplate(spec),
  ];
}
