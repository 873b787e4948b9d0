/**
 * The HTTP interactions endpoint (`npm start -- --http`), driven with real signed requests
 * on 127.0.0.1: Discord's Ed25519 scheme with a key pair made here, the stand-in Discord
 * for the webhook edits, every payload checked against Discord's OpenAPI schemas.
 */
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdvisorStore } from '../../src/advisor/store.ts';
import { loadCatalog } from '../../src/catalog/index.ts';
import { recommendMoreId } from '../../src/discord/custom-ids.ts';
import { serveInteractions, type InteractionsEndpoint } from '../../src/http/endpoint.ts';
import { publicKeyFromHex, verifySignature } from '../../src/http/signature.ts';
import { captureLogger } from '../helpers/capture-logger.ts';
import { schemaErrors, schemaNames } from '../helpers/discord-schema.ts';
import { applicationId, buttonPayload, interactionPayload, startLocalDiscord } from '../helpers/local-discord.ts';

const keys = generateKeyPairSync('ed25519');
/** The portal shows the public key as 64 hex digits: the raw 32 bytes, here taken from the JWK. */
const publicKeyHex = Buffer.from(keys.publicKey.export({ format: 'jwk' }).x ?? '', 'base64url').toString('hex');
const nowSeconds = () => Math.floor(Date.now() / 1000);

function signedHeaders(body: string, privateKey: KeyObject = keys.privateKey, timestamp = String(nowSeconds())) {
  const signature = sign(null, Buffer.from(timestamp + body), privateKey).toString('hex');
  return { 'content-type': 'application/json', 'x-signature-ed25519': signature, 'x-signature-timestamp': timestamp };
}

type LocalDiscord = Awaited<ReturnType<typeof startLocalDiscord>>;
let discord: LocalDiscord;
let endpoint: InteractionsEndpoint;
let base: string;
const signals = Object.assign(new EventEmitter(), {
  exitCode: undefined as number | undefined,
  exit(code: number) {
    signals.exitCode = code;
  },
});
const log = captureLogger();

beforeAll(async () => {
  discord = await startLocalDiscord();
  const loaded = await loadCatalog('data');
  if (!loaded.ok) throw new Error('the live catalog is broken');
  const served = await serveInteractions({
    publicKey: publicKeyFromHex(publicKeyHex),
    store: createAdvisorStore('data', loaded.catalog),
    logger: log.logger,
    apiUrl: discord.apiUrl,
    port: 0,
    host: '127.0.0.1',
    shutdownHost: signals,
  });
  endpoint = served.endpoint;
  base = `http://127.0.0.1:${served.port}`;
});

afterAll(async () => {
  await endpoint.close();
  await discord.close();
});

const post = (body: string, headers: Record<string, string>) =>
  fetch(`${base}/interactions`, { method: 'POST', body, headers });
const postSigned = (payload: object) => {
  const body = JSON.stringify(payload);
  return post(body, signedHeaders(body));
};

/** The JSON of a webhook edit the stand-in received (kept as latin1): the whole body, or its payload_json part. */
function editJson(body: string): unknown {
  const text = body.startsWith('{') ? body : /name="payload_json"\r\n(?:[^\r\n]+\r\n)*\r\n(.*?)\r\n--/s.exec(body)?.[1];
  return JSON.parse(Buffer.from(text ?? 'null', 'latin1').toString('utf8'));
}

const editsFor = (token: string) =>
  discord.requests.filter(
    (request) =>
      request.method === 'PATCH' &&
      /^\/api\/v10\/webhooks\/(\d+)\/([^/]+)\/messages\/(?:@|%40)original$/
        .exec(request.path)
        ?.slice(1, 3)
        .join('/') === `${applicationId}/${token}`,
  );

describe('Ed25519 verification', () => {
  it('takes the portal key as hex and tells a good signature from a tampered one', () => {
    const key = publicKeyFromHex(publicKeyHex);
    const body = '{"type":1}';
    const headers = signedHeaders(body);
    expect(
      verifySignature(key, headers['x-signature-ed25519'], headers['x-signature-timestamp'], Buffer.from(body)),
    ).toEqual({ ok: true });
    expect(
      verifySignature(key, headers['x-signature-ed25519'], headers['x-signature-timestamp'], Buffer.from('{"type":2}')),
    ).toEqual({ ok: false, reason: 'bad signature' });
    // The same signature over another timestamp: the timestamp is part of what is signed.
    expect(
      verifySignature(
        key,
        headers['x-signature-ed25519'],
        String(Number(headers['x-signature-timestamp']) + 1),
        Buffer.from(body),
      ),
    ).toEqual({ ok: false, reason: 'bad signature' });
    expect(() => publicKeyFromHex('abc')).toThrow(/64 hex digits/);
  });
});

