/**
 * What every plugin call answers. The code tells the scheduler what to do next: Success goes on;
 * Unschedulable means "not on this node right now" (preemption or a cluster change could help);
 * UnschedulableAndUnresolvable means nothing about this node can change for this pod; Error is a bug or
 * an outage, so the pod is retried after a back-off instead of waiting for a cluster change.
 */
export type StatusCode = 'Success' | 'Unschedulable' | 'UnschedulableAndUnresolvable' | 'Error';

export class Status {
  /** The plugin that answered; set by the framework, so plugins need not repeat their own name. */
  plugin = '';

  private constructor(
    readonly code: StatusCode,
    /** User-facing reasons, counted per node in the FailedScheduling message. */
    readonly reasons: readonly string[],
  ) {}

  // One shared instance: the filter loop returns it for every node of every cycle.
  private static readonly SUCCESS = Object.freeze(new Status('Success', [])) as Status;

  static success(): Status {
    return Status.SUCCESS;
  }

  static unschedulable(...reasons: string[]): Status {
    return new Status('Unschedulable', reasons);
  }

  static unresolvable(...reasons: string[]): Status {
    return new Status('UnschedulableAndUnresolvable', reasons);
  }

  static error(message: string): Status {
    return new Status('Error', [message]);
  }

  isSuccess(): boolean {
    return this.code === 'Success';
  }

  /** Either kind of "does not fit". */
  isRejection(): boolean {
    return this.code === 'Unschedulable' || this.code === 'UnschedulableAndUnresolvable';
  }

  withPlugin(plugin: string): Status {
    if (this.code === 'Success') return this;
    this.plugin = plugin;
    return this;
  }

  message(): string {
    return this.reasons.join(', ');
  }
}
