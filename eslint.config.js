import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist',
      'node_modules',
      '.data',
      '.vercel',
      'bench/results',
      'test-results',
      'reports',
      '.stryker-tmp',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The layers (docs/lifecycle-engine.md): the domain is pure and imports nothing but itself;
    // repositories depend on the domain, never on the use cases or the adapters above them.
    files: ['api/_lib/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(?!\\./)', message: 'The domain layer imports only itself.' }] },
      ],
    },
  },
  {
    files: ['api/_lib/db/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../*/**', '!../domain/**', '!../i18n/**', '../../**'],
              message:
                'Repositories depend on the domain (and config), not on use cases or adapters.',
            },
          ],
        },
      ],
    },
  },
  {
    // Server code must never pull in the browser app, and the app never pulls in server code…
    files: ['src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        // …except the contracts both sides build and read (api/_lib/contract.ts, console-contract.ts).
        {
          patterns: [
            '**/api/_lib/**',
            '!**/api/_lib/contract',
            '!**/api/_lib/console-contract',
            '**/dev/**',
          ],
        },
      ],
    },
  },
);
