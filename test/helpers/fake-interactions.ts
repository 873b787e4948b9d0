/**
 * Minimal fake interactions: only what the router calls, each call recorded. This file
 * holds the one cast from a fake to discord.js's Interaction; everything else is typed.
 */
import type {
  InteractionDeferReplyOptions,
  InteractionEditReplyOptions,
  InteractionReplyOptions,
  InteractionUpdateOptions,
  ApplicationCommandOptionChoiceData,
  Interaction,
} from 'discord.js';
import { ApplicationCommandOptionType, InteractionType } from 'discord-api-types/v10';
import { z } from 'zod';

export type CallName =
  'deferReply' | 'deferUpdate' | 'reply' | 'editReply' | 'followUp' | 'deleteReply' | 'update' | 'respond';

export interface RecordedCall {
  method: CallName;
  options?:
    | InteractionReplyOptions
    | InteractionEditReplyOptions
    | InteractionUpdateOptions
    | InteractionDeferReplyOptions
    | ApplicationCommandOptionChoiceData[];
}

export interface FakeOptions {
  /** Methods that reject, as Discord would on an expired interaction. */
  failing?: CallName[];
  /** What a failing method rejects with (default: a plain Error). */
  failWith?: (method: CallName) => unknown;
  userId?: string;
  /** The member's permission bits in the guild (default: all); `'dm'` for a direct message. */
  permissions?: bigint | 'dm';
  /** Buttons and menus: the user whose command made the message they are on (its interaction_metadata). */
  answerTo?: string;
}

interface Recorder {
  calls: RecordedCall[];
  record: (method: CallName) => (options?: RecordedCall['options']) => Promise<void>;
}

function recorder(
  failing: readonly CallName[] = [],
  failWith: (method: CallName) => unknown = (method) => new Error(`fake ${method} failed`),
): Recorder {
  const calls: RecordedCall[] = [];
  return {
    calls,
    record: (method) => async (options) => {
      calls.push(options === undefined ? { method } : { method, options });
      if (failing.includes(method)) throw failWith(method);
    },
  };
}

let nextId = 1_000_000_000_000_000_000n;
const snowflake = () => String((nextId += 1n));

/** The message a button or menu is on, as discord.js reads it: who asked for it. */
const messageOf = (options: FakeOptions) => ({
  message:
    options.answerTo === undefined
      ? { interactionMetadata: null }
      : { interactionMetadata: { user: { id: options.answerTo } } },
});

function base(type: InteractionType, options: FakeOptions) {
  const permissions = options.permissions ?? ~0n;
  const memberPermissions = permissions === 'dm' ? null : { has: (bits: bigint) => (permissions & bits) === bits };
  return {
    id: snowflake(),
    type,
    user: { id: options.userId ?? '200000000000000001' },
    inGuild: () => permissions !== 'dm',
    memberPermissions,
  };
}

const kinds = (kind: 'chat' | 'autocomplete' | 'button' | 'select') => ({
  isChatInputCommand: () => kind === 'chat',
  isAutocomplete: () => kind === 'autocomplete',
  isButton: () => kind === 'button',
  isStringSelectMenu: () => kind === 'select',
});

function repliable(record: Recorder['record']) {
  return {
    deferReply: record('deferReply'),
    reply: record('reply'),
    editReply: record('editReply'),
    followUp: record('followUp'),
    deleteReply: record('deleteReply'),
  };
}

/** The one cast: a fake that implements what the router uses, seen as a discord.js interaction. */
function asInteraction(fake: object): Interaction {
  return fake as Interaction;
}

export type OptionValue = string | number | boolean;

const optionType = (value: OptionValue) =>
  typeof value === 'string'
    ? ApplicationCommandOptionType.String
    : typeof value === 'boolean'
      ? ApplicationCommandOptionType.Boolean
      : Number.isInteger(value)
        ? ApplicationCommandOptionType.Integer
        : ApplicationCommandOptionType.Number;

