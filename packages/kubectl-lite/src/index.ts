export { runCli, buildProgram } from './cli';
export { main } from './main';
export { CliContext, type CliIo, type GlobalFlags } from './context';
export { CliError, ReportedError, errorLine, serverErrorLine } from './errors';
export type { RegisterCommand } from './commands/types';
export { COMMANDS } from './commands';
export { startLocalCluster, type LocalCluster, type LocalClusterOptions } from './up/cluster';
export { collectTrace, type Trace, type TraceEntry, type PodDecision } from './trace/collect';
export { renderTrace } from './trace/render';
