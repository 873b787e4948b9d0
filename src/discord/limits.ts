/**
 * Discord's message limits in one table, a checker that lists every limit a payload
 * breaks, and the truncation helpers the renderers use so they never build one that does.
 * Lengths are counted in UTF-16 units, which is never less than Discord's count of characters.
 */
import type {
  APIActionRowComponent,
  APIComponentInMessageActionRow,
  APIEmbed,
  APIEmbedField,
} from 'discord-api-types/v10';

export const discordLimits = {
  content: 2000,
  embedsPerMessage: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  /** All titles, descriptions, field names and values, footers and author names of one message. */
  embedsTotal: 6000,
  actionRows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  selectOptions: 25,
  /** A select option's label and description. */
  selectOptionText: 100,
  selectPlaceholder: 150,
} as const;

export { ellipsis, truncate } from '../format/text.ts';
import { ellipsis, truncate } from '../format/text.ts';

/**
 * Lines joined by newlines within `max`: whole lines only, so markdown is never cut in
 * half; the lines that do not fit are replaced by one closing line ("… and 3 more").
 */
export function joinWithin(
  lines: readonly string[],
  max: number,
  more: (omitted: number) => string = (omitted) => `… and ${omitted} more`,
): string {
  const all = lines.join('\n');
  if (all.length <= max) return all;
  const kept: string[] = [];
  let length = 0;
  for (const [index, line] of lines.entries()) {
    const remaining = lines.length - index - 1;
    const separator = kept.length === 0 ? 0 : 1;
    const reserve = remaining > 0 ? more(remaining).length + 1 : 0;
    if (length + separator + line.length + reserve <= max) {
      kept.push(line);
      length += separator + line.length;
      continue;
    }
    const omitted = lines.length - index;
    if (kept.length === 0) return truncate(line, max);
    const closing = more(omitted);
    if (length + 1 + closing.length <= max) kept.push(closing);
    break;
  }
  return kept.join('\n');
}

/** A field within limits; Discord rejects empty names and values, so they get a placeholder. */
export function embedField(name: string, value: string, inline = false): APIEmbedField {
  return {
    name: truncate(name.trim() === '' ? '\u200b' : name, discordLimits.fieldName),
    value: truncate(value.trim() === '' ? '—' : value, discordLimits.fieldValue),
    inline,
  };
}

/** The characters of one embed that count toward the 6000 total. */
export function embedLength(embed: APIEmbed): number {
  const fields = (embed.fields ?? []).reduce((total, field) => total + field.name.length + field.value.length, 0);
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    fields +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0)
  );
}

export const totalEmbedLength = (embeds: readonly APIEmbed[]): number =>
  embeds.reduce((total, embed) => total + embedLength(embed), 0);

/** Each part clamped to its own limit (the builders throw past them; this keeps raw JSON safe too). */
function clampEmbed(embed: APIEmbed): APIEmbed {
  return {
    ...embed,
    ...(embed.title === undefined ? {} : { title: truncate(embed.title, discordLimits.embedTitle) }),
    ...(embed.description === undefined
      ? {}
      : { description: truncate(embed.description, discordLimits.embedDescription) }),
    ...(embed.fields === undefined
      ? {}
      : {
          fields: embed.fields
            .slice(0, discordLimits.embedFields)
            .map((field) => embedField(field.name, field.value, field.inline)),
        }),
    ...(embed.footer === undefined
      ? {}
      : { footer: { ...embed.footer, text: truncate(embed.footer.text, discordLimits.footerText) } }),
  };
}

/**
 * Embeds that fit one message: at most 10, each part within its limit, and the 6000
 * total kept by dropping trailing fields first (renderers put the least important last),
 * then shortening descriptions.
 */
export function fitEmbeds(embeds: readonly APIEmbed[]): APIEmbed[] {
  const fitted = embeds.slice(0, discordLimits.embedsPerMessage).map(clampEmbed);
  for (let index = fitted.length - 1; index >= 0 && totalEmbedLength(fitted) > discordLimits.embedsTotal; index -= 1) {
    const embed = fitted[index];
    if (!embed) continue;
    const fields = [...(embed.fields ?? [])];
    while (fields.length > 1 && totalEmbedLength(fitted) > discordLimits.embedsTotal) {
      fields.pop();
      fitted[index] = { ...embed, fields };
    }
  }
  for (let index = fitted.length - 1; index >= 0; index -= 1) {
    const excess = totalEmbedLength(fitted) - discordLimits.embedsTotal;
    const embed = fitted[index];
    if (excess <= 0 || !embed?.description) continue;
    const shorter = embed.description.length - excess;
    fitted[index] =
      shorter > 0
        ? { ...embed, description: truncate(embed.description, shorter) }
        : { ...embed, description: ellipsis };
  }
  return fitted;
}

export interface MessageLike {
  content?: string;
  embeds?: readonly APIEmbed[];
  components?: readonly APIActionRowComponent<APIComponentInMessageActionRow>[];
}

/** Every limit the message breaks, in words; empty when Discord would accept it. */
export function limitProblems(message: MessageLike): string[] {
  const problems: string[] = [];
  const over = (what: string, length: number, max: number) => {
    if (length > max) problems.push(`${what} is ${length} long, over ${max}`);
  };
  over('content', message.content?.length ?? 0, discordLimits.content);
  const embeds = message.embeds ?? [];
  over('embed count', embeds.length, discordLimits.embedsPerMessage);
  over('embeds in total', totalEmbedLength(embeds), discordLimits.embedsTotal);
  for (const [index, embed] of embeds.entries()) {
    over(`embeds[${index}].title`, embed.title?.length ?? 0, discordLimits.embedTitle);
    over(`embeds[${index}].description`, embed.description?.length ?? 0, discordLimits.embedDescription);
    over(`embeds[${index}].footer`, embed.footer?.text.length ?? 0, discordLimits.footerText);
    over(`embeds[${index}].fields`, embed.fields?.length ?? 0, discordLimits.embedFields);
    for (const [fieldIndex, field] of (embed.fields ?? []).entries()) {
      const where = `embeds[${index}].fields[${fieldIndex}]`;
      over(`${where}.name`, field.name.length, discordLimits.fieldName);
      over(`${where}.value`, field.value.length, discordLimits.fieldValue);
      if (field.name.trim() === '' && field.name !== '\u200b') problems.push(`${where}.name is empty`);
      if (field.value.trim() === '') problems.push(`${where}.value is empty`);
    }
  }
  const rows = message.components ?? [];
  over('action rows', rows.length, discordLimits.actionRows);
  const customIds = new Set<string>();
  for (const [rowIndex, row] of rows.entries()) {
    over(`components[${rowIndex}] buttons`, row.components.length, discordLimits.buttonsPerRow);
    for (const component of row.components) {
      if ('label' in component && component.label !== undefined)
        over(`button "${component.label}" label`, component.label.length, discordLimits.buttonLabel);
      if (!('custom_id' in component)) continue;
      over(`custom_id "${component.custom_id}"`, component.custom_id.length, discordLimits.customId);
      if (component.custom_id.length === 0) problems.push('a custom_id is empty');
      if (customIds.has(component.custom_id)) problems.push(`custom_id "${component.custom_id}" is used twice`);
      customIds.add(component.custom_id);
    }
  }
  return problems;
}
