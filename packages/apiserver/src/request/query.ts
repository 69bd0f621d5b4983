/** Query parameters of list, watch, write and delete requests, parsed once and checked strictly. */
import {
  parseFieldSelector,
  invalidGoBoolMessage,
  parseGoBool,
  parseLabelSelector,
  SelectorParseError,
  type FieldSelector,
  type ResourceInfo,
  type Selector,
} from '@tinykube/api';
import { badRequest } from '../errors';

export interface ListQuery {
  labelSelector?: Selector;
  fieldSelector?: FieldSelector;
  resourceVersion?: string;
  resourceVersionMatch?: 'Exact' | 'NotOlderThan';
  limit?: number;
  continueToken?: string;
  watch: boolean;
  timeoutSeconds?: number;
  allowWatchBookmarks: boolean;
}

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

function single(q: URLSearchParams, name: string): string | undefined {
  const v = q.get(name);
  return v === null ? undefined : v;
}

function nonNegativeInt(q: URLSearchParams, name: string): number | undefined {
  const v = single(q, name);
  if (v === undefined || v === '') return undefined;
  if (!/^\d+$/.test(v)) throw badRequest(`invalid ${name} "${v}": must be a non-negative integer`);
  return Number(v);
}

/**
 * A boolean query parameter, absent -> undefined. Values are read as Go's strconv.ParseBool reads them
 * (the Python client sends `True`, kubectl `true`, curl users `1`); a bare `?name` with no value means
 * true, as it always has here. Anything else is a 400 naming the parameter.
 */
export function optionalBoolParam(q: URLSearchParams, name: string): boolean | undefined {
  const v = single(q, name);
  if (v === undefined) return undefined;
  if (v === '') return true;
  const parsed = parseGoBool(v);
  if (parsed === undefined) throw badRequest(invalidGoBoolMessage(name, v));
  return parsed;
}

function bool(q: URLSearchParams, name: string): boolean {
  return optionalBoolParam(q, name) ?? false;
}

export function parseResourceVersion(v: string | undefined, what = 'resourceVersion'): number | undefined {
  if (v === undefined || v === '') return undefined;
  if (!/^\d+$/.test(v)) throw badRequest(`invalid ${what} "${v}": must be an unsigned integer`);
  return Number(v);
}

export function parseListQuery(q: URLSearchParams, info: ResourceInfo): ListQuery {
  const out: ListQuery = { watch: bool(q, 'watch'), allowWatchBookmarks: bool(q, 'allowWatchBookmarks') };
  const ls = single(q, 'labelSelector');
  const fs = single(q, 'fieldSelector');
  try {
    if (ls) out.labelSelector = parseLabelSelector(ls);
    if (fs) out.fieldSelector = parseFieldSelector(fs);
  } catch (e) {
    if (e instanceof SelectorParseError) throw badRequest(`unable to parse requirement: ${e.message}`);
    throw e;
  }
  if (out.fieldSelector) {
    for (const r of out.fieldSelector.requirements) {
      if (!info.selectableFields.includes(r.field)) {
        throw badRequest(`field label not supported: ${r.field}`);
      }
    }
  }
  const rv = single(q, 'resourceVersion');
  if (rv !== undefined && rv !== '') {
    parseResourceVersion(rv);
    out.resourceVersion = rv;
  }
  const match = single(q, 'resourceVersionMatch');
  if (match !== undefined && match !== '') {
    if (match !== 'Exact' && match !== 'NotOlderThan') {
      throw badRequest(`invalid resourceVersionMatch "${match}": must be Exact or NotOlderThan`);
    }
    if (out.resourceVersion === undefined) throw badRequest('resourceVersionMatch is forbidden unless resourceVersion is provided');
    if (out.watch) throw badRequest('resourceVersionMatch is forbidden for watch');
    out.resourceVersionMatch = match;
  }
  const limit = nonNegativeInt(q, 'limit');
  if (limit !== undefined && limit > 0) out.limit = limit;
  const cont = single(q, 'continue');
  if (cont) {
    if (out.resourceVersion !== undefined && out.resourceVersion !== '0') {
      throw badRequest('specifying resource version is not allowed when using continue');
    }
    out.continueToken = cont;
  }
  out.timeoutSeconds = nonNegativeInt(q, 'timeoutSeconds');
  return out;
}

export function parseFieldValidation(q: URLSearchParams): FieldValidation {
  const v = single(q, 'fieldValidation');
  if (v === undefined || v === '') return 'Warn';
  if (v === 'Strict' || v === 'Warn' || v === 'Ignore') return v;
  throw badRequest(`fieldValidation parameter must be Ignore, Warn or Strict, got "${v}"`);
}

export function parseDryRun(q: URLSearchParams): boolean {
  const values = q.getAll('dryRun');
  for (const v of values) if (v !== 'All') throw badRequest(`unsupported dryRun value "${v}": only All is supported`);
  return values.length > 0;
}
