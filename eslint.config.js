// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

/** Each heavy library lives in one folder (STYLE.md): only that folder may import it. */
const owned = [
  { folders: ['store'], names: ['mongodb', 'mongodb-memory-server-core'] },
  { folders: ['workers'], names: ['bullmq', 'nodemailer', 'piscina'] },
  { folders: ['crawlers'], names: ['cheerio'] },
  // core launches Chromium (crawlers and evidence packets use it); crawlers drive its pages.
  { folders: ['core', 'crawlers'], names: ['playwright-core', '@sparticuz/chromium'] },
  { folders: ['classifiers'], names: ['natural'] },
];

const folders = [
  'core',
  'config',
  'classifiers',
  'crawlers',
  'store',
  'evidence',
  'workers',
  'dashboard',
  'bin',
  'demo',
];

/**
 * The one-way layers: which adwatch folders each folder may import. `core` (errors, logger, the
 * extracted ad, Chromium's launch) imports none; `bin` assembles everything.
 */
const layers = {
  core: [],
  config: ['core'],
  classifiers: ['core', 'config'],
  crawlers: ['core', 'config'],
  store: ['core', 'config'],
  evidence: ['core', 'config', 'store'],
  workers: ['core', 'config', 'classifiers', 'crawlers', 'store'],
  dashboard: ['core', 'config', 'classifiers', 'store', 'workers', 'evidence'],
  bin: folders,
  demo: [],
};

/** How deep the UI's source files sit under dashboard/ui/src (0: src/app.tsx; 1: src/api/types.ts). */
const uiDepths = [0, 1, 2, 3];

/** Relative imports of another adwatch folder, at any depth ('../store/', '../../core/'). */
const folderImport = (folder) => `^(\\.\\./)+${folder}/`;

const restrictionFor = (folder, allowed = layers[folder] ?? folders) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: owned
        .filter((o) => !o.folders.includes(folder))
        .flatMap((o) =>
          o.names.map((name) => ({
            name,
            message: `only ${o.folders.map((f) => `${f}/`).join(' and ')} may import ${name}`,
          })),
        ),
      patterns: folders
        .filter((other) => other !== folder && !allowed.includes(other))
        .map((other) => ({
          regex: folderImport(other),
          message: `${folder}/ may import ${allowed.join(', ') || 'no other adwatch folder'}, not ${other}/ (layers in eslint.config.js)`,
        })),
    },
  ],
});

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'data/',
      'dist/',
      'coverage/',
      'test-results/',
      'dashboard/ui/dist/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', 'bin/*.js', 'bench/*.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/only-throw-error': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'TSEnumDeclaration', message: 'use an `as const` object instead of enum' },
      ],
    },
  },
  ...folders.map((folder) => ({
    files: [`${folder}/**/*.ts`],
    rules: restrictionFor(folder),
  })),
  // The dashboard's browser code is built on its own: it imports no server folder, and of the
  // dashboard's own server code only the API contract (dashboard/contract), and that for its types
  // only (`import type`), so that zod stays out of the browser bundle.
  { files: ['dashboard/ui/src/**/*.{ts,tsx}'], rules: restrictionFor('dashboard-ui', []) },
  ...uiDepths.map((depth) => ({
    files: [`dashboard/ui/src/${'*/'.repeat(depth)}*.{ts,tsx}`],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // Out of dashboard/ui/src to anything but ../contract/ (the UI sits in dashboard/ui).
              regex: `^(\\.\\./){${depth + 1}}(?!\\.\\./contract/)`,
              message: 'the UI imports no server code; only types from dashboard/contract',
            },
            {
              regex: '^(\\.\\./)+contract/',
              allowTypeImports: true,
              message: 'the UI imports only types from dashboard/contract (`import type`)',
            },
          ],
        },
      ],
    },
  })),
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
  {
    // Run by mongosh inside the replica set's init container (deploy/compose.yaml), not by Node.
    files: ['deploy/mongo/**/*.js'],
    languageOptions: {
      globals: { rs: 'readonly', db: 'readonly', print: 'readonly', sleep: 'readonly' },
    },
  },
  prettier,
);
