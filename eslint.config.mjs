// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'coverage/', 'artifacts/', '.data/', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser, ...globals.jest } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-require-imports': 'off',
      // The wire protocol and driver plumbing handle untyped BSON; prefer unknown, allow any.
      '@typescript-eslint/no-explicit-any': 'warn',
    },
  },
  {
    files: ['client/**/*.{ts,tsx}', 'tests/client/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['client/**/*.tsx'],
    rules: {
      'no-restricted-syntax': ['error', {
        // h5: <taro-button-core loading> makes Stencil insert its spinner before a slot marker React
        // has already replaced (NotFoundError: insertBefore, seen at login, approvals, offline retries).
        selector: "JSXOpeningElement[name.name='Button'] > JSXAttribute[name.name='loading']",
        message: 'No `loading` on Taro <Button> (Stencil/React insertBefore clash in h5): use aria-busy with disabled.',
      }],
    },
  },
  {
    // The domain core runs on both sides: the mini-program and the cloud functions.
    // Platform and storage SDKs would drag into one what belongs to the other.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['@tarojs/*'], message: 'shared/ is platform-free: no Taro imports.' },
          { group: ['wx-server-sdk', 'wx-server-sdk/*'], message: 'shared/ is platform-free: no wx-server-sdk.' },
          { group: ['mongodb', 'mongodb/*', 'bson'], message: 'shared/ does no I/O: no mongodb driver.' },
        ],
      }],
    },
  },
  {
    // Storage lives in repositories (cloudfunctions/_core/store): an action or helper outside it
    // never names a collection or builds a driver filter; it asks rt.repos.
    files: ['cloudfunctions/**/*.ts'],
    ignores: ['cloudfunctions/_core/store/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/store/collections'], message: 'Reach storage through rt.repos (cloudfunctions/_core/store), not collections.' },
          { group: ['mongodb', 'mongodb/*', 'bson'], message: 'Only cloudfunctions/_core/store talks to the driver.' },
        ],
      }],
    },
  },
);
