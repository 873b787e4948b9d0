/** Ephemeral answers for a mistake in what the user asked, and for a bug on our side. */
import { EmbedBuilder } from 'discord.js';
import type { OptionValues } from '../../../commands/index.ts';
import type { Advisor, UserError } from '../../advisor/index.ts';
import { machineLabel, modelLabel } from '../../format/index.ts';
import { comparePairId, recommendRunId, specsOneId } from '../custom-ids.ts';
import { discordLimits, embedField, truncate } from '../limits.ts';
import { code, colours, escapeCatalogText, escapeUserText } from './format.ts';
import { replyPayload, type ButtonSpec, type ReplyPayload } from './payload.ts';

const maxSuggestions = 10;

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The question that failed, so a suggestion can be offered as that question with it put in. */
export interface Retry {
  command: string;
  options: OptionValues;
  advisor: Advisor;
}

interface Suggestion {
  /** The line in the list: a name and price, a model and its size, or the text itself. */
  line: string;
  button?: ButtonSpec;
}

/** The machine option a suggestion replaces: the one whose value is not a catalog machine. */
function badMachineOption(retry: Retry): 'machine' | 'machine_a' | 'machine_b' | undefined {
  const known = (name: string) =>
    typeof retry.options[name] === 'string' &&
    retry.advisor.catalog.machine(String(retry.options[name]).trim()) !== undefined;
  if (retry.command === 'specs') return 'machine';
  if (retry.command !== 'compare') return undefined;
  return !known('machine_a') ? 'machine_a' : !known('machine_b') ? 'machine_b' : undefined;
}

/** The question again with `value` in place of what went wrong, as a button id. */
function retryId(retry: Retry, kind: 'machine' | 'model', value: string): string | undefined {
  const { options } = retry;
  const option = kind === 'model' ? 'model' : badMachineOption(retry);
  if (!option) return undefined;
  const asked = { ...options, [option]: value };
  const { machine, machine_a: machineA, machine_b: machineB, ...rest } = asked;
  if (retry.command === 'recommend') return kind === 'model' ? recommendRunId(asked) : undefined;
  if (retry.command === 'specs' && typeof machine === 'string') return specsOneId(machine.trim(), rest);
  if (retry.command === 'compare' && typeof machineA === 'string' && typeof machineB === 'string')
    return comparePairId(machineA.trim(), machineB.trim(), rest);
  return undefined;
}

function suggestionOf(text: string, retry: Retry | undefined): Suggestion {
  const catalog = retry?.advisor.catalog;
  const machine = catalog?.machine(text);
  if (retry && catalog && machine) {
    const price = catalog.buyerPrice(machine).eur;
    return {
      line: `• ${escapeCatalogText(machineLabel(machine.name, price))}`,
      // The name is shortened before the price is: the price is what tells variants apart at a glance.
      button: {
        customId: retryId(retry, 'machine', machine.id),
        label: machineLabel(machine.name, price, discordLimits.buttonLabel),
      },
    };
  }
  const model = catalog?.models.find((candidate) => candidate.id === text);
  if (retry && model)
    return {
      line: `• ${escapeCatalogText(modelLabel(model))}`,
      button: { customId: retryId(retry, 'model', model.id), label: modelLabel(model, discordLimits.buttonLabel) },
    };
  return { line: code(truncate(text, 100)) };
}

/**
 * What was wrong (the user's own words escaped) and what they could ask instead: machines
 * and models as buttons labelled with name and price or size, each asking the same question
 * with it (a list beside them would say every name twice); a suggestion no button could be
 * made for is listed by name; other suggestions (option names, values) as code.
 */
export function renderUserError(error: UserError, retry?: Retry): ReplyPayload {
  const suggestions = error.suggestions.slice(0, maxSuggestions).map((text) => suggestionOf(text, retry));
  const buttons = suggestions
    .flatMap((suggestion) => (suggestion.button?.customId === undefined ? [] : [suggestion.button]))
    .filter((button) => (button.customId?.length ?? 0) <= discordLimits.customId)
    .slice(0, discordLimits.buttonsPerRow);
  const asButton = new Set(buttons);
  const message = `${escapeUserText(capitalise(error.message))}.`.replace(/\.\.$/, '.');
  const embed = new EmbedBuilder()
    .setColor(colours.error)
    .setTitle("Can't answer that")
    .setDescription(
      truncate(
        buttons.length > 0 ? `${message}\n**Did you mean one of these?**` : message,
        discordLimits.embedDescription,
      ),
    );
  const named = suggestions.filter((suggestion) => suggestion.button && !asButton.has(suggestion.button));
  if (named.length > 0)
    embed.addFields(
      embedField(buttons.length > 0 ? 'Also' : 'Did you mean', named.map((suggestion) => suggestion.line).join('\n')),
    );
  const plain = suggestions.filter((suggestion) => !suggestion.button);
  if (plain.length > 0)
    embed.addFields(embedField('Try one of these', plain.map((suggestion) => suggestion.line).join(' · ')));
  return replyPayload([embed], { ephemeral: true, buttons });
}

export function renderUnexpectedError(): ReplyPayload {
  const embed = new EmbedBuilder()
    .setColor(colours.error)
    .setTitle('Something went wrong')
    .setDescription(
      'Something went wrong on our side while answering. It has been logged; please try again in a moment.',
    );
  return replyPayload([embed], { ephemeral: true });
}

/** A button made by an older version of the bot, or a custom_id nobody made. */
export function renderStaleButton(commandNames: readonly string[]): ReplyPayload {
  return renderUserError({
    message: 'this button no longer works (the bot has changed since it was made); run the command again',
    suggestions: commandNames.map((name) => `/${name}`),
  });
}

/** Asked again too soon: no error, just when to ask. */
export function renderCooldown(retryAfterSeconds: number): ReplyPayload {
  const embed = new EmbedBuilder()
    .setColor(colours.compare)
    .setTitle('One moment')
    .setDescription(
      `You can ask again in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}: a short pause between commands keeps the bot quick for everyone.`,
    );
  return replyPayload([embed], { ephemeral: true });
}
