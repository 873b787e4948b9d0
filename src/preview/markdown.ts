/**
 * The part of Discord's markdown the bot writes, as HTML for the preview page: escapes,
 * code blocks, inline code, bold, italic, underline, strike-through, masked links, bare
 * URLs, headings, "-#" subtext, bullet lists and quotes. Anything else stays as text.
 */

const html = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Inline markup of one line (no code blocks inside). */
function inline(text: string): string {
  const out: string[] = [];
  let index = 0;
  const rest = () => text.slice(index);
  while (index < text.length) {
    const tail = rest();
    const escaped = /^\\([^A-Za-z0-9\s])/.exec(tail);
    if (escaped?.[1]) {
      out.push(html(escaped[1]));
      index += 2;
      continue;
    }
    const code = /^`([^`]+)`/.exec(tail);
    if (code?.[1] !== undefined) {
      out.push(`<code>${html(code[1])}</code>`);
      index += code[0].length;
      continue;
    }
    const link = /^\[((?:\\.|[^\]\\])+)\]\((https?:\/\/[^\s)]+)\)/.exec(tail);
    if (link?.[1] !== undefined && link[2] !== undefined) {
      out.push(`<a href="${html(link[2])}">${inline(link[1])}</a>`);
      index += link[0].length;
      continue;
    }
    const url = /^https?:\/\/[^\s<]+[^\s<.,:;"')\]]/.exec(tail);
    if (url) {
      out.push(`<a href="${html(url[0])}">${html(url[0])}</a>`);
      index += url[0].length;
      continue;
    }
    const styled = /^(\*\*|__|~~|\*|_)((?:\\.|(?!\1).)+?)\1(?![*_])/.exec(tail);
    // As Discord: a single `_` italicises only between word boundaries, so Q4_K_M stays as typed.
    const wordBound =
      styled?.[1] !== '_' || (!/\w/.test(text.charAt(index - 1)) && !/\w/.test(text.charAt(index + styled[0].length)));
    if (styled?.[1] && styled[2] !== undefined && !/^\s/.test(styled[2]) && wordBound) {
      const tag = { '**': 'strong', __: 'u', '~~': 's', '*': 'em', _: 'em' }[styled[1]] ?? 'span';
      out.push(`<${tag}>${inline(styled[2])}</${tag}>`);
      index += styled[0].length;
      continue;
    }
    out.push(html(text.charAt(index)));
    index += 1;
  }
  return out.join('');
}

/** One line outside code blocks, with its block-level prefix. */
function line(text: string): string {
  const heading = /^(#{1,3}) (.*)$/.exec(text);
  if (heading?.[1] && heading[2] !== undefined)
    return `<div class="md-h${heading[1].length}">${inline(heading[2])}</div>`;
  const subtext = /^-# (.*)$/.exec(text);
  if (subtext?.[1] !== undefined) return `<div class="md-subtext">${inline(subtext[1])}</div>`;
  const bullet = /^\s*[-*] (.*)$/.exec(text);
  if (bullet?.[1] !== undefined) return `<div class="md-li">${inline(bullet[1])}</div>`;
  const quote = /^> (.*)$/.exec(text);
  if (quote?.[1] !== undefined) return `<div class="md-quote">${inline(quote[1])}</div>`;
  return `<div class="md-line">${text === '' ? '<br>' : inline(text)}</div>`;
}

/** A whole markdown text (an embed description, a field value) as HTML. */
export function markdownToHtml(text: string): string {
  const parts: string[] = [];
  const fence = /```(?:[a-z]*\n)?([\s\S]*?)```/g;
  let last = 0;
  for (let match = fence.exec(text); match; match = fence.exec(text)) {
    parts.push(
      ...text
        .slice(last, match.index)
        .replace(/\n$/, '')
        .split('\n')
        .filter((_, index, all) => all.length > 1 || all[0] !== '')
        .map(line),
    );
    parts.push(`<pre class="md-codeblock">${html((match[1] ?? '').replace(/\n$/, ''))}</pre>`);
    last = match.index + match[0].length;
    if (text.charAt(last) === '\n') last += 1;
  }
  const tail = text.slice(last);
  if (tail !== '') parts.push(...tail.split('\n').map(line));
  return parts.join('');
}

export const escapeHtml = html;
