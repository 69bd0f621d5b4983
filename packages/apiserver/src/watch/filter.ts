/** Which objects a watcher or list asked for: namespace, name, label and field selectors. */
import type { FieldSelector, KubeObject, ResourceInfo, Selector } from '@tinykube/api';

export interface ObjectFilter {
  namespace?: string;
  name?: string;
  labelSelector?: Selector;
  fieldSelector?: FieldSelector;
}

export function matchesFilter(info: ResourceInfo, filter: ObjectFilter, obj: KubeObject): boolean {
  const meta = obj.metadata;
  if (filter.namespace !== undefined && meta.namespace !== filter.namespace) return false;
  if (filter.name !== undefined && meta.name !== filter.name) return false;
  if (filter.labelSelector && !filter.labelSelector.isEmpty() && !filter.labelSelector.matches(meta.labels ?? {})) return false;
  if (filter.fieldSelector && !filter.fieldSelector.isEmpty() && !filter.fieldSelector.matches(info.fieldsOf(obj))) return false;
  return true;
}

/** A `metadata.name=` field selector (kubectl delete --wait, get NAME -w) narrows to one object cheaply. */
export function filterFromQuery(
  namespace: string | undefined,
  labelSelector: Selector | undefined,
  fieldSelector: FieldSelector | undefined,
): ObjectFilter {
  const filter: ObjectFilter = { namespace, labelSelector, fieldSelector };
  const byName = fieldSelector?.requirements.find((r) => r.field === 'metadata.name' && r.op === '=');
  if (byName) filter.name = byName.value;
  return filter;
}
