/**
 * From what a user types to resources: `pods`, `po`, `deploy/web`, `pods,svc`, `all`. Kinds come from
 * the @tinykube/api registry (plural, singular, short names, categories), as kubectl's RESTMapper does
 * from discovery.
 */
import { allResources, findByName, findKind, type KubeObject, type ResourceInfo } from '@tinykube/api';
import { CliError } from '../errors';

/** Resolves one resource type name; kubectl's wording when the server has no such type. */
export function resolveType(name: string): ResourceInfo[] {
  const found = findByName(name);
  if (found.length > 0) return [found[0]];
  const inCategory = allResources().filter((r) => r.categories.includes(name.toLowerCase()));
  if (inCategory.length > 0) return inCategory;
  throw new CliError(`the server doesn't have a resource type "${name}"`);
}

export function resolveOne(name: string): ResourceInfo {
  return resolveType(name)[0];
}

/** The kind as kubectl prints it before a slash: `deployment.apps`, `pod`. */
export function kindLabel(info: ResourceInfo): string {
  return info.group ? `${info.kind.toLowerCase()}.${info.group}` : info.kind.toLowerCase();
}

/** The resource as server messages name it: `deployments.apps`, `pods`. */
export function resourceLabel(info: ResourceInfo): string {
  return info.group ? `${info.resource}.${info.group}` : info.resource;
}

/** `deployment.apps/web`, the name kubectl prints for an object. */
export function objectRef(info: ResourceInfo, name: string | undefined): string {
  return `${kindLabel(info)}/${name ?? ''}`;
}

export function infoForObject(obj: KubeObject, source: string): ResourceInfo {
  const apiVersion = obj.apiVersion ?? '';
  const kind = obj.kind ?? '';
  const info = findKind(apiVersion, kind);
  if (!info) {
    throw new CliError(
      `resource mapping not found for name: "${obj.metadata?.name ?? ''}" namespace: "${obj.metadata?.namespace ?? ''}" from "${source}": ` +
        `no matches for kind "${kind}" in version "${apiVersion}"`,
    );
  }
  return info;
}

export interface ResourceRequest {
  info: ResourceInfo;
  /** Empty: every object (of the selector). */
  names: string[];
}

export interface ParsedArgs {
  requests: ResourceRequest[];
  /** One object was named (`get deploy web`, `get deploy/web`): print it alone, not as a List. */
  singleItem: boolean;
}

/** kubectl's argument forms: `TYPE[,TYPE...] [NAME...]` or `TYPE/NAME...`. */
export function parseResourceArgs(args: string[]): ParsedArgs {
  if (args.length === 0) throw new CliError('you must specify the type of resource to get');
  if (args.some((a) => a.includes('/'))) {
    const requests: ResourceRequest[] = [];
    for (const arg of args) {
      const slash = arg.indexOf('/');
      if (slash <= 0 || slash === arg.length - 1) {
        throw new CliError(
          `there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'`,
        );
      }
      const info = resolveOne(arg.slice(0, slash));
      const name = arg.slice(slash + 1);
      const same = requests.find((r) => r.info === info);
      if (same) same.names.push(name);
      else requests.push({ info, names: [name] });
    }
    return { requests, singleItem: args.length === 1 };
  }
  const [types, ...names] = args;
  const infos = types
    .split(',')
    .filter((t) => t !== '')
    .flatMap((t) => resolveType(t));
  const unique = [...new Set(infos)];
  return { requests: unique.map((info) => ({ info, names: [...names] })), singleItem: unique.length === 1 && names.length === 1 };
}

/** One `TYPE/NAME` or `TYPE NAME` target, as scale, rollout and logs take. */
export function parseSingleTarget(args: string[], defaultType?: string): { info: ResourceInfo; name: string } {
  if (args.length === 1 && args[0].includes('/')) {
    const [type, name] = [args[0].slice(0, args[0].indexOf('/')), args[0].slice(args[0].indexOf('/') + 1)];
    if (!name) throw new CliError(`arguments in resource/name form must have a single resource and name`);
    return { info: resolveOne(type), name };
  }
  if (args.length === 2) return { info: resolveOne(args[0]), name: args[1] };
  if (args.length === 1 && defaultType) return { info: resolveOne(defaultType), name: args[0] };
  throw new CliError('you must specify a resource type and name, e.g. deployment/web or deployment web');
}
