/** `get`: tables from the server (kubectl's columns), -o json|yaml|name|jsonpath, -l, --field-selector, -A, -w. */
import type { Command } from 'commander';
import type { KubeObject, ResourceInfo } from '@tinykube/api';
import { isNotFound, StatusError } from '@tinykube/client';
import type { CliContext } from '../context';
import { CliError, serverErrorLine } from '../errors';
import { formatObjects, parseOutput, type OutputFormat } from '../print/output';
import { TablePrinter, type ServerTable } from '../print/table';
import { getTable, listObjects, listTable, watchObjects, watchTables, withTypeMeta, type Selection } from '../resources/fetch';
import { kindLabel, parseResourceArgs, type ResourceRequest } from '../resources/resolve';
import { toYaml, forDisplay, toJson } from '../print/objects';
import type { RegisterCommand } from './types';

interface GetFlags {
  output?: string;
  selector?: string;
  fieldSelector?: string;
  allNamespaces?: boolean;
  watch?: boolean;
  watchOnly?: boolean;
  showLabels?: boolean;
  showKind?: boolean;
  headers: boolean;
  ignoreNotFound?: boolean;
}

export function noResourcesMessage(ctx: CliContext, allNamespaces: boolean, namespaced: boolean): string {
  return allNamespaces || !namespaced ? 'No resources found' : `No resources found in ${ctx.namespace()} namespace.`;
}

function selectionFor(ctx: CliContext, flags: GetFlags): Selection {
  return { namespace: flags.allNamespaces ? undefined : ctx.namespace(), labelSelector: flags.selector, fieldSelector: flags.fieldSelector };
}

/** Rows of one request: a GET per name (NotFound reported, not fatal) or one list. */
async function tableFor(ctx: CliContext, req: ResourceRequest, sel: Selection, flags: GetFlags): Promise<ServerTable | undefined> {
  if (req.names.length === 0) return listTable(ctx, req.info, sel);
  let merged: ServerTable | undefined;
  for (const name of req.names) {
    try {
      const t = await getTable(ctx, req.info, name, sel.namespace ?? ctx.namespace());
      if (merged) merged.rows.push(...t.rows);
      else merged = t;
    } catch (e) {
      if (isNotFound(e) && flags.ignoreNotFound) continue;
      if (e instanceof StatusError) ctx.report(serverErrorLine(e));
      else throw e;
    }
  }
  return merged;
}

async function printTables(ctx: CliContext, requests: ResourceRequest[], flags: GetFlags, wide: boolean): Promise<void> {
  const sel = selectionFor(ctx, flags);
  const withKind = requests.length > 1 || Boolean(flags.showKind);
  let printed = 0;
  for (const req of requests) {
    const table = await tableFor(ctx, req, sel, flags);
    if (!table || table.rows.length === 0) continue;
    if (printed > 0 && flags.headers) ctx.out('');
    const printer = new TablePrinter((t) => ctx.io.stdout.write(t), {
      wide,
      withNamespace: Boolean(flags.allNamespaces) && req.info.namespaced,
      kindPrefix: withKind ? kindLabel(req.info) : undefined,
      showLabels: flags.showLabels,
      noHeaders: !flags.headers,
    });
    printer.print(table, true);
    printed += table.rows.length;
  }
  const named = requests.some((r) => r.names.length > 0);
  if (printed === 0 && !named) ctx.warn(noResourcesMessage(ctx, Boolean(flags.allNamespaces), requests.some((r) => r.info.namespaced)));
}

