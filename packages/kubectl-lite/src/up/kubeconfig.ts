/**
 * Merges a `tinykube` cluster, user and context into the user's kubeconfig and makes it current, as kind
 * does, so the real kubectl works at once. Other entries in the file are left as they were.
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import YAML from 'yaml';

export const CONTEXT_NAME = 'tinykube';

interface Named {
  name: string;
  [k: string]: unknown;
}

interface KubeconfigDoc {
  apiVersion?: string;
  kind?: string;
  clusters?: Named[];
  users?: Named[];
  contexts?: Named[];
  'current-context'?: string;
  [k: string]: unknown;
}

/** The file kubectl would write to: the first path of $KUBECONFIG, else ~/.kube/config. */
export function kubeconfigPath(env: NodeJS.ProcessEnv): string {
  const fromEnv = (env.KUBECONFIG ?? '').split(':').find((p) => p !== '');
  return fromEnv ?? join(env.HOME ?? '/root', '.kube', 'config');
}

function upsert(list: Named[] | undefined, entry: Named): Named[] {
  const rest = (list ?? []).filter((e) => e.name !== entry.name);
  return [...rest, entry];
}

export function mergeKubeconfig(path: string, server: string, namespace = 'default'): void {
  let doc: KubeconfigDoc = {};
  if (existsSync(path)) {
    const parsed = YAML.parse(readFileSync(path, 'utf8')) as KubeconfigDoc | null;
    if (parsed && typeof parsed === 'object') doc = parsed;
  }
  doc.apiVersion ??= 'v1';
  doc.kind ??= 'Config';
  doc.clusters = upsert(doc.clusters, { name: CONTEXT_NAME, cluster: { server } });
  doc.users = upsert(doc.users, { name: CONTEXT_NAME, user: {} });
  doc.contexts = upsert(doc.contexts, { name: CONTEXT_NAME, context: { cluster: CONTEXT_NAME, user: CONTEXT_NAME, namespace } });
  doc['current-context'] = CONTEXT_NAME;
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tinykube-${process.pid}`;
  writeFileSync(tmp, YAML.stringify(doc), { mode: 0o600 });
  renameSync(tmp, path);
}
