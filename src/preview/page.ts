/**
 * Reply payloads drawn as Discord's dark theme draws them, in one self-contained HTML page:
 * embeds (colour bar, title, description, inline and block fields, image, footer), action
 * rows of buttons and select menus, ephemeral notes, and autocomplete popups. The page is
 * responsive: at a phone's width (≤ 480 px) the gutters narrow as in the mobile app.
 *
 * Code blocks are drawn unwrapped (`white-space: pre`), unlike Discord, so a table too wide
 * for the screen shows as horizontal overflow instead of silently breaking apart.
 */
import type {
  APIActionRowComponent,
  APIComponentInMessageActionRow,
  APIEmbed,
  APIMessageTopLevelComponent,
} from 'discord-api-types/v10';
import { ButtonStyle, ComponentType } from 'discord-api-types/v10';
import type { ReplyPayload } from '../discord/render/index.ts';
import { componentsV2TextLength, type ComponentsV2Payload } from '../discord/render/components-v2.ts';
import { totalEmbedLength } from '../discord/limits.ts';
import { escapeHtml, markdownToHtml } from './markdown.ts';

export interface PreviewSample {
  /** What the user typed, as the terminal takes it: "/specs machine:…". */
  invocation: string;
  /** A reply the bot sends, or the choices an autocomplete answers with. */
  reply?: ReplyPayload;
  /** A reply laid out as Components V2 (drawn instead of `reply`, for comparing the two layouts). */
  componentsV2?: ComponentsV2Payload;
  choices?: readonly { name: string; value: string }[];
  /** The option being completed and what was typed (autocomplete only). */
  typed?: { option: string; text: string };
}

/** Characters an answer spends: all embed text (title, description, fields, footer) plus content. */
export const replyCharacters = (reply: ReplyPayload): number =>
  totalEmbedLength(reply.embeds) + (reply.content?.length ?? 0);

const colourOf = (value: number | undefined) => `#${(value ?? 0x1e1f22).toString(16).padStart(6, '0')}`;

function imageSource(url: string, reply: ReplyPayload): string {
  const attached = /^attachment:\/\/(.+)$/.exec(url)?.[1];
  const file = attached === undefined ? undefined : reply.files?.find((candidate) => candidate.name === attached);
  return file ? `data:image/png;base64,${file.data.toString('base64')}` : url;
}

function embedHtml(embed: APIEmbed, reply: ReplyPayload): string {
  const parts: string[] = [];
  if (embed.author) parts.push(`<div class="embed-author">${escapeHtml(embed.author.name)}</div>`);
  if (embed.title) {
    const title = markdownToHtml(embed.title);
    parts.push(
      `<div class="embed-title">${embed.url ? `<a href="${escapeHtml(embed.url)}">${title}</a>` : title}</div>`,
    );
  }
  if (embed.description) parts.push(`<div class="embed-description">${markdownToHtml(embed.description)}</div>`);
  if (embed.fields && embed.fields.length > 0) {
    const fields = embed.fields.map(
      (field) =>
        `<div class="embed-field${field.inline ? ' inline' : ''}"><div class="embed-field-name">${markdownToHtml(field.name)}</div><div class="embed-field-value">${markdownToHtml(field.value)}</div></div>`,
    );
    parts.push(`<div class="embed-fields">${fields.join('')}</div>`);
  }
  if (embed.image) {
    const description =
      reply.files?.find((file) => embed.image?.url === `attachment://${file.name}`)?.description ?? '';
    parts.push(
      `<img class="embed-image" src="${escapeHtml(imageSource(embed.image.url, reply))}" alt="${escapeHtml(description)}">`,
    );
  }
  if (embed.footer) parts.push(`<div class="embed-footer">${escapeHtml(embed.footer.text)}</div>`);
  return `<div class="embed" style="border-left-color:${colourOf(embed.color)}">${parts.join('')}</div>`;
}

const buttonClass: Record<number, string> = {
  [ButtonStyle.Primary]: 'primary',
  [ButtonStyle.Secondary]: 'secondary',
  [ButtonStyle.Success]: 'success',
  [ButtonStyle.Danger]: 'danger',
  [ButtonStyle.Link]: 'link',
};

