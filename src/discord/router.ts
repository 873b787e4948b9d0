/**
 * The one error boundary between discord.js and the commands. Slash commands and buttons
 * run a command and answer with its rendering; a mistake the user made gets an ephemeral
 * explanation; a bug is logged (interactionId, command, userId, durationMs) and answered
 * with an ephemeral apology; autocomplete answers from memory and on error only logs.
 * Nothing thrown here reaches discord.js.
 */
import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  StringSelectMenuInteraction,
  CommandInteractionOption,
  Interaction,
} from 'discord.js';
import { DiscordAPIError, RateLimitError } from 'discord.js';
import type { APIApplicationCommandOptionChoice } from 'discord-api-types/v10';
import type { Command, CommandContext, CommandResult, OptionValues } from '../../commands/index.ts';
import { withChartFor } from './render/chart.ts';
import type { ReplyPayload } from './render/payload.ts';
import type { Advisor } from '../advisor/index.ts';
import type { Logger } from '../logger.ts';
import { parseCustomId, resolveButtonAction } from './custom-ids.ts';
import { discordLimits, truncate } from './limits.ts';
import {
  renderCommandResult,
  renderCooldown,
  renderStaleButton,
  renderUnexpectedError,
  renderUserError,
} from './render/index.ts';
import { Responder, type ResponseMode } from './responder.ts';
import { Cooldown, type CooldownVerdict } from './cooldown.ts';
import { WorkGate } from './work-gate.ts';
import type { AdvisorStore } from '../advisor/store.ts';

export interface InteractionHandlerOptions {
  /** The advisor to answer from; with a store, whatever it currently serves (reloads included). */
  advisor: Advisor;
  store?: AdvisorStore;
  logger: Logger;
  commands: ReadonlyMap<string, Command>;
  /** Seconds a user waits between commands (autocomplete is never limited); 0 turns it off. */
  cooldownSeconds?: number;
  /** For tests: the clock the cooldown reads. */
  now?: () => number;
}

export type InteractionHandler = (interaction: Interaction) => Promise<void>;

interface Scope {
  commands: ReadonlyMap<string, Command>;
  context: CommandContext;
  log: Logger;
  /** Milliseconds since the interaction arrived. */
  elapsed: () => number;
  /** Whether this user may run a command now. */
  admit: (userId: string) => CooldownVerdict;
  /** Heavy work one at a time, after the acknowledgements (D4). */
  gate: WorkGate;
}

/** Option values by name, as the commands read them (subcommand options flattened). */
export function optionValuesOf(data: readonly CommandInteractionOption[]): OptionValues {
  const values: Record<string, string | number | boolean> = {};
  for (const option of data) {
    if (option.options) Object.assign(values, optionValuesOf(option.options));
    else if (typeof option.value === 'string' || typeof option.value === 'number' || typeof option.value === 'boolean')
      values[option.name] = option.value;
  }
  return values;
}

/** At most 25 choices, names within 100 characters; a value too long to send is left out. */
export function limitChoices(
  choices: readonly APIApplicationCommandOptionChoice<string>[],
): APIApplicationCommandOptionChoice<string>[] {
  return choices
    .filter((choice) => choice.value.length <= discordLimits.choiceValue)
    .slice(0, discordLimits.choices)
    .map((choice) => ({ name: truncate(choice.name, discordLimits.choiceName), value: choice.value }));
}

function commandNameOf(interaction: Interaction): string | undefined {
  if (interaction.isChatInputCommand() || interaction.isAutocomplete()) return interaction.commandName;
  if (interaction.isButton()) return parseCustomId(interaction.customId)?.command ?? 'unknown-button';
  if (interaction.isStringSelectMenu()) return parseCustomId(interaction.values[0] ?? '')?.command ?? 'unknown-button';
  return undefined;
}

const commandList = (commands: ReadonlyMap<string, Command>) => [...commands.keys()];

