/**
 * The request target split into path and query WITHOUT normalizing the path: WHATWG URL parsing would
 * quietly turn `/configmaps/..` into the parent path and serve something the client never asked for.
 */
export interface RequestUrl {
  pathname: string;
  searchParams: URLSearchParams;
}

export function splitUrl(target: string | undefined): RequestUrl {
  const raw = target ?? '/';
  const q = raw.indexOf('?');
  return q < 0
    ? { pathname: raw, searchParams: new URLSearchParams() }
    : { pathname: raw.slice(0, q), searchParams: new URLSearchParams(raw.slice(q + 1)) };
}
