/** `events`: Events sorted by when they last happened, `--for TYPE/NAME`, `-A`, `--types`, `-w`. */
import type { Command } from 'commander';
import type { Event } from '@tinykube/api';
import type { CliContext } from '../context';
import { CliError } from '../errors';
import { eventAge, eventTime } from '../describe/writer';
import { formatObjects, parseOutput } from '../print/output';
import { alignCells } from '../print/tabwriter';
import { listObjects, watchObjects, type Selection } from '../resources/fetch';
import { parseSingleTarget, resolveOne } from '../resources/resolve';
import type { RegisterCommand } from './types';

interface EventsFlags {
  for?: string;
  allNamespaces?: boolean;
  watch?: boolean;
  types?: string;
  output?: string;
  headers: boolean;
}

const HEADER = ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'];

function row(e: Event, now: Date, withNamespace: boolean): string[] {
  const cells = [eventAge(e, now), e.type ?? '', e.reason ?? '', `${e.involvedObject?.kind ?? ''}/${e.involvedObject?.name ?? ''}`, (e.message ?? '').trim()];
  return withNamespace ? [e.metadata.namespace ?? '', ...cells] : cells;
}

function selection(ctx: CliContext, flags: EventsFlags): Selection {
  const fields: string[] = [];
  if (flags.for) {
    const { info, name } = parseSingleTarget([flags.for]);
    fields.push(`involvedObject.kind=${info.kind}`, `involvedObject.name=${name}`);
  }
  return { namespace: flags.allNamespaces ? undefined : ctx.namespace(), fieldSelector: fields.join(',') || undefined };
}

export const registerEvents: RegisterCommand = (program: Command, ctx: CliContext) => {
  program
    .command('events')
    .description('List events, oldest first')
    .option('--for <resource>', 'only events about this object (TYPE/NAME)')
    .option('-A, --all-namespaces', 'events of every namespace')
    .option('-w, --watch', 'after listing, watch for new events')
    .option('--types <types>', 'only these event types, comma-separated (Normal,Warning)')
    .option('-o, --output <format>', 'json|yaml|name|jsonpath=...')
    .option('--no-headers', 'do not print headers')
    .action(async (flags: EventsFlags) => {
      const format = parseOutput(flags.output);
      const types = flags.types?.split(',').map((t) => t.trim().toLowerCase());
      if (types?.some((t) => t !== 'normal' && t !== 'warning')) throw new CliError(`valid --types are Normal or Warning`);
      const keep = (e: Event) => !types || types.includes((e.type ?? '').toLowerCase());
      const info = resolveOne('events');
      const sel = selection(ctx, flags);
      const list = await listObjects<Event>(ctx, info, sel);
      const events = list.items.filter(keep).sort((a, b) => eventTime(a) - eventTime(b));
      const withNamespace = Boolean(flags.allNamespaces);
      if (format.kind !== 'table') {
        ctx.io.stdout.write(formatObjects(format, events.map((object) => ({ info, object })), false));
        return;
      }
      let widths: number[] = [];
      let headerShown = false;
      const print = (items: Event[]) => {
        const now = new Date();
        const rows = items.map((e) => row(e, now, withNamespace));
        if (!headerShown && flags.headers) rows.unshift(withNamespace ? ['NAMESPACE', ...HEADER] : HEADER);
        headerShown = true;
        const aligned = alignCells(rows, { padding: 3, minWidths: widths });
        widths = aligned.widths;
        ctx.io.stdout.write(aligned.text);
      };
      if (events.length > 0) print(events);
      else if (!flags.watch) {
        ctx.warn(withNamespace ? 'No events found.' : `No events found in ${ctx.namespace()} namespace.`);
        return;
      }
      if (!flags.watch) return;
      for await (const ev of watchObjects<Event>(ctx, info, sel, list.metadata.resourceVersion)) {
        if (ev.type !== 'DELETED' && keep(ev.object)) print([ev.object]);
      }
    });
};
