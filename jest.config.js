// One jest run for the whole workspace. Sources are compiled on the fly by swc (no type-check here:
// `pnpm build` runs tsc first), and workspace imports resolve to each package's src/ so tests never
// need a stale lib/.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/packages', '<rootDir>/test', '<rootDir>/bench'],
  testMatch: ['**/src/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/lib/'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } } }] },
  moduleNameMapper: { '^@tinykube/(api|apiserver|client|runtime|scheduler|controller-manager|node-agent|kubectl-lite|testing)$': '<rootDir>/packages/$1/src' },
  testTimeout: 60000,
  maxWorkers: 2,
};
