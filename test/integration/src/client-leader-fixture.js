// A candidate for the leader election test, run as its own process: it competes for one Lease with the
// compiled @tinykube/client and reports every transition as a JSON line on stdout.
// argv: <server url> <lease namespace> <lease name> <identity>
'use strict';
const { KubeClient, LeaseLock, LeaderElector } = require('@tinykube/client');

const [server, namespace, name, identity] = process.argv.slice(2);
const say = (event, extra = {}) => process.stdout.write(JSON.stringify({ event, identity, ...extra }) + '\n');

const client = new KubeClient(server);
const elector = new LeaderElector({
  lock: new LeaseLock(client, namespace, name, identity),
  leaseDurationMs: 3000,
  renewDeadlineMs: 2000,
  retryPeriodMs: 250,
  callbacks: {
    onStartedLeading: (signal) => {
      say('started');
      signal.addEventListener('abort', () => say('work-stopped'));
    },
    onStoppedLeading: () => say('stopped'),
    onNewLeader: (leader) => say('leader', { leader }),
  },
});
const stop = new AbortController();
process.on('SIGTERM', () => stop.abort());
say('ready');
elector.run(stop.signal).then(() => {
  client.close();
  process.exit(0);
});
