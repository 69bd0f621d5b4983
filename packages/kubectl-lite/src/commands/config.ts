/** `config view|current-context|use-context|get-contexts`: the kubeconfig kubectl reads, without a server. */
import type { Command } from 'commander';
import type { CliContext } from '../context';
import { CliError } from '../errors';
import { contextBody, fileToModify, loadKubeconfigFiles, minify, redact, writeCurrentContext } from '../io/kubeconfig-files';
import { toJson, toYaml } from '../print/objects';
import { alignCells } from '../print/tabwriter';
import type { RegisterCommand } from './types';

export const registerConfig: RegisterCommand = (program: Command, ctx: CliContext) => {
  const config = program.command('config').description('Modify kubeconfig files');
  const load = () => loadKubeconfigFiles(ctx.globals.kubeconfig, ctx.env);

  config
    .command('view')
    .description('Display merged kubeconfig settings')
    .option('--raw', 'display raw byte data and sensitive data')
    .option('--minify', 'only the current context and what it uses')
    .option('-o, --output <format>', 'yaml or json', 'yaml')
    .action((flags: { raw?: boolean; minify?: boolean; output: string }) => {
      let cfg = load().merged;
      if (flags.minify) cfg = minify(cfg);
      if (!flags.raw) cfg = redact(cfg);
      if (flags.output !== 'yaml' && flags.output !== 'json') throw new CliError(`unable to match a printer suitable for the output format "${flags.output}", allowed formats are: json, yaml`);
      ctx.io.stdout.write(flags.output === 'json' ? toJson(cfg) : toYaml(cfg));
    });

  config
    .command('current-context')
    .description('Display the current-context')
    .action(() => {
      const current = load().merged['current-context'];
      if (!current) throw new CliError('current-context is not set');
      ctx.out(current);
    });

  config
    .command('use-context')
    .description('Set the current-context in a kubeconfig file')
    .argument('<name>')
    .action((name: string) => {
      const { paths, merged } = load();
      if (!merged.contexts.some((c) => c.name === name)) throw new CliError(`no context exists with the name: "${name}"`);
      writeCurrentContext(fileToModify(ctx.globals.kubeconfig, paths), name);
      ctx.out(`Switched to context "${name}".`);
    });

  config
    .command('get-contexts')
    .description('Describe one or many contexts')
    .argument('[names...]')
    .option('-o, --output <format>', 'name: only the names')
    .option('--no-headers', 'do not print headers')
    .action((names: string[], flags: { output?: string; headers: boolean }) => {
      const { merged } = load();
      const missing = names.filter((n) => !merged.contexts.some((c) => c.name === n));
      if (missing.length > 0) throw new CliError(`context ${missing[0]} not found`);
      const shown = merged.contexts.filter((c) => names.length === 0 || names.includes(c.name)).sort((a, b) => a.name.localeCompare(b.name));
      if (flags.output === 'name') {
        for (const c of shown) ctx.out(c.name);
        return;
      }
      const rows = shown.map((c) => {
        const body = contextBody(c);
        return [c.name === merged['current-context'] ? '*' : '', c.name, body.cluster ?? '', body.user ?? '', body.namespace ?? ''];
      });
      if (flags.headers) rows.unshift(['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE']);
      ctx.io.stdout.write(alignCells(rows, { padding: 3 }).text);
    });
};
