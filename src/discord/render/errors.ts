/** Ephemeral answers for a mistake in what the user asked, and for a bug on our side. */
import { EmbedBuilder } from 'discord.js';
import type { UserError } from '../../advisor/index.ts';
import { discordLimits, embedField, truncate } from '../limits.ts';
import { code, colours, escapeUserText } from './format.ts';
import { replyPayload, type ReplyPayload } from './payload.ts';

const maxSuggestions = 10;

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** What was wrong (the user's own words escaped) and what they could ask instead. */
export function renderUserError(error: UserError): ReplyPayload {
  const embed = new EmbedBuilder()
    .setColor(colours.error)
    .setTitle("Can't answer that")
    .setDescription(truncate(`${escapeUserText(capitalise(error.message))}.`.replace(/\.\.$/, '.'), discordLimits.embedDescription));
  const suggestions = error.suggestions.slice(0, maxSuggestions);
  if (suggestions.length > 0) embed.addFields(embedField('Try one of these', suggestions.map((suggestion) => code(truncate(suggestion, 100))).join(' · ')));
  return replyPayload([embed], { ephemeral: true });
}

export function renderUnexpectedError(): ReplyPayload {
  const embed = new EmbedBuilder()
    .setColor(colours.error)
    .setTitle('Something went wrong')
    .setDescription('Something went wrong on our side while answering. It has been logged; please try again in a moment.');
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
    .setDescription(`You can ask again in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}: a short pause between commands keeps the bot quick for everyone.`);
  return replyPayload([embed], { ephemeral: true });
}
