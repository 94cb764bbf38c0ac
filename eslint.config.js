// Typed lint for the whole project (src, tests, benchmarks).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const layer = (name) => [`**/${name}/**`, `**/${name}`, `../${name}.js`];
const refuse = (layers, message) => ({ group: layers.flatMap(layer), message });

/** One rule per layer: what it must not import, and why. */
function layerRules() {
  const rule = (files, patterns) => ({ files, rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] } });
  const backendInternals = ['**/backends/sandbox/**', '**/backends/kustom/**', '**/backends/registry*', '**/backends/logging-backend*', '**/backends/retry/**', '**/backends/sqlite/**'];
  return [
    rule(['src/domain/**/*.ts'], [
      { group: ['commander', 'chalk', 'conf', 'undici', 'better-sqlite3', 'node:*'], message: 'The domain is pure: no I/O, no frameworks.' },
      refuse(['cli', 'prompts', 'output', 'services', 'backends', 'logs', 'config', 'infra'], 'The domain imports only the domain and errors.'),
    ]),
    rule(['src/config/**/*.ts'], [refuse(['cli', 'prompts', 'output', 'services', 'backends', 'logs'], 'Config imports only the domain and errors (and shared utilities).')]),
    rule(['src/logs/**/*.ts'], [refuse(['cli', 'prompts', 'output', 'services', 'backends'], 'The log store sits below the backends: it imports config, domain and errors.')]),
    rule(['src/backends/**/*.ts'], [
      refuse(['cli', 'prompts', 'output', 'services'], 'Backends never reach up: they get what they need through BackendDeps.'),
      { group: layer('config'), allowTypeImports: true, message: 'Backends take settings and paths as types in BackendDeps; config code stays out.' },
    ]),
    rule(['src/services/**/*.ts'], [
      refuse(['cli', 'prompts', 'output'], 'Services return data; the CLI prompts and output renders.'),
      { group: backendInternals, message: 'Services speak to the Backend interface (backends/backend.ts), sandbox administration through its control API.' },
    ]),
    rule(['src/output/**/*.ts'], [
      refuse(['cli', 'prompts'], 'Output renders data it is given.'),
      { group: [...layer('services'), ...layer('backends')], allowTypeImports: true, message: 'Views render the shapes services return: type imports only.' },
    ]),
    rule(['src/prompts/**/*.ts'], [refuse(['cli', 'services', 'backends'], 'Prompts ask questions; they do not act.')]),
  ];
}

export default tseslint.config(
  { ignores: ['dist/**', 'dist-bench/**', 'node_modules/**', 'bench/results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['bin/*.js', 'bench/*.js', 'eslint.config.js', 'rolldown.config.js'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      'no-console': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='process'][callee.property.name='exit']", message: 'Only the binary ends the process; throw a typed error instead.' },
      ],
    },
  },
  // Layer boundaries (see ARCHITECTURE.md): each folder imports only the layers below it. Paths are matched
  // wherever they appear in the specifier, so `../../backends/sandbox/x.js` is caught from any depth.
  ...layerRules(),
  {
    files: ['bin/*.js', 'bench/**/*.js', 'eslint.config.js', 'rolldown.config.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.{ts,js}', 'bin/*.js'],
    rules: { 'no-console': 'off', 'no-restricted-syntax': 'off', '@typescript-eslint/unbound-method': 'off' },
  },
);
