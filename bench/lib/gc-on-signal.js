'use strict';
/**
 * Preloaded into the apiserver process by the benchmarks (`node --expose-gc -r <this file>`): SIGUSR2
 * runs a full garbage collection, so an RSS reading measures live memory rather than how long ago the
 * last GC happened. Benchmark instrumentation only; the apiserver itself knows nothing of it.
 */
if (typeof global.gc === 'function') {
  process.on('SIGUSR2', () => global.gc());
}
