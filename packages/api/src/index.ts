export * from './types';
export * from './names';
export * from './quantity';
export * from './selectors';
export * from './registry';
export * from './schema';
export * from './defaults';
export * from './validation';