/** Runs the command and answers; user errors and bugs end here as ephemeral replies. */
async function runAndAnswer(
  scope: Scope,
  command: Command,
  options: OptionValues,
  responder: Responder,
  mode: ResponseMode,
): Promise<void> {
  const { log } = scope;
  try {
    // Busy: others' work is queued ahead, so acknowledge now rather than after it (D4).
    if (command.defer || scope.gate.busy) await scope.gate.acknowledging(responder.defer(mode));
    const answer = await scope.gate.run(() => {
      const outcome = command.run(options, scope.context);
      return outcome.ok
        ? {
            ok: true as const,
            payload: withChartIfAny(scope, renderCommandResult(outcome.value, options), outcome.value, options),
          }
        : outcome;
    });
    if (!answer.ok) {
      log.info({ durationMs: scope.elapsed(), problem: answer.error.message }, 'answered a user error');
      await responder.sendEphemeral(
        renderUserError(answer.error, { command: command.name, options, advisor: scope.context.advisor }),
      );
      return;
    }
    await responder.send(answer.payload, mode);
    log.info({ durationMs: scope.elapsed() }, 'answered');
  } catch (error) {
    const lost = lostInteraction(error);
    if (lost) {
      // Nothing more can be sent on it: a second callback would fail the same way.
      log.warn({ reason: lost, durationMs: scope.elapsed() }, 'interaction not answered');
      return;
    }
    log.error({ err: error, durationMs: scope.elapsed() }, 'command failed');
    await responder
      .sendEphemeral(renderUnexpectedError())
      .catch((sendError: unknown) =>
        log.error({ err: sendError, durationMs: scope.elapsed() }, 'could not send the error reply'),
      );
  }
}

/** Discord's codes for a callback too late (past 3 s) and for a second callback. */
export const lostInteractionCodes = { 10062: "expired: past Discord's 3 s", 40060: 'already acknowledged' } as const;

/**
 * Why an interaction can no longer be answered, when that is what the error says: the
 * normal result of a delay, not a bug. A rate-limited callback is rejected rather than
 * waited out (see createClient), since waiting would only end in 10062.
 */
export function lostInteraction(error: unknown): string | undefined {
  if (error instanceof RateLimitError) return `rate limited (retry after ${error.retryAfter} ms), not retried`;
  if (error instanceof DiscordAPIError && typeof error.code === 'number' && error.code in lostInteractionCodes) {
    return lostInteractionCodes[error.code as keyof typeof lostInteractionCodes];
  }
  return undefined;
}

/** A polite ephemeral answer when the user is within the cooldown; true when they may go on. */
async function admitted(scope: Scope, userId: string, responder: Responder): Promise<boolean> {
  const verdict = scope.admit(userId);
  if (verdict.ok) return true;
  scope.log.info({ durationMs: scope.elapsed(), retryAfterSeconds: verdict.retryAfterSeconds }, 'cooldown');
  await responder.sendEphemeral(renderCooldown(verdict.retryAfterSeconds));
  return false;
}

/** The reply with its chart attached; a chart that fails to render is logged and left out. */
function withChartIfAny(
  scope: Scope,
  payload: ReplyPayload,
  answer: CommandResult,
  options: OptionValues,
): ReplyPayload {
  try {
    return withChartFor(scope.context.advisor, answer, options, payload);
  } catch (error) {
    scope.log.error({ err: error, durationMs: scope.elapsed() }, 'chart failed; answering without it');
    return payload;
  }
}

async function handleChatInput(scope: Scope, interaction: ChatInputCommandInteraction): Promise<void> {
  const responder = new Responder({ target: interaction, logger: scope.log });
  if (!(await admitted(scope, interaction.user.id, responder))) return;
  const command = scope.commands.get(interaction.commandName);
  if (!command) {
    scope.log.warn({ durationMs: scope.elapsed() }, 'unknown command (deploy-commands out of date?)');
    await responder.sendEphemeral(
      renderUserError({
        message: `unknown command /${interaction.commandName}`,
        suggestions: commandList(scope.commands).map((name) => `/${name}`),
      }),
    );
    return;
  }
  if (!permitted(command, interaction)) {
    scope.log.warn(
      { durationMs: scope.elapsed(), inGuild: interaction.inGuild() },
      'refused: the command needs its registered permissions',
    );
    await responder.sendEphemeral(
      renderUserError({
        message: `/${command.name} runs only in a server, for members with the permissions it was registered with (Manage Server)`,
        suggestions: [],
      }),
    );
    return;
  }
  await runAndAnswer(
    scope,
    command,
    optionValuesOf(interaction.options.data),
    responder,
    command.ephemeral ? 'ephemeral' : 'reply',
  );
}

/**
 * Defence in depth for commands registered with default_member_permissions (/catalog):
 * server admins can override the registration and a stale one may lack it, so the
 * handler itself checks the guild and the member's permissions.
 */
