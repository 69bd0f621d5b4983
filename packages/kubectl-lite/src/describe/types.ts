import type { Event, KubeObject, ResourceInfo } from '@tinykube/api';
import type { CliContext } from '../context';

export interface DescribeInput {
  ctx: CliContext;
  info: ResourceInfo;
  obj: KubeObject;
  /** Events about the object, found by involvedObject field selectors. */
  events?: Event[];
  now: Date;
}

export type Describer = (input: DescribeInput) => string | Promise<string>;
