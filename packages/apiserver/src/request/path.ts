/**
 * Turns a resource URL into what it addresses. Shapes (as in Kubernetes):
 *   /api/v1/<resource>[/<name>[/<subresource>]]                       cluster-scoped, or all namespaces for a list/watch
 *   /api/v1/namespaces/<ns>/<resource>[/<name>[/<subresource>]]       namespaced
 *   /apis/<group>/<version>/...                                       the same under a named group
 * `namespaces/<name>[/status|/finalize]` is the Namespace resource itself, not a namespace prefix.
 */
import { findResource, isValidPathSegmentName, type ResourceInfo } from '@tinykube/api';
import { badRequest, pathNotFound } from '../errors';

export interface ResourceRequest {
  info: ResourceInfo;
  /** Namespace from the path; undefined for cluster-scoped kinds and all-namespace lists. */
  namespace?: string;
  name?: string;
  subresource?: string;
}

export interface GroupVersionPath {
  group: string;
  version: string;
  /** Segments after the group/version, already URI-decoded. */
  rest: string[];
}

/** Splits `/api/v1/...` or `/apis/g/v/...`; undefined for any other path. */
export function splitGroupVersion(pathname: string): GroupVersionPath | undefined {
  const segs = pathname.split('/').filter((s) => s !== '');
  let group: string;
  let version: string;
  let rest: string[];
  if (segs[0] === 'api' && segs.length >= 2) {
    group = '';
    version = segs[1];
    rest = segs.slice(2);
  } else if (segs[0] === 'apis' && segs.length >= 3) {
    group = segs[1];
    version = segs[2];
    rest = segs.slice(3);
  } else {
    return undefined;
  }
  try {
    return { group, version, rest: rest.map((s) => decodeURIComponent(s)) };
  } catch {
    throw badRequest(`malformed path segment in ${pathname}`);
  }
}

function checkName(kind: string, name: string, what: string): void {
  const problems = isValidPathSegmentName(name);
  if (problems.length > 0) throw badRequest(`invalid ${what} "${name}" for ${kind}: ${problems.join(', ')}`);
}

/** Resolves the segments after the group/version; throws 404 for a resource this server does not serve. */
export function parseResourcePath(gv: GroupVersionPath, pathname: string): ResourceRequest {
  const { group, version, rest } = gv;
  const lookup = (resource: string): ResourceInfo => {
    const info = findResource(group, version, resource);
    if (!info) throw pathNotFound(pathname);
    return info;
  };
  if (rest.length === 0) throw pathNotFound(pathname);

  // namespaces/<ns>/<resource>... addresses a namespaced resource when a third segment names one.
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    const candidate = findResource(group, version, rest[2]);
    if (candidate && candidate.namespaced) {
      if (rest.length > 5) throw pathNotFound(pathname);
      checkName(candidate.kind, rest[1], 'namespace');
      const req: ResourceRequest = { info: candidate, namespace: rest[1] };
      if (rest[3] !== undefined) {
        checkName(candidate.kind, rest[3], 'name');
        req.name = rest[3];
      }
      if (rest[4] !== undefined) req.subresource = rest[4];
      return checkSubresource(req, pathname);
    }
  }
  if (rest.length > 3) throw pathNotFound(pathname);
  const info = lookup(rest[0]);
  const req: ResourceRequest = { info };
  if (rest[1] !== undefined) {
    checkName(info.kind, rest[1], 'name');
    req.name = rest[1];
  }
  if (rest[2] !== undefined) req.subresource = rest[2];
  // A namespaced resource without a namespace prefix is only addressable as an all-namespaces list/watch.
  if (info.namespaced && req.name !== undefined) throw pathNotFound(pathname);
  return checkSubresource(req, pathname);
}

function checkSubresource(req: ResourceRequest, pathname: string): ResourceRequest {
  if (req.subresource !== undefined && !req.info.subresources.includes(req.subresource)) throw pathNotFound(pathname);
  return req;
}
