import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/** Folders of one domain each, under src/lib and src/components alike. */
const DOMAINS = [
  'agents',
  'conversation',
  'environments',
  'notifications',
  'profiles',
  'sessions',
  'shell',
  'views',
];

// Components never send a command (see the rules below): one pattern for both places it applies.
const NO_COMMANDS = {
  group: ['$lib/ipc/call', '$lib/ipc/bindings', '**/lib/ipc/call', '**/lib/ipc/bindings'],
  allowTypeImports: true,
  message:
    'Components do not call the backend: send the command from a controller or store in src/lib, and import only types here.',
};

export default ts.config(
  { ignores: ['dist/', 'node_modules/', 'src/lib/ipc/bindings.ts'] },
  js.configs.recommended,
  ...ts.configs.recommendedTypeChecked,
  ...svelte.configs.recommended,
  prettier,
  ...svelte.configs.prettier,
  {
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: {
        projectService: true,
        extraFileExtensions: ['.svelte'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, svelteConfig } },
  },
  {
    files: ['*.config.js', '*.config.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // CommonJS tooling that ESLint itself loads (outside the TypeScript project).
    files: ['*.cjs'],
    ...ts.configs.disableTypeChecked,
    languageOptions: {
      parserOptions: { project: false, projectService: false, program: null },
      globals: { ...globals.node },
    },
    rules: {
      ...ts.configs.disableTypeChecked.rules,
      '@typescript-eslint/no-require-imports': 'off',
    },
  },

  // Architecture. Each rule below was seen to fire on a deliberate break before it was kept.

  // No import cycles, through the $lib alias and across .ts and .svelte files alike: the
  // TypeScript resolver reads the alias from tsconfig.json, and the .svelte files a module
  // imports are read through eslint-svelte-imports.cjs (import-x skips svelte-eslint-parser's
  // AST as not a module). As in import-x, `import type` does not count: types leave no cycle
  // at run time.
  {
    files: ['src/**/*.ts', 'src/**/*.svelte'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: './tsconfig.json',
          extensions: ['.ts', '.svelte.ts', '.js', '.svelte', '.json'],
        }),
      ],
      'import-x/extensions': ['.ts', '.js', '.svelte'],
      'import-x/parsers': {
        [fileURLToPath(new URL('./eslint-svelte-imports.cjs', import.meta.url))]: ['.svelte'],
        '@typescript-eslint/parser': ['.ts'],
      },
      // Packages cannot import our files back: no need to read them.
      'import-x/ignore': ['node_modules'],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },

  // Components never send a command: controllers and stores in src/lib do (DESIGN.md, how data
  // flows, 5). Types from the bindings are fine. Tests may build errors and payloads.
  {
    files: ['src/components/**/*.svelte', 'src/components/**/*.ts', 'src/App.svelte'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [NO_COMMANDS],
        },
      ],
    },
  },

  // Shared components know no domain: they take what they show as props (STYLE.md 24).
  {
    files: ['src/components/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            NO_COMMANDS,
            {
              group: DOMAINS.flatMap((d) => [`$lib/${d}`, `$lib/${d}/**`, `../${d}`, `../${d}/**`]),
              message:
                'src/components/shared knows no domain: take the data as props, or move the component into its domain folder.',
            },
          ],
        },
      ],
    },
  },
);
