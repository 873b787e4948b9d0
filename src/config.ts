/** The one reader of process.env: parsed and checked once, then passed around. */
import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';
import { defaultVatPercent } from './catalog/price.ts';

const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);
const snowflake = z.preprocess(
  emptyAsUndefined,
  z
    .string()
    .regex(/^\d{17,20}$/, 'a Discord id is 17-20 digits')
    .optional(),
);

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

const ConfigSchema = z.object({
  DISCORD_TOKEN: z.preprocess(emptyAsUndefined, z.string().min(50, 'looks too short for a bot token').optional()),
  DISCORD_CLIENT_ID: snowflake,
  DISCORD_GUILD_ID: snowflake,
  /** Discord's REST base, for a proxy or a local stand-in gateway (the tests use one); Discord's own when unset. */
  DISCORD_API_URL: z.preprocess(
    emptyAsUndefined,
    z
      .url({ protocol: /^https?$/ })
      // The bot token travels in every request's header: plain http only to this machine.
      .refine(
        (url) => new URL(url).protocol === 'https:' || loopbackHosts.has(new URL(url).hostname),
        'plain http:// only to 127.0.0.1, ::1 or localhost; use https:// (the token would travel in clear)',
      )
      .optional(),
  ),
  /** The application's Ed25519 public key (developer portal → General Information), for `--http`. */
  DISCORD_PUBLIC_KEY: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, "the portal's Public Key is 64 hex digits")
      .optional(),
  ),
  /** The port `npm start -- --http` serves /interactions and /healthz on. */
  INTERACTIONS_PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(65535).default(8080)),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CATALOG_DIR: z.preprocess(emptyAsUndefined, z.string().default('data')),
  /** Seconds a user waits between commands in Discord; 0 turns the cooldown off. */
  COOLDOWN_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number().min(0).max(3600).default(3)),
  /** Reload data/ when its files change (Discord mode). */
  WATCH_CATALOG: z.preprocess(
    emptyAsUndefined,
    z
      .enum(['true', 'false'])
      .default('true')
      .transform((value) => value === 'true'),
  ),
  /** EUR per kWh for running costs; default: EU household average, H1 2025 (Eurostat). */
  ELECTRICITY_EUR_PER_KWH: z.preprocess(emptyAsUndefined, z.coerce.number().positive().max(10).default(0.2872)),
  /** VAT added to US list prices so they compare with EU shelf prices; default 21 % (see src/catalog/price.ts). */
  VAT_PERCENT: z.preprocess(emptyAsUndefined, z.coerce.number().min(0).max(30).default(defaultVatPercent)),
});

export type Config = z.infer<typeof ConfigSchema>;

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

/** Parses an environment (process.env by default, after loading .env). Never throws. */
export function readConfig(environment: NodeJS.ProcessEnv = loadEnvironment()): ConfigResult {
  const parsed = ConfigSchema.safeParse(environment);
  if (parsed.success) return { ok: true, config: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
  };
}

function loadEnvironment(): NodeJS.ProcessEnv {
  loadDotenv({ quiet: true });
  return process.env;
}
