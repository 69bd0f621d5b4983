// Lint rules that keep the package graph honest: no reaching into another package's src/ (or lib/)
// by relative path, and no import cycles.
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';

export default tseslint.config(
  { ignores: ['**/lib/**', '**/node_modules/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver': { node: { extensions: ['.ts', '.js'] } } },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'no-restricted-imports': ['error', {
        patterns: [{
          group: ['../../*/src', '../../*/src/*', '**/packages/*/src/**', '../../*/lib/*', '@tinykube/*/src/*', '@tinykube/*/lib/*'],
          message: 'Import another package by its name (@tinykube/...), never by a path into its src/ or lib/.',
        }],
      }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);