function rowHtml(row: APIActionRowComponent<APIComponentInMessageActionRow>): string {
  const items = row.components.map((component) => {
    if (component.type === ComponentType.Button) {
      const label = 'label' in component ? (component.label ?? '') : '';
      const id = 'custom_id' in component ? component.custom_id : '';
      return `<span class="button ${buttonClass[component.style] ?? 'secondary'}" title="${escapeHtml(id)}">${escapeHtml(label)}</span>`;
    }
    if (component.type === ComponentType.StringSelect) {
      const options = component.options.map(
        (option) =>
          `<li title="${escapeHtml(option.value)}"><b>${escapeHtml(option.label)}</b>${option.description ? `<br><small>${escapeHtml(option.description)}</small>` : ''}</li>`,
      );
      return `<details class="select"><summary>${escapeHtml(component.placeholder ?? 'Make a selection')}</summary><ul>${options.join('')}</ul></details>`;
    }
    return `<span class="button secondary">component ${component.type}</span>`;
  });
  return `<div class="action-row">${items.join('')}</div>`;
}

/** Components V2: a container (accent bar), text displays, sections with a button beside, separators, a media gallery. */
function componentV2Html(component: APIMessageTopLevelComponent, files: ReplyPayload['files']): string {
  switch (component.type) {
    case ComponentType.Container: {
      const inside = component.components.map((child) => componentV2Html(child, files)).join('');
      return `<div class="v2-container" style="border-left-color:${colourOf(component.accent_color ?? undefined)}">${inside}</div>`;
    }
    case ComponentType.TextDisplay:
      return `<div class="v2-text">${markdownToHtml(component.content)}</div>`;
    case ComponentType.Section: {
      const texts = component.components.map((child) => markdownToHtml(child.content)).join('');
      const accessory = component.accessory;
      const side =
        accessory.type === ComponentType.Button
          ? `<span class="button ${buttonClass[accessory.style] ?? 'secondary'}" title="${escapeHtml('custom_id' in accessory ? accessory.custom_id : '')}">${escapeHtml('label' in accessory ? (accessory.label ?? '') : '')}</span>`
          : '';
      return `<div class="v2-section"><div class="v2-section-text">${texts}</div><div class="v2-accessory">${side}</div></div>`;
    }
    case ComponentType.Separator:
      return component.divider === false ? '<div class="v2-gap"></div>' : '<hr class="v2-separator">';
    case ComponentType.MediaGallery:
      return `<div class="v2-gallery">${component.items
        .map(
          (item) =>
            `<img src="${escapeHtml(imageSource(item.media.url, { embeds: [], allowed_mentions: { parse: [] }, ...(files ? { files } : {}) }))}" alt="${escapeHtml(item.description ?? '')}">`,
        )
        .join('')}</div>`;
    case ComponentType.ActionRow:
      return rowHtml(component);
    default:
      return `<div class="v2-text">component ${component.type}</div>`;
  }
}

function componentsV2Html(payload: ComponentsV2Payload): string {
  return payload.components.map((component) => componentV2Html(component, payload.files)).join('');
}

function replyHtml(reply: ReplyPayload): string {
  const parts: string[] = [];
  if (reply.content) parts.push(`<div class="content">${markdownToHtml(reply.content)}</div>`);
  parts.push(...reply.embeds.map((embed) => embedHtml(embed, reply)));
  parts.push(...(reply.components ?? []).map(rowHtml));
  if (reply.flags !== undefined)
    parts.push('<div class="ephemeral">Only you can see this · <a>Dismiss message</a></div>');
  return parts.join('');
}

function choicesHtml(sample: PreviewSample): string {
  const choices = sample.choices ?? [];
  const rows =
    choices.length === 0
      ? '<li class="none">No options match your search</li>'
      : choices.map((choice) => `<li title="${escapeHtml(choice.value)}">${escapeHtml(choice.name)}</li>`).join('');
  const typed = sample.typed
    ? `<div class="typed"><span class="option">${escapeHtml(sample.typed.option)}</span> ${escapeHtml(sample.typed.text)}</div>`
    : '';
  return `<div class="autocomplete"><div class="autocomplete-head">${choices.length} choices</div><ul>${rows}</ul>${typed}</div>`;
}

