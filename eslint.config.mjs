// ESLint flat config for the whole monorepo (issue 16): the layout rules that CONVENTIONS.md describes,
// checked instead of remembered. Run `pnpm lint` at the root.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'eslint/config';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import testingLibrary from 'eslint-plugin-testing-library';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import globals from 'globals';

const root = import.meta.dirname;
const webFeatures = readdirSync(path.join(root, 'apps/web/src/features'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

// Raw SQL (`em.query`, `db.query`, `manager.query`, `.query(`) belongs in `<module>.repository.ts`,
// `src/database/**` and migrations only (issue 16, part 1). Every module has its repository, so the rule is an
// error.
const SQL_OUTSIDE_REPOSITORIES = process.env.LINT_SQL_OUTSIDE_REPOSITORIES ?? 'error';
const SQL_ALLOWED_FILES = [
  'apps/api/src/**/*.repository.ts',
  'apps/api/src/database/**',
  'apps/api/src/**/migrations/**',
  'apps/api/src/**/*.spec.ts',
  'apps/api/test/**',
];

// Resolves relative, `.js`-suffixed (nodenext) and `@/` (web) imports to the .ts/.tsx files on disk, so
// that `import-x/no-restricted-paths` sees where an import really points.
const resolver = (alias = {}) =>
  createNodeResolver({
    extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    extensionAlias: { '.js': ['.ts', '.tsx', '.js'] },
    alias,
  });

export default defineConfig(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/dev-dist/**',
      '**/coverage/**',
      'apps/web/test-results/**',
      'apps/web/playwright-report/**',
      'apps/api/src/openapi/schemas.generated.ts',
      'bench/out/**',
      'bench/results/**',
      '.data/**',
    ],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      // `_`-prefixed names are the project's way of saying "deliberately unused" (destructuring to omit a key)
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      // `catch {}` is how the scripts say "best effort" (a probe, a cleanup); other empty blocks are still errors
      'no-empty': ['error', { allowEmptyCatch: true }],
      // a `let` read by closures before its one assignment (e.g. the data source the metrics read) stays a `let`
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },

  // Node scripts (bench, scripts, config files, the API's CommonJS helpers)
  {
    files: ['**/*.mjs', '**/*.cjs', '**/*.js', 'apps/api/**/*.ts', 'apps/web/e2e/**', 'apps/web/*.config.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.cjs', 'apps/api/jest*.config.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['apps/api/**/*.spec.ts', 'apps/api/test/**/*.ts'],
    languageOptions: { globals: { ...globals.jest } },
  },

  // API layout: common/ and config/ are below the modules; they never import a module.
  {
    files: ['apps/api/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [resolver()] },
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          basePath: path.join(root, 'apps/api'),
          zones: [
            {
              target: ['./src/common/**', './src/config/**'],
              from: './src/modules/**',
              message: 'common/ 与 config/ 不依赖业务模块：把共用的部分移到 common/（issue 16）',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/api/src/**/*.ts'],
    ignores: SQL_ALLOWED_FILES,
    rules: {
      'no-restricted-syntax': [
        SQL_OUTSIDE_REPOSITORIES,
        {
          selector: "CallExpression[callee.type='MemberExpression'][callee.property.name='query']",
          message: 'SQL 只写在 <module>.repository.ts、src/database/** 或迁移里（issue 16）',
        },
      ],
    },
  },

  // packages/shared is imported by both apps and imports neither.
  {
    files: ['packages/shared/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [resolver()] },
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          basePath: root,
          zones: [{ target: './packages/shared/**', from: './apps/**', message: 'packages/shared 不依赖 apps' }],
        },
      ],
    },
  },

  // Web: browser globals, hooks rules, and features that never import each other (bulletproof-react):
  // a piece two features need lives in src/components or src/lib; routes in src/app compose features.
  {
    files: ['apps/web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks, 'import-x': importX },
    settings: { 'import-x/resolver-next': [resolver({ '@': [path.join(root, 'apps/web/src')] })] },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'import-x/no-restricted-paths': [
        'error',
        {
          basePath: path.join(root, 'apps/web/src'),
          zones: [
            ...webFeatures.map((feature) => ({
              target: `./features/${feature}`,
              from: './features',
              except: [`./${feature}`],
              message: '功能之间不互相引用：共用的部分放到 src/components 或 src/lib（issue 16）',
            })),
            {
              target: ['./features/**', './components/**', './lib/**'],
              from: './app/**',
              message: 'src/app 组合功能，功能与组件不反过来依赖它',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/web/src/**/*.test.{ts,tsx}'],
    ...testingLibrary.configs['flat/react'],
  },
);
