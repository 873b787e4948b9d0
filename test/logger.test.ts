import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { readConfig } from '../src/config.ts';
import { DiscordAPIError } from 'discord.js';
import { createLogger } from '../src/logger.ts';

// A made-up token of the real shape, assembled here so no token-shaped string sits in the source.
const fakeToken = ['MTAxMjM0NTY3ODkwMTIzNDU2Nzg5', 'GabcDE', 'abcdefghijklmnopqrstuvwxyz0123456789AB'].join('.');

function capture() {
  let text = '';
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { destination, read: () => text };
}

describe('logger', () => {
  it('logs a failed Discord reply without the bytes of its attachments', () => {
    const { destination, read } = capture();
    const logger = createLogger('info', destination);
    const png = Buffer.alloc(30_000, 0x89);
    const error = new DiscordAPIError(
      { code: 10062, message: 'Unknown interaction' },
      10062,
      404,
      'POST',
      'https://discord.com/api/v10/interactions/1/t/callback',
      {
        files: [{ name: 'chart.png', data: png }],
        body: { type: 4, data: { content: 'hello' } },
      },
    );
    logger.error({ err: error }, 'reply failed');
    const line = JSON.parse(read()) as { err: { message: string; code: number; requestBody: unknown } };
    expect(read().length).toBeLessThan(3000);
    expect(line.err).toMatchObject({
      message: 'Unknown interaction',
      code: 10062,
      requestBody: { files: [{ name: 'chart.png', bytes: 30_000 }], json: { type: 4, data: { content: 'hello' } } },
    });
  });

  it('never writes the token, wherever it is logged', () => {
    const { destination, read } = capture();
    const logger = createLogger('info', destination);
    logger.info({ token: fakeToken }, 'login');
    logger.info({ config: { DISCORD_TOKEN: fakeToken } }, 'config');
    logger.info({ client: { token: fakeToken } }, 'client');
    logger.info({ request: { headers: { authorization: `Bot ${fakeToken}` } } }, 'request');
    expect(read()).not.toContain(fakeToken.slice(0, 20));
    expect(read().match(/\[redacted\]/g)).toHaveLength(4);
  });
});

describe('config', () => {
  it('treats empty values as unset and defaults the rest', () => {
    const result = readConfig({ DISCORD_TOKEN: '', DISCORD_GUILD_ID: '' });
    expect(result).toEqual({
      ok: true,
      config: {
        LOG_LEVEL: 'info',
        CATALOG_DIR: 'data',
        ELECTRICITY_EUR_PER_KWH: 0.2872,
        VAT_PERCENT: 21,
        COOLDOWN_SECONDS: 3,
        WATCH_CATALOG: true,
        INTERACTIONS_PORT: 8080,
      },
    });
  });

  it('names each bad variable', () => {
    const result = readConfig({ LOG_LEVEL: 'loud', DISCORD_CLIENT_ID: 'abc', ELECTRICITY_EUR_PER_KWH: 'cheap' });
    expect(result.ok ? [] : result.problems.map((problem) => problem.split(':')[0])).toEqual([
      'DISCORD_CLIENT_ID',
      'LOG_LEVEL',
      'ELECTRICITY_EUR_PER_KWH',
    ]);
  });
});

describe('interaction tokens (D5)', () => {
  it('are cut out of a failed callback or webhook edit, wherever the URL appears', () => {
    const { destination, read } = capture();
    const logger = createLogger('info', destination);
    const interactionToken = 'aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDEyMzQ1Njc4OTpzZWNyZXQ';
    const callback = `https://discord.com/api/v10/interactions/100000000000000001/${interactionToken}/callback`;
    const edit = `https://discord.com/api/v10/webhooks/100000000000000002/${interactionToken}/messages/%40original`;
    logger.error(
      {
        err: new DiscordAPIError({ code: 10062, message: 'Unknown interaction' }, 10062, 404, 'POST', callback, {
          body: {},
        }),
      },
      'command failed',
    );
    logger.error(
      {
        err: new DiscordAPIError({ code: 10008, message: 'Unknown Message' }, 10008, 404, 'PATCH', edit, { body: {} }),
      },
      'command failed',
    );
    expect(read()).not.toContain(interactionToken);
    const lines = read()
      .trim()
      .split('\n')
      .map((text) => JSON.parse(text) as { err: { url: string } });
    expect(lines.map((line) => line.err.url)).toEqual([
      'https://discord.com/api/v10/interactions/100000000000000001/[redacted]/callback',
      'https://discord.com/api/v10/webhooks/100000000000000002/[redacted]/messages/%40original',
    ]);
  });
});
