/**
 * The kubeconfig as files, for `config view|use-context|get-contexts`: the client package reads it
 * into a connection; these commands need the documents themselves, merged the same way (the first file
 * to name an entry or set current-context wins) and written back without losing comments.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { kubeconfigPaths } from '@tinykube/client';
import YAML from 'yaml';
import { CliError } from '../errors';

export interface NamedEntry {
  name: string;
  [field: string]: unknown;
}

export interface RawKubeconfig {
  apiVersion: 'v1';
  kind: 'Config';
  clusters: NamedEntry[];
  contexts: NamedEntry[];
  users: NamedEntry[];
  'current-context': string;
  preferences: Record<string, unknown>;
}

export interface KubeconfigFiles {
  paths: string[];
  merged: RawKubeconfig;
}

function readDoc(path: string): Record<string, unknown> {
  const doc: unknown = YAML.parse(readFileSync(path, 'utf8'));
  if (doc === null || doc === undefined) return {};
  if (typeof doc !== 'object' || Array.isArray(doc)) throw new CliError(`${path}: a kubeconfig must be a mapping`);
  return doc as Record<string, unknown>;
}

export function loadKubeconfigFiles(explicit: string | undefined, env: NodeJS.ProcessEnv): KubeconfigFiles {
  const paths = kubeconfigPaths({ path: explicit, env, home: env.HOME });
  const merged: RawKubeconfig = { apiVersion: 'v1', kind: 'Config', clusters: [], contexts: [], users: [], 'current-context': '', preferences: {} };
  for (const p of paths) {
    if (!existsSync(p)) {
      if (explicit) throw new CliError(`stat ${p}: no such file or directory`);
      continue;
    }
    const doc = readDoc(p);
    if (!merged['current-context'] && typeof doc['current-context'] === 'string') merged['current-context'] = doc['current-context'];
    for (const section of ['clusters', 'contexts', 'users'] as const) {
      const entries = Array.isArray(doc[section]) ? (doc[section] as NamedEntry[]) : [];
      for (const e of entries) if (e && typeof e.name === 'string' && !merged[section].some((m) => m.name === e.name)) merged[section].push(e);
    }
  }
  return { paths, merged };
}

/** kubectl's choice of file to write current-context to: the explicit one, else the first that exists. */
export function fileToModify(explicit: string | undefined, paths: string[]): string {
  if (explicit) return explicit;
  return paths.find((p) => existsSync(p)) ?? paths[paths.length - 1];
}

export function writeCurrentContext(path: string, name: string): void {
  const doc = existsSync(path) ? YAML.parseDocument(readFileSync(path, 'utf8')) : new YAML.Document({ apiVersion: 'v1', kind: 'Config' });
  doc.set('current-context', name);
  writeFileSync(path, doc.toString({ indentSeq: false }));
}

/** Hides secrets as kubectl does unless --raw. */
export function redact(cfg: RawKubeconfig): RawKubeconfig {
  const copy = structuredClone(cfg);
  const hide = (entry: NamedEntry, inner: string, fields: Record<string, string>) => {
    const body = entry[inner];
    if (!body || typeof body !== 'object') return;
    const b = body as Record<string, unknown>;
    for (const [f, replacement] of Object.entries(fields)) if (b[f]) b[f] = replacement;
  };
  for (const c of copy.clusters) hide(c, 'cluster', { 'certificate-authority-data': 'DATA+OMITTED' });
  for (const u of copy.users) hide(u, 'user', { 'client-certificate-data': 'DATA+OMITTED', 'client-key-data': 'DATA+OMITTED', token: 'REDACTED', password: 'REDACTED' });
  return copy;
}

export function contextBody(entry: NamedEntry): { cluster?: string; user?: string; namespace?: string } {
  const body = entry.context;
  return body && typeof body === 'object' ? (body as { cluster?: string; user?: string; namespace?: string }) : {};
}

/** Only the current context and the cluster and user it names (--minify). */
export function minify(cfg: RawKubeconfig): RawKubeconfig {
  const current = cfg.contexts.find((c) => c.name === cfg['current-context']);
  if (!current) throw new CliError('current-context must exist in order to minify');
  const body = contextBody(current);
  return {
    ...cfg,
    contexts: [current],
    clusters: cfg.clusters.filter((c) => c.name === body.cluster),
    users: cfg.users.filter((u) => u.name === body.user),
  };
}
