/**
 * The connection flags every tinykube binary shares (`--server`, `--kubeconfig`, `--context`, `-n`,
 * `--token`), kept free of any CLI library: register FLAG specs with whatever parser you use, then pass
 * the parsed options to `clientConfigFromFlags`.
 */
import { ConfigError } from '../errors';
import { DEFAULT_NAMESPACE, type ClientConfig } from './client-config';
import { configFromKubeconfig, loadKubeconfig } from './kubeconfig';

export interface ConnectionFlags {
  server?: string;
  kubeconfig?: string;
  context?: string;
  namespace?: string;
  token?: string;
  insecureSkipTlsVerify?: boolean;
}

export interface FlagSpec {
  /** commander-style flag syntax, e.g. '-s, --server <url>'. */
  flags: string;
  description: string;
  defaultValue?: string | boolean;
}

export const CONNECTION_FLAGS: readonly FlagSpec[] = [
  { flags: '-s, --server <url>', description: 'the address and port of the Kubernetes API server' },
  { flags: '--kubeconfig <path>', description: 'path to the kubeconfig file to use for CLI requests' },
  { flags: '--context <name>', description: 'the name of the kubeconfig context to use' },
  { flags: '-n, --namespace <name>', description: 'if present, the namespace scope for this CLI request' },
  { flags: '--token <token>', description: 'bearer token for authentication to the API server' },
  { flags: '--insecure-skip-tls-verify', description: "if true, the server's certificate will not be checked for validity" },
];

/**
 * kubectl's precedence: flags over the kubeconfig. With `--server` and no kubeconfig at all, the
 * server alone is enough (tinykube serves plain http on loopback).
 */
export function clientConfigFromFlags(flags: ConnectionFlags, env: NodeJS.ProcessEnv = process.env, home?: string): ClientConfig {
  const kc = loadKubeconfig({ path: flags.kubeconfig, env, home });
  const overrides = {
    context: flags.context,
    server: flags.server,
    namespace: flags.namespace,
    token: flags.token,
    insecureSkipTlsVerify: flags.insecureSkipTlsVerify,
  };
  if (kc.files.length === 0 || (!kc.currentContext && !flags.context)) {
    if (!flags.server) {
      throw new ConfigError('invalid configuration: no configuration has been provided, try setting KUBERNETES_MASTER environment variable or --server');
    }
    return {
      server: flags.server.replace(/\/+$/, ''),
      namespace: flags.namespace || DEFAULT_NAMESPACE,
      ...(flags.token ? { bearerToken: flags.token } : {}),
      tls: { insecureSkipTlsVerify: flags.insecureSkipTlsVerify },
    };
  }
  return configFromKubeconfig(kc, overrides);
}
