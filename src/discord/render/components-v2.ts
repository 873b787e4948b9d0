/**
 * An embed answer laid out as Discord's Components V2 (message flag IS_COMPONENTS_V2, 1 << 15):
 * one container with the embed's colour, its title and description as text, each pick a
 * section with its own button (Details) beside it, the chart as a media gallery, the footer
 * as small text, and the answer's menus and buttons below. Drawn beside the embed in
 * `npm run preview` so the two layouts can be compared at phone width; the bot sends embeds
 * (the decision and its measurements are in recommend.ts's header).
 */
import {
  ButtonStyle,
  ComponentType,
  MessageFlags,
  type APIComponentInContainer,
  type APIMessageTopLevelComponent,
} from 'discord-api-types/v10';
import { discordLimits, truncate } from '../limits.ts';
import type { ButtonSpec, ReplyPayload } from './payload.ts';

export interface ComponentsV2Payload {
  flags: MessageFlags.IsComponentsV2;
  components: APIMessageTopLevelComponent[];
  allowed_mentions: { parse: [] };
  files?: ReplyPayload['files'];
}

/** Discord's limits for a Components V2 message. */
export const componentsV2Limits = {
  /** Components in all, nested ones counted. */
  components: 40,
  /** Characters of all text displays together. */
  text: 4000,
  /** Direct children of a container. */
  containerChildren: 10,
} as const;

const text = (content: string): APIComponentInContainer => ({ type: ComponentType.TextDisplay, content });

/**
 * The payload as Components V2. `sectionButtons` gives, by field-name prefix ("#3 "), the button
 * a field's section carries; `dropMenus` names menus the section buttons make redundant.
 */
export function componentsV2Of(
  payload: ReplyPayload,
  sectionButtons: ReadonlyMap<string, ButtonSpec> = new Map(),
  dropMenus: ReadonlySet<string> = new Set(),
): ComponentsV2Payload {
  const [embed] = payload.embeds;
  const inside: APIComponentInContainer[] = [];
  if (embed) {
    const head = [embed.title ? `### ${embed.title}` : undefined, embed.description].filter(Boolean).join('\n');
    if (head !== '') inside.push(text(head));
    for (const field of embed.fields ?? []) {
      const content = `**${field.name}**\n${field.value}`;
      const prefix = [...sectionButtons.keys()].find((key) => field.name.startsWith(key));
      const spec = prefix === undefined ? undefined : sectionButtons.get(prefix);
      if (spec?.customId !== undefined && spec.customId.length <= discordLimits.customId)
        inside.push({
          type: ComponentType.Section,
          components: [{ type: ComponentType.TextDisplay, content }],
          accessory: {
            type: ComponentType.Button,
            style: spec.style ?? ButtonStyle.Secondary,
            custom_id: spec.customId,
            label: truncate(spec.label, discordLimits.buttonLabel),
          },
        });
      else inside.push(text(content));
    }
    if (embed.image) inside.push({ type: ComponentType.MediaGallery, items: [{ media: { url: embed.image.url } }] });
    if (embed.footer) inside.push(text(`-# ${embed.footer.text}`));
  }
  const rows = (payload.components ?? []).filter(
    (row) => !row.components.some((component) => 'custom_id' in component && dropMenus.has(component.custom_id)),
  );
  const container: APIMessageTopLevelComponent = {
    type: ComponentType.Container,
    ...(embed?.color === undefined ? {} : { accent_color: embed.color }),
    components: inside.slice(0, componentsV2Limits.containerChildren),
  };
  return {
    flags: MessageFlags.IsComponentsV2,
    components: [container, ...rows],
    allowed_mentions: { parse: [] },
    ...(payload.files ? { files: payload.files } : {}),
  };
}

/** Characters of a Components V2 message's text, the figure its 4,000 limit counts. */
export function componentsV2TextLength(components: readonly APIMessageTopLevelComponent[]): number {
  let total = 0;
  const visit = (component: unknown): void => {
    if (typeof component !== 'object' || component === null) return;
    if ('type' in component && component.type === ComponentType.TextDisplay && 'content' in component)
      total += String(component.content).length;
    if ('components' in component && Array.isArray(component.components)) component.components.forEach(visit);
  };
  components.forEach(visit);
  return total;
}

/** Components in all, nested ones and accessories counted, the figure the limit of 40 counts. */
export function componentsV2Count(components: readonly APIMessageTopLevelComponent[]): number {
  let total = 0;
  const visit = (component: unknown): void => {
    if (typeof component !== 'object' || component === null) return;
    total += 1;
    if ('components' in component && Array.isArray(component.components)) component.components.forEach(visit);
    if ('accessory' in component) visit(component.accessory);
  };
  components.forEach(visit);
  return total;
}
