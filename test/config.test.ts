import { describe, expect, it } from 'vitest';
import { readConfig } from '../src/config.ts';

const apiUrl = (DISCORD_API_URL: string) => readConfig({ DISCORD_API_URL });

describe('DISCORD_API_URL', () => {
  it.each([
    'https://discord.com/api',
    'https://proxy.example/api',
    'http://127.0.0.1:8080/api',
    'http://localhost:8080/api',
    'http://[::1]:8080/api',
  ])('accepts %s', (url) => {
    expect(apiUrl(url).ok).toBe(true);
  });

  it.each(['http://proxy.example/api', 'http://10.0.0.5/api', 'http://127.0.0.1.example/api'])(
    'refuses %s: the bot token would travel in clear',
    (url) => {
      const result = apiUrl(url);
      expect(result.ok ? [] : result.problems).toEqual([expect.stringMatching(/^DISCORD_API_URL: plain http:\/\//)]);
    },
  );
});

describe('DISCORD_PUBLIC_KEY and INTERACTIONS_PORT (--http)', () => {
  it('takes the portal key as 64 hex digits and the port as a number, 8080 by default', () => {
    const result = readConfig({ DISCORD_PUBLIC_KEY: 'ab'.repeat(32), INTERACTIONS_PORT: '9000' });
    expect(result.ok && [result.config.DISCORD_PUBLIC_KEY, result.config.INTERACTIONS_PORT]).toEqual([
      'ab'.repeat(32),
      9000,
    ]);
    const defaults = readConfig({});
    expect(defaults.ok && defaults.config.INTERACTIONS_PORT).toBe(8080);
  });

  it.each([['ab'.repeat(31)], ['zz'.repeat(32)]])('refuses the key %s', (key) => {
    const result = readConfig({ DISCORD_PUBLIC_KEY: key });
    expect(result.ok ? [] : result.problems).toEqual([expect.stringMatching(/^DISCORD_PUBLIC_KEY: /)]);
  });

  it.each(['0', '70000', 'http'])('refuses the port %s', (port) => {
    expect(readConfig({ INTERACTIONS_PORT: port }).ok).toBe(false);
  });
});
