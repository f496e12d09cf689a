// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

/** Each heavy library lives in one folder (STYLE.md): only that folder may import it. */
const owned = [
  { folder: 'store', names: ['mongodb', 'mongodb-memory-server-core'] },
  { folder: 'workers', names: ['bullmq', 'nodemailer', 'piscina'] },
  { folder: 'crawlers', names: ['playwright-core', 'cheerio', '@sparticuz/chromium'] },
  { folder: 'classifiers', names: ['natural'] },
];

const restrictionFor = (folder) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: owned
        .filter((o) => o.folder !== folder)
        .flatMap((o) =>
          o.names.map((name) => ({ name, message: `only ${o.folder}/ may import ${name}` })),
        ),
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
  ...[
    'config',
    'crawlers',
    'workers',
    'classifiers',
    'store',
    'evidence',
    'dashboard',
    'bin',
    'demo',
  ].map((folder) => ({
    files: [`${folder}/**/*.ts`],
    rules: restrictionFor(folder),
  })),
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
  prettier,
);
