/**
 * The `--leader-elect*` flags of Kubernetes components, free of any CLI library: register the specs with
 * your parser, then turn the parsed options into settings with `leaderElectionFromFlags`.
 */
import type { FlagSpec } from '../config/flags';
import { ConfigError } from '../errors';
import { LEADER_ELECTION_DEFAULTS } from './elector';

export interface LeaderElectionFlags {
  leaderElect?: boolean | string;
  leaderElectLeaseDuration?: string;
  leaderElectRenewDeadline?: string;
  leaderElectRetryPeriod?: string;
  leaderElectResourceLock?: string;
  leaderElectResourceName?: string;
  leaderElectResourceNamespace?: string;
}

export interface LeaderElectionSettings {
  enabled: boolean;
  leaseDurationMs: number;
  renewDeadlineMs: number;
  retryPeriodMs: number;
  resourceName: string;
  resourceNamespace: string;
}

export function leaderElectionFlagSpecs(component: string): FlagSpec[] {
  return [
    { flags: '--leader-elect [bool]', description: 'start a leader election client and gain leadership before executing the main loop', defaultValue: true },
    { flags: '--leader-elect-lease-duration <duration>', description: 'how long non-leaders wait after observing a renewal before trying to take over', defaultValue: '15s' },
    { flags: '--leader-elect-renew-deadline <duration>', description: 'how long the leader keeps retrying a renewal before it stops leading', defaultValue: '10s' },
    { flags: '--leader-elect-retry-period <duration>', description: 'how long clients wait between attempts to acquire and renew leadership', defaultValue: '2s' },
    { flags: '--leader-elect-resource-lock <kind>', description: 'the type of resource object used for locking (only "leases")', defaultValue: 'leases' },
    { flags: '--leader-elect-resource-name <name>', description: 'the name of the resource object used for locking', defaultValue: component },
    { flags: '--leader-elect-resource-namespace <namespace>', description: 'the namespace of the resource object used for locking', defaultValue: 'kube-system' },
  ];
}

const UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Parses a Go duration ('15s', '1m30s', '500ms', '1.5h') into milliseconds. */
export function parseDuration(input: string): number {
  const s = input.trim();
  if (s === '0') return 0;
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/gy;
  let total = 0;
  let matched = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    total += Number(m[1]) * UNITS[m[2]];
    matched = re.lastIndex;
  }
  if (s === '' || matched !== s.length) throw new ConfigError(`invalid duration "${input}": use e.g. 15s, 500ms or 1m30s`);
  return total;
}

function parseBool(v: boolean | string | undefined, fallback: boolean): boolean {
  if (v === undefined) return fallback;
  if (typeof v === 'boolean') return v;
  if (v === '' || v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  throw new ConfigError(`invalid boolean "${v}" for --leader-elect`);
}

export function leaderElectionFromFlags(flags: LeaderElectionFlags, component: string): LeaderElectionSettings {
  const lock = flags.leaderElectResourceLock ?? 'leases';
  if (lock !== 'leases') throw new ConfigError(`unsupported --leader-elect-resource-lock "${lock}": only "leases" is supported`);
  return {
    enabled: parseBool(flags.leaderElect, true),
    leaseDurationMs: flags.leaderElectLeaseDuration ? parseDuration(flags.leaderElectLeaseDuration) : LEADER_ELECTION_DEFAULTS.leaseDurationMs,
    renewDeadlineMs: flags.leaderElectRenewDeadline ? parseDuration(flags.leaderElectRenewDeadline) : LEADER_ELECTION_DEFAULTS.renewDeadlineMs,
    retryPeriodMs: flags.leaderElectRetryPeriod ? parseDuration(flags.leaderElectRetryPeriod) : LEADER_ELECTION_DEFAULTS.retryPeriodMs,
    resourceName: flags.leaderElectResourceName || component,
    resourceNamespace: flags.leaderElectResourceNamespace || 'kube-system',
  };
}
