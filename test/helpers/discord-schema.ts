/**
 * Discord's own OpenAPI description (../shared/discord-api-spec/openapi.json) as JSON
 * Schema validators: what the bot sends is checked against what Discord documents,
 * without reaching Discord. Schemas are compiled once, on first use.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

export const openApiPath = path.resolve('..', 'shared', 'discord-api-spec', 'openapi.json');

/** The schema names this project validates against, as openapi.json spells them. */
export const schemaNames = {
  commandCreate: 'ApplicationCommandCreateRequest',
  /** The first response to a slash command or button: type 4 with message data. */
  createMessageCallback: 'CreateMessageInteractionCallbackRequest',
  /** A button answered by editing its message: type 7. */
  updateMessageCallback: 'UpdateMessageInteractionCallbackRequest',
  /** editReply after a defer: PATCH /webhooks/{application_id}/{token}/messages/@original. */
  editOriginalResponse: 'IncomingWebhookUpdateRequestPartial',
  autocompleteCallback: 'ApplicationCommandAutocompleteCallbackRequest',
  embed: 'RichEmbed',
} as const;

// ajv-formats is CommonJS: under NodeNext its default import is the module, whose `default` is the plugin.
const addFormats = addFormatsModule.default;

let compiler: Ajv2020 | undefined;
const validators = new Map<string, ValidateFunction>();

function ajv(): Ajv2020 {
  if (compiler) return compiler;
  const document: unknown = JSON.parse(readFileSync(openApiPath, 'utf8'));
  compiler = new Ajv2020({ strict: false, allErrors: true });
  addFormats(compiler);
  compiler.addFormat('snowflake', /^\d+$/);
  compiler.addSchema(document as object, 'openapi.json');
  return compiler;
}

export function validatorFor(schemaName: string): ValidateFunction {
  let validate = validators.get(schemaName);
  if (!validate) {
    validate = ajv().getSchema(`openapi.json#/components/schemas/${schemaName}`);
    if (!validate) throw new Error(`openapi.json has no schema ${schemaName}`);
    validators.set(schemaName, validate);
  }
  return validate;
}

/** Every way the value breaks the schema, as "path: message"; empty when it validates. */
export function schemaErrors(schemaName: string, value: unknown): string[] {
  const validate = validatorFor(schemaName);
  if (validate(value)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || '/'}: ${error.message ?? error.keyword}`);
}

/**
 * The schema's known gap: it types `default_member_permissions` as an integer, while
 * Discord and discord.js send a string of digits. Digit strings become numbers before checking.
 */
export function withPermissionsAsInteger<T extends { default_member_permissions?: string | null }>(
  definition: T,
): Omit<T, 'default_member_permissions'> & { default_member_permissions?: number | null } {
  const { default_member_permissions: permissions, ...rest } = definition;
  if (permissions === undefined) return rest;
  if (permissions === null) return { ...rest, default_member_permissions: null };
  if (!/^\d+$/.test(permissions))
    throw new Error(`default_member_permissions "${permissions}" is not a string of digits`);
  return { ...rest, default_member_permissions: Number(permissions) };
}

/** A reply payload as each way the router can deliver it, checked against Discord's schemas. */
export interface PayloadLike {
  content?: string;
  embeds: unknown[];
  components?: unknown[];
  allowed_mentions: unknown;
  flags?: number;
}

export function deliveryErrors(payload: PayloadLike): string[] {
  const { flags: _flags, ...withoutFlags } = payload;
  return [
    ...schemaErrors(schemaNames.createMessageCallback, { type: 4, data: payload }).map((error) => `reply ${error}`),
    ...schemaErrors(schemaNames.editOriginalResponse, withoutFlags).map((error) => `editReply ${error}`),
    ...schemaErrors(schemaNames.updateMessageCallback, { type: 7, data: withoutFlags }).map(
      (error) => `update ${error}`,
    ),
  ];
}
