/**
 * Patch metadata: what Kubernetes reads from the `patchStrategy` and `patchMergeKey` struct tags of the
 * k8s.io/api types. A field without metadata merges like JSON merge patch: objects key by key, lists
 * replaced whole.
 */

export interface PatchMetaField {
  /**
   * 'merge' on a list: elements merge with the live list (objects matched by `mergeKey`, scalars as a
   * set) instead of replacing it. 'replace' on an object: the object is replaced whole, never merged.
   */
  readonly patchStrategy?: 'merge' | 'replace';
  /** For a merged list of objects: the field that identifies an element (containers: name). */
  readonly mergeKey?: string;
  /**
   * retainKeys: a diff of this object (or of each element of this list) lists the keys it keeps in
   * `$retainKeys`, so that applying it clears keys the user switched away from (Deployment strategy
   * type Recreate drops rollingUpdate; a volume switching from emptyDir to configMap drops emptyDir).
   */
  readonly retainKeys?: boolean;
  /** Metadata of the fields of this object, or of each element's fields when this is a list. */
  readonly fields?: Readonly<Record<string, PatchMetaField>>;
}

export interface PatchMeta {
  readonly kind: string;
  /** The object's own fields (metadata, spec, status, ...). */
  readonly root: PatchMetaField;
  /**
   * The metadata of the field at a dot path; list elements are transparent and `[...]` is ignored, so
   * `spec.template.spec.containers.env` and `spec.template.spec.containers[0].env` both name the env list.
   * Undefined when nothing special is known about the field.
   */
  lookup(path: string): PatchMetaField | undefined;
}

/** The metadata of a child field, or undefined (no metadata: JSON merge patch behaviour). */
export function childMeta(meta: PatchMetaField | undefined, key: string): PatchMetaField | undefined {
  const fields = meta?.fields;
  return fields !== undefined && Object.prototype.hasOwnProperty.call(fields, key) ? fields[key] : undefined;
}

/** True when a list field merges element-wise instead of being replaced. */
export function isMergeList(meta: PatchMetaField | undefined): boolean {
  return meta?.patchStrategy === 'merge';
}

/** The merge key of a merged list ('' for lists of scalars and for lists without metadata). */
export function mergeKeyOf(meta: PatchMetaField | undefined): string {
  return meta?.mergeKey ?? '';
}

export function makePatchMeta(kind: string, root: PatchMetaField): PatchMeta {
  return {
    kind,
    root,
    lookup(path: string): PatchMetaField | undefined {
      const segments = path
        .replace(/\[[^\]]*\]/g, '')
        .split('.')
        .filter((s) => s !== '');
      let node: PatchMetaField | undefined = root;
      for (const segment of segments) {
        node = childMeta(node, segment);
        if (node === undefined) return undefined;
      }
      return node;
    },
  };
}