async function printObjects(ctx: CliContext, requests: ResourceRequest[], flags: GetFlags, format: Exclude<OutputFormat, { kind: 'table' }>, single: boolean): Promise<void> {
  const sel = selectionFor(ctx, flags);
  const items: Array<{ info: ResourceInfo; object: KubeObject }> = [];
  for (const req of requests) {
    if (req.names.length === 0) {
      const list = await listObjects(ctx, req.info, sel);
      items.push(...list.items.map((object) => ({ info: req.info, object })));
      continue;
    }
    const rc = ctx.client().resource(req.info, req.info.namespaced ? (sel.namespace ?? ctx.namespace()) : undefined);
    for (const name of req.names) {
      try {
        items.push({ info: req.info, object: withTypeMeta(req.info, await rc.get(name, { signal: ctx.signal })) });
      } catch (e) {
        if (isNotFound(e) && flags.ignoreNotFound) continue;
        if (e instanceof StatusError) ctx.report(serverErrorLine(e));
        else throw e;
      }
    }
  }
  if (single && items.length === 0) return;
  ctx.io.stdout.write(formatObjects(format, items, single));
}

/** `get -w`: the list (unless --watch-only), then a row per change, aligned with what came before. */
async function watch(ctx: CliContext, req: ResourceRequest, flags: GetFlags, format: OutputFormat): Promise<void> {
  if (req.names.length > 1) throw new CliError('watch is only supported on individual resources and resource collections, but 2 resources were found');
  const sel = selectionFor(ctx, flags);
  if (req.names.length === 1) sel.fieldSelector = [`metadata.name=${req.names[0]}`, sel.fieldSelector].filter(Boolean).join(',');
  if (format.kind !== 'table') {
    const list = await listObjects(ctx, req.info, sel);
    const show = (o: KubeObject) => {
      const items = [{ info: req.info, object: withTypeMeta(req.info, o) }];
      if (format.kind === 'yaml') ctx.io.stdout.write(`---\n${toYaml(forDisplay(items[0].object))}`);
      else if (format.kind === 'json') ctx.io.stdout.write(toJson(forDisplay(items[0].object)));
      else ctx.io.stdout.write(formatObjects(format, items, true));
    };
    if (!flags.watchOnly) list.items.forEach(show);
    for await (const ev of watchObjects(ctx, req.info, sel, list.metadata.resourceVersion)) show(ev.object);
    return;
  }
  const printer = new TablePrinter((t) => ctx.io.stdout.write(t), {
    wide: format.wide,
    withNamespace: Boolean(flags.allNamespaces) && req.info.namespaced,
    showLabels: flags.showLabels,
    noHeaders: !flags.headers,
  });
  const initial = await listTable(ctx, req.info, sel);
  let headerShown = false;
  if (!flags.watchOnly && initial.rows.length > 0) {
    printer.print(initial, true);
    headerShown = true;
  }
  for await (const ev of watchTables(ctx, req.info, sel, initial.metadata?.resourceVersion)) {
    printer.print(ev.table, !headerShown);
    headerShown = true;
  }
}

export const registerGet: RegisterCommand = (program: Command, ctx: CliContext) => {
  program
    .command('get')
    .description('Display one or many resources')
    .argument('<resource>', 'TYPE[,TYPE...] or TYPE/NAME')
    .argument('[names...]')
    .option('-o, --output <format>', 'output format: json|yaml|name|wide|jsonpath=...')
    .option('-l, --selector <selector>', 'label selector to filter on')
    .option('--field-selector <selector>', 'field selector to filter on')
    .option('-A, --all-namespaces', 'list across all namespaces')
    .option('-w, --watch', 'after listing, watch for changes')
    .option('--watch-only', 'watch for changes without listing first')
    .option('--show-labels', 'show all labels as the last column')
    .option('--show-kind', 'list the resource type for each object')
    .option('--no-headers', 'do not print headers')
    .option('--ignore-not-found', 'treat "resource not found" as a successful retrieval')
    .action(async (first: string, rest: string[], flags: GetFlags) => {
      const format = parseOutput(flags.output);
      const { requests, singleItem } = parseResourceArgs([first, ...rest]);
      if (flags.watch || flags.watchOnly) {
        if (requests.length > 1) throw new CliError(`you may only specify a single resource type`);
        return watch(ctx, requests[0], flags, format);
      }
      if (format.kind === 'table') return printTables(ctx, requests, flags, format.wide);
      return printObjects(ctx, requests, flags, format, singleItem);
    });
};
