/** Errors a pod sync can hit, each carrying the reason Kubernetes shows for it in the container's status. */

/** The container's configuration cannot be built (a missing ConfigMap or Secret key, a bad fieldRef). */
export class ContainerConfigError extends Error {
  readonly reason = 'CreateContainerConfigError';
  constructor(message: string) {
    super(message);
    this.name = 'ContainerConfigError';
  }
}

/** A volume could not be set up; the pod waits in ContainerCreating and a FailedMount event says why. */
export class VolumeMountError extends Error {
  readonly reason = 'FailedMount';
  constructor(
    readonly volume: string,
    message: string,
  ) {
    super(message);
    this.name = 'VolumeMountError';
  }
}
