/** The reply payload every renderer returns: Discord's own JSON, checked against its limits. */
import { ActionRowBuilder, ButtonBuilder, ButtonStyle, StringSelectMenuBuilder, type EmbedBuilder } from 'discord.js';
import {
  MessageFlags,
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
} from 'discord-api-types/v10';
import { discordLimits, fitEmbeds, truncate } from '../limits.ts';

export interface ReplyPayload {
  content?: string;
  embeds: APIEmbed[];
  components?: APIActionRowComponent<APIComponentInMessageActionRow>[];
  /** Always empty: nothing the bot says pings anyone, whatever text it echoes. */
  allowed_mentions: { parse: [] };
  flags?: MessageFlags.Ephemeral;
  /** Uploaded with the message (a chart), referenced from an embed as attachment://name. */
  files?: { name: string; data: Buffer; description: string }[];
}

export interface ButtonSpec {
  customId: string | undefined;
  label: string;
  style?: ButtonStyle.Primary | ButtonStyle.Secondary;
}

/** A button, or nothing when its custom_id could not be made within the limits. */
function button(spec: ButtonSpec): ButtonBuilder | undefined {
  if (spec.customId === undefined || spec.customId.length === 0 || spec.customId.length > discordLimits.customId)
    return undefined;
  return new ButtonBuilder()
    .setCustomId(spec.customId)
    .setLabel(truncate(spec.label, discordLimits.buttonLabel))
    .setStyle(spec.style ?? ButtonStyle.Secondary);
}

/**
 * A menu whose option values are button custom_ids: choosing one runs that action, so a
 * menu needs no state of its own ("details of #3", "compare #2 with #4").
 */
export interface MenuSpec {
  customId: string;
  placeholder: string;
  options: readonly { label: string; description?: string; value: string | undefined }[];
}

function menuRow(spec: MenuSpec): APIActionRowComponent<APIComponentInMessageActionRow> | undefined {
  const seen = new Set<string>();
  const options = spec.options.flatMap((option) => {
    const { value } = option;
    if (value === undefined || value.length === 0 || value.length > discordLimits.customId || seen.has(value))
      return [];
    seen.add(value);
    return [
      {
        label: truncate(option.label, discordLimits.selectOptionText),
        value,
        ...(option.description ? { description: truncate(option.description, discordLimits.selectOptionText) } : {}),
      },
    ];
  });
  if (options.length === 0) return undefined;
  const menu = new StringSelectMenuBuilder()
    .setCustomId(spec.customId)
    .setPlaceholder(truncate(spec.placeholder, discordLimits.selectPlaceholder))
    .addOptions(options.slice(0, discordLimits.selectOptions));
  return new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(menu).toJSON();
}

function rowsOf(
  buttons: readonly ButtonBuilder[],
  menus: readonly APIActionRowComponent<APIComponentInMessageActionRow>[] = [],
): APIActionRowComponent<APIComponentInMessageActionRow>[] {
  const rows: APIActionRowComponent<APIComponentInMessageActionRow>[] = [...menus.slice(0, discordLimits.actionRows)];
  for (
    let start = 0;
    start < buttons.length && rows.length < discordLimits.actionRows;
    start += discordLimits.buttonsPerRow
  ) {
    rows.push(
      new ActionRowBuilder<ButtonBuilder>()
        .addComponents(buttons.slice(start, start + discordLimits.buttonsPerRow))
        .toJSON(),
    );
  }
  return rows;
}

export function replyPayload(
  embeds: readonly EmbedBuilder[],
  options: { buttons?: readonly ButtonSpec[]; menus?: readonly MenuSpec[]; ephemeral?: boolean } = {},
): ReplyPayload {
  const seen = new Set<string>();
  const buttons = (options.buttons ?? []).flatMap((spec) => {
    const built = button(spec);
    if (!built || spec.customId === undefined || seen.has(spec.customId)) return [];
    seen.add(spec.customId);
    return [built];
  });
  const menus = (options.menus ?? []).flatMap((spec) => menuRow(spec) ?? []);
  const components = rowsOf(buttons, menus);
  return {
    embeds: fitEmbeds(embeds.map((embed) => embed.toJSON())),
    ...(components.length > 0 ? { components } : {}),
    allowed_mentions: { parse: [] },
    ...(options.ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
  };
}
