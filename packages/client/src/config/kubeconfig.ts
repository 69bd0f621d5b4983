/**
 * Reads the kubeconfig file kubectl reads: `$KUBECONFIG` (a list of files, merged so that the first file
 * to define a name or set current-context wins) or `~/.kube/config`. File paths inside a kubeconfig are
 * relative to the file that names them; `*-data` fields hold base64 PEM.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, isAbsolute, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { ConfigError } from '../errors';
import { DEFAULT_NAMESPACE, type ClientConfig, type TlsConfig } from './client-config';

export interface KubeconfigCluster {
  server?: string;
  'certificate-authority'?: string;
  'certificate-authority-data'?: string;
  'insecure-skip-tls-verify'?: boolean;
  'tls-server-name'?: string;
}

export interface KubeconfigUser {
  token?: string;
  tokenFile?: string;
  'client-certificate'?: string;
  'client-certificate-data'?: string;
  'client-key'?: string;
  'client-key-data'?: string;
  username?: string;
  password?: string;
}

export interface KubeconfigContext {
  cluster?: string;
  user?: string;
  namespace?: string;
}

/** A merged kubeconfig; relative file paths are already resolved against the file that held them. */
export interface Kubeconfig {
  currentContext?: string;
  clusters: Map<string, KubeconfigCluster>;
  users: Map<string, KubeconfigUser>;
  contexts: Map<string, KubeconfigContext>;
  /** The files that were read, in merge order. */
  files: string[];
}

export interface KubeconfigLocation {
  /** An explicit file (`--kubeconfig`): it must exist and is the only one read. */
  path?: string;
  env?: NodeJS.ProcessEnv;
  home?: string;
}

/** The files kubectl would read, in order: --kubeconfig, else $KUBECONFIG's list, else ~/.kube/config. */
export function kubeconfigPaths(loc: KubeconfigLocation = {}): string[] {
  if (loc.path) return [loc.path];
  const env = loc.env ?? process.env;
  const list = (env.KUBECONFIG ?? '').split(delimiter).filter((p) => p !== '');
  if (list.length > 0) return list;
  return [join(loc.home ?? homedir(), '.kube', 'config')];
}

interface Named<T> {
  name?: unknown;
  [k: string]: unknown;
  value?: T;
}

function namedEntries<T>(raw: unknown, field: 'cluster' | 'user' | 'context', file: string): Array<[string, T]> {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw new ConfigError(`${file}: ${field}s must be a list`);
  return raw.map((entry: Named<T>) => {
    if (typeof entry?.name !== 'string' || entry.name === '') throw new ConfigError(`${file}: every ${field} needs a name`);
    const value = (entry[field] ?? {}) as T;
    return [entry.name, value];
  });
}

const PATH_FIELDS = ['certificate-authority', 'client-certificate', 'client-key', 'tokenFile'] as const;

function resolvePaths<T extends object>(value: T, dir: string): T {
  const out = { ...value } as Record<string, unknown>;
  for (const f of PATH_FIELDS) {
    const p = out[f];
    if (typeof p === 'string' && p !== '' && !isAbsolute(p)) out[f] = resolve(dir, p);
  }
  return out as T;
}

/** Reads and merges kubeconfig files. Missing files in $KUBECONFIG are skipped, as kubectl does; a missing --kubeconfig is an error. */
export function loadKubeconfig(loc: KubeconfigLocation = {}): Kubeconfig {
  const merged: Kubeconfig = { clusters: new Map(), users: new Map(), contexts: new Map(), files: [] };
  for (const file of kubeconfigPaths(loc)) {
    if (!existsSync(file)) {
      if (loc.path) throw new ConfigError(`stat ${file}: no such file or directory`);
      continue;
    }
    let doc: unknown;
    try {
      doc = parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new ConfigError(`${file}: not valid YAML: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (doc === null || doc === undefined) doc = {};
    if (typeof doc !== 'object' || Array.isArray(doc)) throw new ConfigError(`${file}: a kubeconfig must be a mapping`);
    const d = doc as Record<string, unknown>;
    const dir = dirname(resolve(file));
    merged.files.push(file);
    // The first file to set a value wins, for current-context and for each named entry alike.
    if (!merged.currentContext && typeof d['current-context'] === 'string' && d['current-context'] !== '') {
      merged.currentContext = d['current-context'];
    }
    for (const [name, c] of namedEntries<KubeconfigCluster>(d.clusters, 'cluster', file)) {
      if (!merged.clusters.has(name)) merged.clusters.set(name, resolvePaths(c, dir));
    }
    for (const [name, u] of namedEntries<KubeconfigUser>(d.users, 'user', file)) {
      if (!merged.users.has(name)) merged.users.set(name, resolvePaths(u, dir));
    }
    for (const [name, c] of namedEntries<KubeconfigContext>(d.contexts, 'context', file)) {
      if (!merged.contexts.has(name)) merged.contexts.set(name, c);
    }
  }
  return merged;
}

function fileOrData(file: string | undefined, data: string | undefined, what: string): Buffer | undefined {
  if (data) return Buffer.from(data, 'base64');
  if (!file) return undefined;
  try {
    return readFileSync(file);
  } catch {
    throw new ConfigError(`unable to read ${what} from ${file}`);
  }
}

export interface ConfigOverrides {
  context?: string;
  server?: string;
  namespace?: string;
  token?: string;
  insecureSkipTlsVerify?: boolean;
}

/** Turns the chosen context of a kubeconfig (plus overrides from flags) into a ClientConfig. */
export function configFromKubeconfig(kc: Kubeconfig, overrides: ConfigOverrides = {}): ClientConfig {
  const contextName = overrides.context || kc.currentContext;
  let context: KubeconfigContext = {};
  if (contextName) {
    const found = kc.contexts.get(contextName);
    if (!found) throw new ConfigError(`context was not found for specified context: ${contextName}`);
    context = found;
  }
  const cluster = context.cluster ? kc.clusters.get(context.cluster) : undefined;
  if (context.cluster && !cluster && !overrides.server) throw new ConfigError(`cluster "${context.cluster}" not found in kubeconfig`);
  const user = (context.user ? kc.users.get(context.user) : undefined) ?? {};
  const server = overrides.server || cluster?.server;
  if (!server) {
    throw new ConfigError('invalid configuration: no configuration has been provided, try setting KUBERNETES_MASTER environment variable or --server');
  }
  const tls: TlsConfig = {
    ca: fileOrData(cluster?.['certificate-authority'], cluster?.['certificate-authority-data'], 'certificate-authority'),
    cert: fileOrData(user['client-certificate'], user['client-certificate-data'], 'client-certificate'),
    key: fileOrData(user['client-key'], user['client-key-data'], 'client-key'),
    insecureSkipTlsVerify: overrides.insecureSkipTlsVerify ?? cluster?.['insecure-skip-tls-verify'],
    serverName: cluster?.['tls-server-name'],
  };
  const config: ClientConfig = {
    server: server.replace(/\/+$/, ''),
    namespace: overrides.namespace || context.namespace || DEFAULT_NAMESPACE,
    tls,
  };
  const token = overrides.token || user.token;
  if (token) config.bearerToken = token;
  else if (user.tokenFile) config.bearerTokenFile = user.tokenFile;
  if (user.username) {
    config.username = user.username;
    config.password = user.password;
  }
  return config;
}
