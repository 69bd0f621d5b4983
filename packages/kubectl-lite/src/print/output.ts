/** The -o flag: which printer, and printing objects with it. */
import type { KubeObject, ResourceInfo } from '@tinykube/api';
import { CliError } from '../errors';
import { objectRef } from '../resources/resolve';
import { renderJsonPath } from './jsonpath';
import { asList, forDisplay, toJson, toYaml } from './objects';

export type OutputFormat =
  | { kind: 'table'; wide: boolean }
  | { kind: 'json' }
  | { kind: 'yaml' }
  | { kind: 'name' }
  | { kind: 'jsonpath'; template: string };

const ALLOWED = 'json, yaml, name, wide, jsonpath';

export function parseOutput(value: string | undefined): OutputFormat {
  if (value === undefined || value === '') return { kind: 'table', wide: false };
  if (value === 'wide') return { kind: 'table', wide: true };
  if (value === 'json' || value === 'yaml' || value === 'name') return { kind: value };
  const m = /^jsonpath=(.*)$/s.exec(value);
  if (m) {
    if (m[1] === '') throw new CliError('template format specified but no template given');
    return { kind: 'jsonpath', template: m[1] };
  }
  throw new CliError(`unable to match a printer suitable for the output format "${value}", allowed formats are: ${ALLOWED}`);
}

/** Prints objects with a non-table format; `single` prints one object bare instead of in a List. */
export function formatObjects(format: Exclude<OutputFormat, { kind: 'table' }>, items: Array<{ info: ResourceInfo; object: KubeObject }>, single: boolean): string {
  if (format.kind === 'name') return items.map(({ info, object }) => `${objectRef(info, object.metadata.name)}\n`).join('');
  const shown = items.map(({ object }) => forDisplay(object));
  const value = single && shown.length === 1 ? shown[0] : asList(shown);
  if (format.kind === 'json') return toJson(value);
  if (format.kind === 'yaml') return toYaml(value);
  return renderJsonPath(format.template, value);
}
