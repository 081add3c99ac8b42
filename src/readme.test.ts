import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES } from './config.ts';
import { DEMO_ACCOUNTS } from './modules/accounts/accounts.seed.ts';

describe('README', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

  it('documents every configuration variable', () => {
    for (const name of Object.keys(CONFIG_VARIABLES)) expect(readme, name).toMatch(new RegExp(`\\| \`${name}\` +\\|`));
  });

  it('gives the two set-up commands', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm test');
  });

  it('lists every demo account with its password and TOTP secret', () => {
    for (const account of DEMO_ACCOUNTS) {
      expect(readme, account.role).toContain(`\`${account.signIn}\``);
      expect(readme, account.role).toContain(`\`${account.password}\``);
      if (account.totpSecret) expect(readme, account.role).toContain(`\`${account.totpSecret}\``);
    }
  });
});