describe('the interactions endpoint', () => {
  it('answers a signed PING with PONG, and /healthz with 200', async () => {
    const response = await postSigned({ id: '1', application_id: applicationId, type: 1, token: 't', version: 1 });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ type: 1 });
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it.each([
    ['unsigned', () => ({ 'content-type': 'application/json' })],
    ['signed by another key', (body: string) => signedHeaders(body, generateKeyPairSync('ed25519').privateKey)],
    ['tampered after signing', (body: string) => signedHeaders(body.replace('"type":1', '"type":2'))],
    [
      'signed 10 minutes ago (a replay)',
      (body: string) => signedHeaders(body, keys.privateKey, String(nowSeconds() - 600)),
    ],
    [
      'with a signature that is not hex',
      (body: string) => ({ ...signedHeaders(body), 'x-signature-ed25519': 'zz'.repeat(64) }),
    ],
  ])('refuses a request %s with 401', async (_name, headersFor) => {
    const body = JSON.stringify({ id: '1', application_id: applicationId, type: 1, token: 't', version: 1 });
    const response = await post(body, headersFor(body));
    expect(response.status).toBe(401);
  });

  it('a slash command that takes time: deferred in the response, then the answer edited in through the webhook, without a bot token', async () => {
    const payload = interactionPayload(2, 1, '300000000000000001', {
      name: 'recommend',
      options: [{ name: 'model', type: 3, value: 'llama-3.3-70b' }],
    });
    const response = await postSigned(payload);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ type: 5, data: { flags: 0 } });
    await discord.until(() => editsFor(payload.token).length === 1);
    const [edit] = editsFor(payload.token);
    expect(edit?.headers.authorization).toBeUndefined();
    const message = editJson(edit?.body ?? '');
    expect(schemaErrors(schemaNames.editOriginalResponse, message)).toEqual([]);
    expect(JSON.stringify(message)).toMatch(/llama|Llama/);
  });

  it('a user mistake is answered at once, ephemerally, in the HTTP response', async () => {
    const payload = interactionPayload(2, 2, '300000000000000002', {
      name: 'specs',
      options: [{ name: 'machine', type: 3, value: 'no-such-machine' }],
    });
    const response = await postSigned(payload);
    const callback = (await response.json()) as { type: number; data: { flags: number } };
    expect(callback.type).toBe(4);
    expect(callback.data.flags & 64).toBe(64);
    expect(schemaErrors(schemaNames.createMessageCallback, callback)).toEqual([]);
  });

  it('an answer with a chart is deferred, then edited in with its PNG', async () => {
    const payload = interactionPayload(2, 3, '300000000000000003', {
      name: 'specs',
      options: [{ name: 'machine', type: 3, value: 'asus-ascent-gx10' }],
    });
    const response = await postSigned(payload);
    expect(await response.json()).toEqual({ type: 5, data: { flags: 0 } });
    await discord.until(() => editsFor(payload.token).length === 1);
    const body = editsFor(payload.token)[0]?.body ?? '';
    expect(body).toContain('\x89PNG');
    expect(schemaErrors(schemaNames.editOriginalResponse, editJson(body))).toEqual([]);
  });

  it('a button ("Show more"): a deferred update, then the message it is on edited to the next ranks', async () => {
    const payload = buttonPayload(4, '300000000000000004', recommendMoreId({ model: 'llama-3.3-70b' }, 5) ?? '');
    const response = await postSigned(payload);
    expect(await response.json()).toEqual({ type: 6 });
    await discord.until(() => editsFor(payload.token).length === 1);
    const message = editJson(editsFor(payload.token)[0]?.body ?? '');
    expect(schemaErrors(schemaNames.editOriginalResponse, message)).toEqual([]);
    expect(JSON.stringify(message)).toMatch(/#6\b/); // ranks from 6 on
  });

  it('autocomplete: choices in the response, valid by the schema', async () => {
    const payload = interactionPayload(4, 5, '300000000000000005', {
      name: 'specs',
      options: [{ name: 'machine', type: 3, value: 'ascent', focused: true }],
    });
    const response = await postSigned(payload);
    const callback = (await response.json()) as { type: number; data: { choices: { value: string }[] } };
    expect(callback.type).toBe(8);
    expect(schemaErrors(schemaNames.autocompleteCallback, callback)).toEqual([]);
    expect(callback.data.choices.map((choice) => choice.value)).toContain('asus-ascent-gx10');
  });

  // Last: it shuts the endpoint down.
  it('SIGTERM while an answer is deferred: the edit still goes out, new interactions are refused, then exit 0 (D2)', async () => {
    discord.inject({ route: /^PATCH \/api\/v10\/webhooks\//, delayMs: 800 });
    const payload = interactionPayload(2, 6, '300000000000000006', {
      name: 'recommend',
      options: [{ name: 'model', type: 3, value: 'llama-3.3-70b' }],
    });
    const response = await postSigned(payload);
    expect(await response.json()).toEqual({ type: 5, data: { flags: 0 } });
    await discord.until(() => editsFor(payload.token).length === 1); // arrived; its answer is 800 ms away
    signals.emit('SIGTERM');
    expect(signals.exitCode).toBeUndefined();
    expect((await fetch(`${base}/healthz`)).status).toBe(503);
    const late = await postSigned(
      interactionPayload(2, 7, '300000000000000007', {
        name: 'specs',
        options: [{ name: 'machine', type: 3, value: 'asus-ascent-gx10' }],
      }),
    );
    expect(late.status).toBe(503);
    await discord.until(() => signals.exitCode !== undefined, 5000);
    expect(signals.exitCode).toBe(0);
    expect(log.entries().find((entry) => entry.msg === 'drained')).toMatchObject({ finished: 1, abandoned: 0 });
  });
});
