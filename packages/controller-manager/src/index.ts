export { startControllerManager, type ControllerManager } from './manager';
export { resolveOptions, COMPONENT, DEFAULT_PORT, type ControllerManagerOptions, type ResolvedOptions } from './options';
export { ALL_CONTROLLERS, selectControllers, UnknownControllerError } from './controllers/registry';
export type { ControllerContext, ControllerDescriptor, RunnableController } from './controllers/types';
export { kubeApi, type ApiClient, type ResourceApi, type Recorder } from './api';
export { ControllerMetrics } from './metrics';
export { computeHash, fnv32a, safeEncodeString } from './util/hash';
export { main } from './main';
