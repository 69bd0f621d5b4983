export * from './storage';
export { startApiServer, type ApiServer } from './server';
export type { ApiServerOptions } from './options';
export { ApiError, isApiError } from './errors';
export { mergePatch } from './handlers/patch';
