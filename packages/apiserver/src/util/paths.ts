/**
 * Field paths as validation reports them (`spec.containers[0].name`, `metadata.labels[app]`), and
 * deleting the value a path points at (for dropping unknown fields).
 */
export function parsePath(path: string): Array<string | number> {
  const out: Array<string | number> = [];
  const re = /([^.[\]]+)|\[(\d+)\]|\[([^\]]*)\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(path)) !== null) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else out.push(m[3]);
  }
  return out;
}

export function deleteAtPath(root: unknown, path: string): boolean {
  const parts = parsePath(path);
  let cur: unknown = root;
  for (let i = 0; i < parts.length - 1; i++) {
    if (cur === null || typeof cur !== 'object') return false;
    cur = (cur as Record<string | number, unknown>)[parts[i]];
  }
  const last = parts[parts.length - 1];
  if (cur === null || typeof cur !== 'object' || last === undefined) return false;
  if (Array.isArray(cur) && typeof last === 'number') {
    cur.splice(last, 1);
    return true;
  }
  return delete (cur as Record<string | number, unknown>)[last];
}