export function fakeChatInput(
  commandName: string,
  values: Record<string, OptionValue> = {},
  options: FakeOptions = {},
) {
  const { calls, record } = recorder(options.failing, options.failWith);
  const data = Object.entries(values).map(([name, value]) => ({ name, type: optionType(value), value }));
  const fake = {
    ...base(InteractionType.ApplicationCommand, options),
    ...kinds('chat'),
    commandName,
    options: { data },
    ...repliable(record),
  };
  return { interaction: asInteraction(fake), calls };
}

export function fakeButton(customId: string, options: FakeOptions = {}) {
  const { calls, record } = recorder(options.failing, options.failWith);
  const fake = {
    ...base(InteractionType.MessageComponent, options),
    ...kinds('button'),
    ...messageOf(options),
    customId,
    ...repliable(record),
    deferUpdate: record('deferUpdate'),
    update: record('update'),
  };
  return { interaction: asInteraction(fake), calls };
}

/** A string select menu with one option chosen. */
export function fakeSelect(customId: string, value: string, options: FakeOptions = {}) {
  const { calls, record } = recorder(options.failing);
  const fake = {
    ...base(InteractionType.MessageComponent, options),
    ...kinds('select'),
    ...messageOf(options),
    customId,
    values: [value],
    ...repliable(record),
    deferUpdate: record('deferUpdate'),
    update: record('update'),
  };
  return { interaction: asInteraction(fake), calls };
}

export function fakeAutocomplete(
  commandName: string,
  focused: { name: string; value: string },
  options: FakeOptions = {},
) {
  const { calls, record } = recorder(options.failing, options.failWith);
  const getFocused = () => ({ ...focused, type: ApplicationCommandOptionType.String, focused: true });
  const fake = {
    ...base(InteractionType.ApplicationCommandAutocomplete, options),
    ...kinds('autocomplete'),
    commandName,
    options: { getFocused },
    respond: record('respond'),
  };
  return { interaction: asInteraction(fake), calls };
}

/** What a recorded call sent, read back as plain JSON (the fields the tests look at). */
const SentMessage = z.object({
  content: z.string().optional(),
  embeds: z
    .array(
      z.object({
        title: z.string().optional(),
        description: z.string().optional(),
        fields: z.array(z.object({ name: z.string(), value: z.string() })).default([]),
        footer: z.object({ text: z.string() }).optional(),
      }),
    )
    .default([]),
  components: z
    .array(
      z.object({
        components: z.array(
          z.object({
            custom_id: z.string().optional(),
            label: z.string().optional(),
            options: z.array(z.object({ label: z.string(), value: z.string() })).optional(),
          }),
        ),
      }),
    )
    .default([]),
  allowedMentions: z.object({ parse: z.array(z.string()) }).optional(),
  flags: z.number().optional(),
});

/**
 * Attached files are left out: a Buffer turns into JSON as an array of its bytes, tens of
 * megabytes of garbage for one chart, which the serving probe would count as the bot's.
 */
export function sentMessage(call: RecordedCall | undefined) {
  return SentMessage.parse(
    JSON.parse(JSON.stringify(call?.options ?? {}, (key, value: unknown) => (key === 'files' ? undefined : value))),
  );
}

export const methodsOf = (calls: readonly RecordedCall[]): CallName[] => calls.map((call) => call.method);

export function buttonsOf(call: RecordedCall | undefined): { label: string; customId: string }[] {
  return sentMessage(call).components.flatMap((row) =>
    row.components.map((button) => ({ label: button.label ?? '', customId: button.custom_id ?? '' })),
  );
}

/** The options of the select menu with this custom_id. */
export function menuOptionsOf(call: RecordedCall | undefined, customId: string): { label: string; value: string }[] {
  return sentMessage(call).components.flatMap((row) =>
    row.components
      .filter((component) => component.custom_id === customId)
      .flatMap((component) => component.options ?? []),
  );
}
