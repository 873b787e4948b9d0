import { describe, expect, it } from 'vitest';
import { readConfig } from '../src/config.ts';

const apiUrl = (DISCORD_API_URL: string) => readConfig({ DISCORD_API_URL });

describe('DISCORD_API_URL', () => {
  it.each(['https://discord.com/api', 'https://proxy.example/api', 'http://127.0.0.1:8080/api', 'http://localhost:8080/api', 'http://[::1]:8080/api'])('accepts %s', (url) => {
    expect(apiUrl(url).ok).toBe(true);
  });

  it.each(['http://proxy.example/api', 'http://10.0.0.5/api', 'http://127.0.0.1.example/api'])('refuses %s: the bot token would travel in clear', (url) => {
    const result = apiUrl(url);
    expect(result.ok ? [] : result.problems).toEqual([expect.stringMatching(/^DISCORD_API_URL: plain http:\/\//)]);
  });
});
