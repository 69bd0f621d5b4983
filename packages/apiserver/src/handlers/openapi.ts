/**
 * A small OpenAPI v3 document per group/version: one path per resource with the write operations and
 * the parameters they accept. kubectl reads it to learn that the server validates fields itself
 * (`fieldValidation` on a PATCH tagged with x-kubernetes-group-version-kind), so it sends
 * fieldValidation=Strict instead of validating on the client. `components.schemas` holds every kind of
 * the group/version and what it refers to, derived from the kinds' definitions; `kubectl explain` reads them.
 */
import { createHash } from 'node:crypto';
import {
  allResources,
  groupVersions,
  KIND_DEFINITIONS,
  kindDefinition,
  kindFacts,
  MESSAGE,
  openApiDefinitions,
  openApiName,
  type Annotated,
  type ResourceInfo,
} from '@tinykube/api';

const queryParam = (name: string, description: string) => ({ name, in: 'query', description, schema: { type: 'string', uniqueItems: true } });

const WRITE_PARAMS = [
  queryParam('dryRun', 'When present, changes are not persisted.'),
  queryParam('fieldManager', 'Name of the actor making the change.'),
  queryParam('fieldValidation', 'Ignore, Warn or Strict: what to do with unknown fields in the request.'),
];

function operations(info: ResourceInfo) {
  const gvk = { group: info.group, version: info.version, kind: info.kind };
  const op = (action: string, verb: string) => ({
    operationId: `${action}${info.kind}`,
    parameters: WRITE_PARAMS,
    responses: { '200': { description: 'OK' } },
    'x-kubernetes-action': verb,
    'x-kubernetes-group-version-kind': gvk,
  });
  return { op };
}

/** The PATCH body types the apiserver accepts; kubectl 1.30+ looks for strategic merge patch here. */
const PATCH_TYPES = ['application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json'];

function patchOperation(info: ResourceInfo, base: Record<string, unknown>): Record<string, unknown> {
  const definition = kindDefinition(info.kind);
  const name = definition === undefined ? undefined : (definition as Annotated)[MESSAGE];
  if (name === undefined) return base;
  const schema = { $ref: `#/components/schemas/${openApiName(name)}` };
  return { ...base, requestBody: { content: Object.fromEntries(PATCH_TYPES.map((t) => [t, { schema }])), required: true } };
}

function pathsFor(info: ResourceInfo): Record<string, unknown> {
  const prefix = info.group ? `/apis/${info.group}/${info.version}` : `/api/${info.version}`;
  const scope = info.namespaced ? `${prefix}/namespaces/{namespace}/${info.resource}` : `${prefix}/${info.resource}`;
  const { op } = operations(info);
  const paths: Record<string, unknown> = {};
  if (info.verbs.includes('create')) paths[scope] = { post: op('create', 'post') };
  if (info.verbs.includes('update') || info.verbs.includes('patch')) {
    paths[`${scope}/{name}`] = { put: op('replace', 'put'), patch: patchOperation(info, op('patch', 'patch')) };
  }
  return paths;
}

const documents = new Map<string, Record<string, unknown> | undefined>();

/** The document of one group/version, built once: the kinds never change while the server runs. */
export function openApiV3Document(group: string, version: string): Record<string, unknown> | undefined {
  const key = `${group}/${version}`;
  if (!documents.has(key)) documents.set(key, buildV3Document(group, version));
  return documents.get(key);
}

function buildV3Document(group: string, version: string): Record<string, unknown> | undefined {
  const infos = allResources().filter((i) => i.group === group && i.version === version);
  if (infos.length === 0) return undefined;
  const paths = Object.assign({}, ...infos.map(pathsFor)) as Record<string, unknown>;
  const apiVersion = group ? `${group}/${version}` : version;
  const kinds = KIND_DEFINITIONS.filter((def) => kindFacts(def).apiVersion === apiVersion);
  const schemas = openApiDefinitions(kinds, 'v3');
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: 'v1.30.0' }, paths, components: { schemas } };
}

let root: Record<string, unknown> | undefined;

export function openApiV3Root(): Record<string, unknown> {
  root ??= buildV3Root();
  return root;
}

function buildV3Root(): Record<string, unknown> {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const gv of groupVersions()) {
    const rel = gv.group ? `apis/${gv.group}/${gv.version}` : `api/${gv.version}`;
    const hash = createHash('sha256').update(JSON.stringify(openApiV3Document(gv.group, gv.version))).digest('hex').slice(0, 32).toUpperCase();
    paths[rel] = { serverRelativeURL: `/openapi/v3/${rel}?hash=${hash}` };
  }
  return { paths };
}
