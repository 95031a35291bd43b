import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

export default tseslint.config(
  {
    ignores: ['dist', 'dev-dist', 'data', '.tmp', 'node_modules', 'src/db/validators.generated.*'],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // No import cycles in the app or the server: the layers stay layers. A type-only
    // import carries no code and does not count.
    files: ['src/**/*.{ts,tsx}', 'sync-server/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver()],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/extensions': ['.ts', '.tsx', '.js'],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    // The shared schema runs in the browser and in Node alike: no platform imports.
    files: ['src/schema/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['node:*', 'react*', 'rxdb/plugins/*', '../features/*', '../db/*'] },
      ],
    },
  },
  {
    // The tablet's storage and its sync engine are layers under the screens: no feature, no UI.
    files: ['src/db/**/*.ts', 'src/sync/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['react*', '../features/*', '../components/*', '../i18n/*'] },
      ],
    },
  },
  {
    // The server shares the record definitions with the app, nothing else of it.
    files: ['sync-server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            '**/src/db/*',
            '**/src/features/*',
            '**/src/components/*',
            '**/src/i18n/*',
            'react*',
            'rxdb*',
          ],
        },
      ],
    },
  },
  {
    // A feature uses another only through that feature's index.ts, its public API (and texts.ts).
    files: ['src/features/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // Texts have a public entry of their own: shared labels need no screens.
              group: ['../*/*', '!../*/index.js', '!../*/texts.js', '!../../**'],
              message: "Import the feature's index.js (or its texts.js).",
            },
          ],
        },
      ],
    },
  },
);
