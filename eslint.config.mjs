// One flat config for the whole workspace. Each project runs `eslint .` from its own
// directory; ESLint 9 finds this file by walking up from there.
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const TS = ['**/*.ts', '**/*.tsx'];
const JS = ['**/*.js', '**/*.mjs', '**/*.cjs'];

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', '**/coverage/**', '**/.nx/**', '**/test-results/**', '**/data/**', '**/tmp/**'],
  },

  // Plain JavaScript: config files and Node scripts.
  {
    files: JS,
    extends: [js.configs.recommended],
    languageOptions: { ecmaVersion: 'latest', globals: { ...globals.node } },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
  },

  // TypeScript everywhere: the fast, syntax-only recommended set (no type information).
  {
    files: TS,
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      // Compiled to CommonJS (the api), a local named `exports` hides the module's own: an exported constant
      // read in that scope becomes undefined in the build while the tests (compiled otherwise) pass.
      'no-restricted-syntax': [
        'error',
        {
          selector: ":matches(VariableDeclarator > Identifier.id, FunctionDeclaration > Identifier.params)[name='exports']",
          message: 'Name it otherwise: in CommonJS output this hides the module\'s own exports.',
        },
      ],
    },
  },

  // Project boundaries: tags live in each package.json under "nx".
  {
    files: [...TS, ...JS],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['scope:api', 'scope:shared'] },
            { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:web', 'scope:shared'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
          ],
        },
      ],
    },
  },

  // The web client: the hooks plugin's recommended set (rules of hooks, exhaustive deps and the
  // React Compiler checks such as purity, refs and set-state-in-effect).
  {
    files: ['apps/web/**/*.ts', 'apps/web/**/*.tsx'],
    extends: [reactHooks.configs.flat['recommended-latest']],
    languageOptions: { globals: { ...globals.browser } },
  },
);
