// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'schema/', 'coverage/', 'dist/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, argsIgnorePattern: '^_' }],
    },
  },
  {
    // The pure core returns codes and numbers; src/format words them for Discord, the terminal and the charts.
    files: ['src/advisor/**/*.ts', 'src/estimator/**/*.ts', 'src/catalog/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'discord.js', message: 'The core knows nothing of Discord: return data, render in src/discord.' },
            {
              name: 'discord-api-types',
              message: 'The core knows nothing of Discord: return data, render in src/discord.',
            },
          ],
          patterns: [
            {
              regex: '(^|/)(format|discord|console|charts)(/|$)',
              message: 'The core returns codes and numbers; src/format words them and the fronts render them.',
            },
          ],
        },
      ],
    },
  },
);
