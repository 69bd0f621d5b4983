/** What an informer needs from the server: a full list and a watch from a resourceVersion. */
import type { KubeList, KubeObject } from '@tinykube/api';
import type { ResourceClient } from '../rest/resource-client';
import type { SelectorInput } from '../rest/paths';
import type { WatchTransport } from '../rest/client';
import type { WatchStream } from '../watch/watch-stream';

export interface ListerWatcher<T extends KubeObject> {
  list(opts: { signal: AbortSignal }): Promise<KubeList<T>>;
  watch(opts: { resourceVersion: string; timeoutSeconds: number; signal: AbortSignal }): Promise<WatchStream<T>>;
}

export interface ListWatchOptions {
  labelSelector?: SelectorInput;
  fieldSelector?: SelectorInput;
  /** List page size (default 500, client-go's). */
  pageSize?: number;
  transport?: WatchTransport;
}

export function listWatchFor<T extends KubeObject>(rc: ResourceClient<T>, opts: ListWatchOptions = {}): ListerWatcher<T> {
  const selectors = { labelSelector: opts.labelSelector, fieldSelector: opts.fieldSelector };
  return {
    list: async ({ signal }) => {
      const list = await rc.listAll({ ...selectors, pageSize: opts.pageSize, signal });
      // List items come without apiVersion and kind; watch events carry them. Make the cache uniform,
      // so an object from it can name itself (in an Event's involvedObject, an ownerReference, ...).
      const { apiVersion, kind } = rc.info;
      return { ...list, items: list.items.map((i) => (i.kind ? i : { ...i, apiVersion, kind })) };
    },
    watch: ({ resourceVersion, timeoutSeconds, signal }) =>
      rc.watch({ ...selectors, resourceVersion, timeoutSeconds, allowWatchBookmarks: true, signal, transport: opts.transport }),
  };
}
