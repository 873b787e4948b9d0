/** The reply payload every renderer returns: Discord's own JSON, checked against its limits. */
import { ActionRowBuilder, ButtonBuilder, ButtonStyle, type EmbedBuilder } from 'discord.js';
import { MessageFlags, type APIActionRowComponent, type APIButtonComponent, type APIEmbed } from 'discord-api-types/v10';
import { discordLimits, fitEmbeds, truncate } from '../limits.ts';

export interface ReplyPayload {
  content?: string;
  embeds: APIEmbed[];
  components?: APIActionRowComponent<APIButtonComponent>[];
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
  if (spec.customId === undefined || spec.customId.length === 0 || spec.customId.length > discordLimits.customId) return undefined;
  return new ButtonBuilder()
    .setCustomId(spec.customId)
    .setLabel(truncate(spec.label, discordLimits.buttonLabel))
    .setStyle(spec.style ?? ButtonStyle.Secondary);
}

function rowsOf(buttons: readonly ButtonBuilder[]): APIActionRowComponent<APIButtonComponent>[] {
  const rows: APIActionRowComponent<APIButtonComponent>[] = [];
  for (let start = 0; start < buttons.length && rows.length < discordLimits.actionRows; start += discordLimits.buttonsPerRow) {
    rows.push(new ActionRowBuilder<ButtonBuilder>().addComponents(buttons.slice(start, start + discordLimits.buttonsPerRow)).toJSON());
  }
  return rows;
}

export function replyPayload(embeds: readonly EmbedBuilder[], options: { buttons?: readonly ButtonSpec[]; ephemeral?: boolean } = {}): ReplyPayload {
  const seen = new Set<string>();
  const buttons = (options.buttons ?? []).flatMap((spec) => {
    const built = button(spec);
    if (!built || spec.customId === undefined || seen.has(spec.customId)) return [];
    seen.add(spec.customId);
    return [built];
  });
  const components = rowsOf(buttons);
  return {
    embeds: fitEmbeds(embeds.map((embed) => embed.toJSON())),
    ...(components.length > 0 ? { components } : {}),
    allowed_mentions: { parse: [] },
    ...(options.ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
  };
}