function permitted(command: Command, interaction: ChatInputCommandInteraction): boolean {
  const required = command.definition.default_member_permissions;
  if (required === undefined || required === null) return true;
  return interaction.inGuild() && interaction.memberPermissions.has(BigInt(required));
}

/** Whether the button's message answers this very user (their command, or a button they pressed). */
function ownAnswer(interaction: ButtonInteraction | StringSelectMenuInteraction): boolean {
  // Optional: an interaction built by hand (a bench, a stand-in) may carry no message.
  return interaction.message?.interactionMetadata?.user.id === interaction.user.id;
}

/** A button, or a menu whose chosen value is a button's custom_id (render/payload.ts MenuSpec). */
async function handleButton(
  scope: Scope,
  interaction: ButtonInteraction | StringSelectMenuInteraction,
  customId = interaction.customId,
): Promise<void> {
  const responder = new Responder({ target: interaction, updateTarget: interaction, logger: scope.log });
  // Turning the pages of one's own answer is part of reading it: the cooldown is for new questions.
  if (!ownAnswer(interaction) && !(await admitted(scope, interaction.user.id, responder))) return;
  const parsed = parseCustomId(customId);
  const action =
    parsed &&
    resolveButtonAction(
      parsed,
      scope.context.advisor.catalog.machines.map((machine) => machine.id),
    );
  const command = action ? scope.commands.get(action.command) : undefined;
  if (!action || !command) {
    scope.log.warn({ customId, durationMs: scope.elapsed() }, 'a button this version does not know');
    await responder.sendEphemeral(renderStaleButton(commandList(scope.commands)));
    return;
  }
  await runAndAnswer(scope, command, action.options, responder, action.response);
}

/** Choices from memory; on error log, and send an empty list if nothing was sent yet. */
async function handleAutocomplete(scope: Scope, interaction: AutocompleteInteraction): Promise<void> {
  let responded = false;
  try {
    const focused = interaction.options.getFocused(true);
    const command = scope.commands.get(interaction.commandName);
    const choices = command?.autocomplete?.(focused.name, String(focused.value), scope.context) ?? [];
    await scope.gate.acknowledging(interaction.respond(limitChoices(choices)));
    responded = true;
  } catch (error) {
    const lost = lostInteraction(error);
    if (lost) {
      scope.log.warn({ reason: lost, durationMs: scope.elapsed() }, 'autocomplete not answered');
      return;
    }
    scope.log.error({ err: error, durationMs: scope.elapsed() }, 'autocomplete failed');
    if (!responded) {
      await interaction
        .respond([])
        .catch((respondError: unknown) =>
          scope.log.warn({ err: respondError }, 'could not send empty autocomplete choices'),
        );
    }
  }
}

export function createInteractionHandler({
  advisor,
  store,
  logger,
  commands,
  cooldownSeconds = 0,
  now = Date.now,
}: InteractionHandlerOptions): InteractionHandler {
  const cooldown = new Cooldown(cooldownSeconds);
  const admit = (userId: string) => cooldown.hit(userId, now());
  const gate = new WorkGate();
  return async (interaction) => {
    // Read the store per interaction: a reload swaps the advisor between two of them.
    const context: CommandContext = store ? { advisor: store.current(), store } : { advisor };
    const startedAt = performance.now();
    const elapsed = () => Math.round(performance.now() - startedAt);
    let log = logger;
    try {
      log = logger.child({
        interactionId: interaction.id,
        command: commandNameOf(interaction),
        userId: interaction.user.id,
      });
      const scope: Scope = { commands, context, log, elapsed, admit, gate };
      if (interaction.isChatInputCommand()) await handleChatInput(scope, interaction);
      else if (interaction.isAutocomplete()) await handleAutocomplete(scope, interaction);
      else if (interaction.isButton()) await handleButton(scope, interaction);
      else if (interaction.isStringSelectMenu()) await handleButton(scope, interaction, interaction.values[0] ?? '');
      else log.debug({ type: interaction.type }, 'ignored an interaction type the bot does not use');
    } catch (error) {
      // The handlers catch their own errors; this is the last guard, so nothing reaches discord.js.
      try {
        log.error({ err: error, durationMs: elapsed() }, 'interaction failed');
      } catch {
        // A logger that throws must not take the process down either.
      }
    }
  };
}
