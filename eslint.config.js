/* Lint rules close to Kibana's: no `any`, no non-null assertions, snake_case file names, React hooks rules. */
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const reactHooks = require('eslint-plugin-react-hooks');
const checkFile = require('eslint-plugin-check-file');

module.exports = tseslint.config(
  { ignores: ['node_modules/**', 'target/**', 'build/**', '.testbed/**', 'dev/es/*/target/**', '**/*.d.ts', 'dev/test_runner/*.js', '*.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks, 'check-file': checkFile },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'error',
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'no-console': 'off',
      'check-file/filename-naming-convention': ['error', { '**/*.{ts,tsx}': 'SNAKE_CASE' }, { ignoreMiddleExtensions: true }],
      'check-file/folder-naming-convention': ['error', { '{common,server,public,dev,test,bench}/**/': 'SNAKE_CASE' }],
    },
  }
);
