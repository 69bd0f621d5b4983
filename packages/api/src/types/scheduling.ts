import type { Static } from '@sinclair/typebox';
import { str, int32, int64, oneOf, list, opt, req, message } from '../define/dsl';
import { LabelSelector } from './meta';

export type NodeSelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';

export type TaintEffect = 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';

export type TolerationOperator = 'Exists' | 'Equal';

export const PodAffinityTerm = message('k8s.io.api.core.v1.PodAffinityTerm', {
  labelSelector: opt(1, LabelSelector),
  namespaces: opt(2, list(str)),
  topologyKey: req(3, str),
  namespaceSelector: opt(4, LabelSelector),
  matchLabelKeys: opt(5, list(str)),
  mismatchLabelKeys: opt(6, list(str)),
});
export type PodAffinityTerm = Static<typeof PodAffinityTerm>;

export const WeightedPodAffinityTerm = message('k8s.io.api.core.v1.WeightedPodAffinityTerm', {
  weight: req(1, int32, { keep: true }),
  podAffinityTerm: req(2, PodAffinityTerm, { struct: true }),
});
export type WeightedPodAffinityTerm = Static<typeof WeightedPodAffinityTerm>;

export const PodAntiAffinity = message('k8s.io.api.core.v1.PodAntiAffinity', {
  requiredDuringSchedulingIgnoredDuringExecution: opt(1, list(PodAffinityTerm)),
  preferredDuringSchedulingIgnoredDuringExecution: opt(2, list(WeightedPodAffinityTerm)),
});
export type PodAntiAffinity = Static<typeof PodAntiAffinity>;

export const NodeSelectorRequirement = message('k8s.io.api.core.v1.NodeSelectorRequirement', {
  key: req(1, str),
  operator: req(2, oneOf<NodeSelectorOperator>()),
  values: opt(3, list(str)),
});
export type NodeSelectorRequirement = Static<typeof NodeSelectorRequirement>;

export const NodeSelectorTerm = message('k8s.io.api.core.v1.NodeSelectorTerm', {
  matchExpressions: opt(1, list(NodeSelectorRequirement)),
  matchFields: opt(2, list(NodeSelectorRequirement)),
});
export type NodeSelectorTerm = Static<typeof NodeSelectorTerm>;

export const NodeSelector = message('k8s.io.api.core.v1.NodeSelector', {
  nodeSelectorTerms: req(1, list(NodeSelectorTerm)),
});
export type NodeSelector = Static<typeof NodeSelector>;

export const PreferredSchedulingTerm = message('k8s.io.api.core.v1.PreferredSchedulingTerm', {
  weight: req(1, int32, { keep: true }),
  preference: req(2, NodeSelectorTerm, { struct: true }),
});
export type PreferredSchedulingTerm = Static<typeof PreferredSchedulingTerm>;

export const NodeAffinity = message('k8s.io.api.core.v1.NodeAffinity', {
  requiredDuringSchedulingIgnoredDuringExecution: opt(1, NodeSelector),
  preferredDuringSchedulingIgnoredDuringExecution: opt(2, list(PreferredSchedulingTerm)),
});
export type NodeAffinity = Static<typeof NodeAffinity>;

export const PodAffinity = message('k8s.io.api.core.v1.PodAffinity', {
  requiredDuringSchedulingIgnoredDuringExecution: opt(1, list(PodAffinityTerm)),
  preferredDuringSchedulingIgnoredDuringExecution: opt(2, list(WeightedPodAffinityTerm)),
});
export type PodAffinity = Static<typeof PodAffinity>;

export const Affinity = message('k8s.io.api.core.v1.Affinity', {
  nodeAffinity: opt(1, NodeAffinity),
  podAffinity: opt(2, PodAffinity),
  podAntiAffinity: opt(3, PodAntiAffinity),
});
export type Affinity = Static<typeof Affinity>;

export const Toleration = message('k8s.io.api.core.v1.Toleration', {
  key: opt(1, str),
  operator: opt(2, oneOf<TolerationOperator>()),
  value: opt(3, str),
  effect: opt(4, str),
  tolerationSeconds: opt(5, int64, { ptr: true }),
});
export type Toleration = Static<typeof Toleration>;

export const TopologySpreadConstraint = message('k8s.io.api.core.v1.TopologySpreadConstraint', {
  maxSkew: req(1, int32, { keep: true }),
  topologyKey: req(2, str),
  whenUnsatisfiable: req(3, oneOf<'DoNotSchedule' | 'ScheduleAnyway'>()),
  labelSelector: opt(4, LabelSelector),
  minDomains: opt(5, int32, { ptr: true }),
  nodeAffinityPolicy: opt(6, str, { ptr: true }),
  nodeTaintsPolicy: opt(7, str, { ptr: true }),
  matchLabelKeys: opt(8, list(str)),
});
export type TopologySpreadConstraint = Static<typeof TopologySpreadConstraint>;
