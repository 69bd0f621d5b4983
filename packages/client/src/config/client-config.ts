/** What a client needs to reach one apiserver, however it was configured (kubeconfig, flags, or code). */
export interface TlsConfig {
  /** PEM bytes of the CA bundle that signs the server's certificate. */
  ca?: Buffer;
  /** PEM client certificate and key, for client-certificate authentication. */
  cert?: Buffer;
  key?: Buffer;
  insecureSkipTlsVerify?: boolean;
  /** Name to verify the server certificate against, when it differs from the URL's host. */
  serverName?: string;
}

export interface ClientConfig {
  /** Base URL, e.g. http://127.0.0.1:6443. A path prefix is kept (https://host/prefix). */
  server: string;
  /** The namespace used when none is given: the context's namespace, else `default`. */
  namespace: string;
  bearerToken?: string;
  /** Re-read on every request, as kubelet-rotated service account tokens change. */
  bearerTokenFile?: string;
  username?: string;
  password?: string;
  tls?: TlsConfig;
  userAgent?: string;
}

export const DEFAULT_NAMESPACE = 'default';