function sampleHtml(sample: PreviewSample, index: number): string {
  const size = sample.componentsV2
    ? ` · ${componentsV2TextLength(sample.componentsV2.components)} characters`
    : sample.reply
      ? ` · ${replyCharacters(sample.reply)} characters`
      : '';
  const [command] = sample.invocation.split(' ');
  const drawn = sample.componentsV2
    ? componentsV2Html(sample.componentsV2)
    : sample.reply
      ? replyHtml(sample.reply)
      : '';
  const body =
    sample.reply || sample.componentsV2
      ? `<div class="message"><div class="avatar">R</div><div class="message-body"><div class="used"><span class="user">alex</span> used <span class="command">${escapeHtml(command ?? '')}</span></div><div class="header"><span class="bot-name">Rig Advisor</span><span class="app-tag">APP</span><span class="time">Today at 12:00</span></div><div class="reply">${drawn}</div></div></div>`
      : choicesHtml(sample);
  return `<section class="sample" id="sample-${index}" data-invocation="${escapeHtml(sample.invocation)}"><div class="caption">${escapeHtml(sample.invocation)}${size}</div>${body}</section>`;
}

export function previewPage(
  samples: readonly PreviewSample[],
  title = 'Rig Advisor: replies as Discord draws them',
): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${styles}</style></head>
<body><header class="page-head"><h1>${escapeHtml(title)}</h1><p>Dark theme, laptop and phone widths (open at 390 px for a phone). Code blocks are drawn unwrapped, so a table too wide for the screen overflows here. Fonts are DejaVu stand-ins for gg sans.</p></header>
${samples.map(sampleHtml).join('\n')}
</body></html>`;
}

const styles = `
* { box-sizing: border-box; }
html, body { margin: 0; background: #313338; color: #dbdee1; font: 16px/1.375 "gg sans", "Noto Sans", "DejaVu Sans", sans-serif; }
a { color: #00a8fc; text-decoration: none; }
.page-head { padding: 8px 16px; background: #1e1f22; color: #b5bac1; font-size: 13px; }
.page-head h1 { font-size: 15px; margin: 0 0 4px; color: #f2f3f5; }
.page-head p { margin: 0; }
.sample { padding: 0 0 16px; border-bottom: 1px solid #3f4147; }
.caption { background: #4e5058; color: #f2f3f5; font: 12px/1.4 "DejaVu Sans Mono", monospace; padding: 4px 16px; overflow-wrap: anywhere; }
.message { display: flex; padding: 8px 48px 0 16px; }
.avatar { flex: 0 0 40px; height: 40px; border-radius: 50%; background: #23a55a; color: #fff; font-weight: 700; display: flex; align-items: center; justify-content: center; margin: 22px 16px 0 0; }
.message-body { min-width: 0; flex: 1 1 auto; }
.reply { display: flow-root; }
.used { font-size: 13px; color: #b5bac1; }
.used .command { color: #c9cdfb; background: rgba(88,101,242,.3); border-radius: 3px; padding: 0 2px; }
.header { display: flex; align-items: baseline; gap: 6px; }
.bot-name { font-weight: 600; color: #f2f3f5; }
.app-tag { background: #5865f2; color: #fff; font-size: 10px; font-weight: 600; border-radius: 3px; padding: 0 4px; }
.time { font-size: 12px; color: #949ba4; }
.embed { max-width: 516px; margin-top: 4px; background: #2b2d31; border-left: 4px solid; border-radius: 4px; padding: 8px 16px 16px 12px; font-size: 14px; line-height: 1.125rem; overflow-wrap: break-word; }
.embed-author { font-size: 14px; font-weight: 600; margin-top: 8px; }
.embed-title { font-size: 16px; font-weight: 600; color: #f2f3f5; margin-top: 8px; }
.embed-description { margin-top: 8px; }
.embed-fields { display: grid; grid-template-columns: repeat(12, minmax(0, 1fr)); gap: 8px; margin-top: 8px; }
.embed-field { grid-column: 1 / 13; min-width: 0; }
.embed-field.inline { grid-column: span 4; }
.embed-field-name { font-weight: 600; color: #f2f3f5; margin-bottom: 2px; }
.embed-image { display: block; margin-top: 16px; max-width: min(400px, 100%); max-height: 300px; border-radius: 4px; }
.embed-footer { margin-top: 8px; font-size: 12px; color: #b5bac1; }
.md-h1 { font-size: 1.5em; font-weight: 700; } .md-h2 { font-size: 1.25em; font-weight: 700; } .md-h3 { font-size: 1em; font-weight: 700; }
.md-subtext { font-size: 12px; color: #949ba4; }
.md-li { padding-left: 16px; text-indent: -10px; } .md-li::before { content: "• "; }
.md-quote { border-left: 4px solid #4e5058; padding-left: 8px; }
code { font: 0.85em/1.125rem "DejaVu Sans Mono", monospace; background: #1e1f22; border-radius: 3px; padding: 0 2px; }
pre.md-codeblock { font: 13px/1.125rem "DejaVu Sans Mono", monospace; background: #1e1f22; border: 1px solid #1e1f22; border-radius: 4px; padding: 7px; margin: 6px 0 0; white-space: pre; width: max-content; min-width: 100%; }
.action-row { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 8px; }
.button { display: inline-block; min-height: 32px; padding: 6px 16px; border-radius: 8px; font-size: 14px; font-weight: 500; color: #fff; }
.button.primary { background: #5865f2; } .button.secondary { background: #4e5058; } .button.success { background: #248046; } .button.danger { background: #da373c; } .button.link { background: #4e5058; }
.select { width: 100%; max-width: 400px; background: #1e1f22; border: 1px solid #1e1f22; border-radius: 8px; font-size: 14px; }
.select summary { padding: 10px 12px; color: #949ba4; cursor: pointer; }
.select ul { list-style: none; margin: 0; padding: 0 0 4px; border-top: 1px solid #2b2d31; }
.select li { padding: 6px 12px; overflow-wrap: anywhere; } .select li small { color: #b5bac1; }
.v2-container { max-width: 600px; margin-top: 4px; background: #393a41; border: 1px solid #44454c; border-left: 4px solid; border-radius: 8px; padding: 12px 16px; font-size: 15px; overflow-wrap: break-word; display: flex; flex-direction: column; gap: 8px; }
.v2-section { display: flex; gap: 12px; align-items: flex-start; }
.v2-section-text { flex: 1 1 auto; min-width: 0; }
.v2-accessory { flex: 0 0 auto; }
.v2-separator { border: 0; border-top: 1px solid #4e5058; margin: 4px 0; width: 100%; }
.v2-gallery img { display: block; width: 100%; border-radius: 8px; }
.ephemeral { font-size: 12px; color: #949ba4; margin-top: 4px; }
.autocomplete { margin: 8px 16px; background: #2b2d31; border-radius: 8px; max-width: 600px; }
.autocomplete-head { font-size: 12px; text-transform: uppercase; color: #b5bac1; padding: 8px 12px; font-weight: 600; }
.autocomplete ul { list-style: none; margin: 0; padding: 0; }
.autocomplete li { padding: 8px 12px; font-size: 15px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; border-top: 1px solid #313338; }
.autocomplete li.none { color: #949ba4; }
.autocomplete .typed { padding: 10px 12px; background: #383a40; border-radius: 0 0 8px 8px; font-size: 15px; }
.autocomplete .option { background: #1e1f22; border-radius: 3px; padding: 0 4px; color: #b5bac1; }
@media (max-width: 480px) {
  .message { padding: 8px 12px 0 12px; }
  .avatar { flex-basis: 40px; margin-right: 12px; }
  .embed { padding: 8px 12px 12px 10px; }
  .autocomplete { margin: 8px 0; border-radius: 0; }
  .autocomplete li { white-space: normal; display: -webkit-box; -webkit-line-clamp: 1; -webkit-box-orient: vertical; }
}
`;
