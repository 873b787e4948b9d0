/**
 * Discord signs every request to an Interactions Endpoint URL with the application's
 * Ed25519 key: `X-Signature-Ed25519` (hex) over `X-Signature-Timestamp` + the raw body.
 * The portal gives the public key as 64 hex digits, which node:crypto takes as a JWK.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';

/** A request signed longer ago than this (or this far ahead) is a replay, not Discord asking now. */
export const maxSignatureAgeSeconds = 300;

export type SignatureVerdict = { ok: true } | { ok: false; reason: string };

/** The developer portal's "Public Key" (32 bytes as hex) as a key node:crypto can verify with. */
export function publicKeyFromHex(hex: string): KeyObject {
  if (!/^[0-9a-f]{64}$/i.test(hex)) throw new Error('an Ed25519 public key is 64 hex digits');
  return createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(hex, 'hex').toString('base64url') },
    format: 'jwk',
  });
}

export function verifySignature(
  key: KeyObject,
  signatureHex: string | undefined,
  timestamp: string | undefined,
  rawBody: Buffer,
  nowSeconds = Math.floor(Date.now() / 1000),
): SignatureVerdict {
  if (signatureHex === undefined || timestamp === undefined) return { ok: false, reason: 'unsigned' };
  // Ed25519 signatures are 64 bytes; Buffer.from(…, 'hex') would silently drop a bad digit.
  if (!/^[0-9a-f]{128}$/i.test(signatureHex)) return { ok: false, reason: 'malformed signature' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'malformed timestamp' };
  if (Math.abs(nowSeconds - Number(timestamp)) > maxSignatureAgeSeconds)
    return { ok: false, reason: 'stale timestamp' };
  const signed = Buffer.concat([Buffer.from(timestamp, 'utf8'), rawBody]);
  return verify(null, signed, key, Buffer.from(signatureHex, 'hex'))
    ? { ok: true }
    : { ok: false, reason: 'bad signature' };
}
