/**
 * Reads `-f FILE|DIR|-` the way kubectl does: YAML with several documents or JSON, a directory's
 * .yaml/.yml/.json files (recursively with -R), stdin for `-`, and v1 Lists expanded into their items.
 * Errors name the file and, for YAML, the line.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { join, resolve } from 'node:path';
import type { KubeObject } from '@tinykube/api';
import YAML from 'yaml';
import { CliError } from '../errors';

export interface Manifest {
  object: KubeObject;
  /** The path as the user gave it (or `STDIN`), for messages. */
  source: string;
}

const MANIFEST_EXTENSIONS = ['.yaml', '.yml', '.json'];

async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

function filesOf(dir: string, recursive: boolean): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (recursive) out.push(...filesOf(p, recursive));
    } else if (MANIFEST_EXTENSIONS.some((ext) => entry.name.endsWith(ext))) out.push(p);
  }
  return out;
}

/** `yaml: line 3: <what>` from the yaml library's error, as kubectl words YAML errors. */
function yamlErrorText(err: YAML.YAMLError): string {
  const line = err.linePos?.[0]?.line;
  const what = err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  return line ? `yaml: line ${line}: ${what}` : `yaml: ${what}`;
}

/** Parses the text of one file into objects; `source` names it in errors. */
export function parseManifests(text: string, source: string): Manifest[] {
  const docs = YAML.parseAllDocuments(text, { prettyErrors: true });
  const out: Manifest[] = [];
  for (const doc of docs) {
    if (doc.errors.length > 0) throw new CliError(`error parsing ${source}: error converting YAML to JSON: ${yamlErrorText(doc.errors[0])}`);
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw new CliError(`error parsing ${source}: error converting YAML to JSON: a manifest must be a mapping, got ${Array.isArray(value) ? 'a list' : typeof value}`);
    }
    const obj = value as KubeObject;
    const missing = [obj.apiVersion ? '' : 'apiVersion not set', obj.kind ? '' : 'kind not set'].filter((m) => m !== '');
    if (missing.length > 0) throw new CliError(`error validating "${source}": error validating data: [${missing.join(', ')}]`);
    if (obj.kind === 'List' || (obj.kind?.endsWith('List') && Array.isArray(obj.items))) {
      for (const item of (obj.items as KubeObject[]) ?? []) out.push({ object: item, source });
      continue;
    }
    obj.metadata ??= {};
    out.push({ object: obj, source });
  }
  return out;
}

/** Reads every -f argument in order. */
export async function readManifests(paths: string[], opts: { recursive: boolean; cwd: string; stdin: Readable }): Promise<Manifest[]> {
  if (paths.length === 0) throw new CliError('must specify one of -f and -k');
  const out: Manifest[] = [];
  for (const p of paths) {
    if (p === '-') {
      out.push(...parseManifests(await readAll(opts.stdin), 'STDIN'));
      continue;
    }
    const full = resolve(opts.cwd, p);
    let isDir: boolean;
    try {
      isDir = statSync(full).isDirectory();
    } catch {
      throw new CliError(`the path "${p}" does not exist`);
    }
    const files = isDir ? filesOf(full, opts.recursive) : [full];
    for (const f of files) {
      const shown = isDir ? join(p, f.slice(full.length + 1)) : p;
      out.push(...parseManifests(readFileSync(f, 'utf8'), shown));
    }
  }
  if (out.length === 0) throw new CliError('no objects passed to apply');
  return out;
}
