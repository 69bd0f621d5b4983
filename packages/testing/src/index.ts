export * from './ports';
export * from './tempdir';
export * from './wait';
export * from './etcd';
// apiserver harness: added by the lead
export * from './apiserver';
export * from './http';
export * from './watch';
