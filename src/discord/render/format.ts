/** Links, escaping and the lines every Discord reply shares; numbers and units come from src/format. */
export {
  dateSpan,
  formatEur,
  formatGb,
  formatNumber,
  formatRate,
  formatSeconds,
  formatTokens,
  shortMachineName,
  variantsNote,
} from '../../format/index.ts';
import { escapeMarkdown } from 'discord.js';
import type { MachineSummary, Measurement } from '../../advisor/index.ts';
import type { Estimate, SpeedEstimate, Workload } from '../../estimator/index.ts';
import {
  dateSpan,
  formatEur,
  formatNumber,
  formatRate,
  formatTokens,
  formatWithRange,
  measurementCaveat,
  priceWords,
  runWords,
} from '../../format/index.ts';
import { discordLimits, truncate } from '../limits.ts';

/** "49.0 tok/s (41.2–55.0)": the estimate with its back-tested range, one precision for all three. */
export function formatSpeed(speed: SpeedEstimate): string {
  return `${formatWithRange(speed.tokensPerSecond, speed.low, speed.high)} tok/s`;
}

/**
 * Text a user typed, shown back to them: every markdown construct escaped, and `@`
 * broken by a zero-width space so `@everyone` cannot even look like a mention
 * (allowed_mentions already stops the ping).
 */
export function escapeUserText(text: string): string {
  // discord.js's escapeMarkdown takes quadratic time on long runs without spaces (250 ms for
  // 10 kB, found by the fuzz test): nobody needs more than this much of their input echoed.
  const clipped = truncate(text, maxEchoedUserText);
  // discord.js's maskedLink escape is one greedy match per line, so a second [x](url) stayed
  // live: every bracket is escaped instead, and every `<` (channel, command, timestamp, emoji).
  return escapeMarkdown(clipped, { heading: true, bulletedList: true, numberedList: true, maskedLink: false })
    .replace(/[[\]<]/g, '\\$&')
    .replace(/@/g, '@\u200b');
}

/** Characters of a user's own text shown back to them. */
export const maxEchoedUserText = 500;

/** Catalog text inside markdown (descriptions, field values): its characters shown as written. */
export const escapeCatalogText = (text: string): string => escapeMarkdown(text);

/** `inline code` for ids and values; a backtick inside cannot close it early. */
export const code = (text: string): string => `\`${text.replace(/`/g, 'ˋ')}\``;

/** A URL safe inside a masked link: parentheses and spaces cannot end it early. */
const linkTarget = (url: string) => url.replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/ /g, '%20');

export const isUrl = (source: string): boolean => /^https?:\/\/\S+$/.test(source);

/** A masked link to the first URL among the sources; otherwise what kind of source it is. */
export function sourceLink(sources: readonly string[], label = 'source'): string {
  const url = sources.find(isUrl);
  if (url) return `[${label}](${linkTarget(url)})`;
  const first = sources[0] ?? '';
  if (first.startsWith('survey:')) return 'team survey';
  if (first.startsWith('estimate:')) return 'estimated';
  return 'no source';
}

/** Links to up to `maxCount` URLs, "[1](…) [2](…)", as many as fit in `maxLength`. */
export function sourceLinks(
  sources: readonly string[],
  maxCount: number,
  maxLength: number = discordLimits.fieldValue,
): string {
  const links = [...new Set(sources.filter(isUrl))]
    .slice(0, maxCount)
    .map((url, index) => `[${index + 1}](${linkTarget(url)})`);
  let text = '';
  for (const link of links) {
    const next = text === '' ? link : `${text} ${link}`;
    if (next.length > maxLength) break;
    text = next;
  }
  return text;
}

/** "2,056 EUR (2,399 USD) · US list + 21 % VAT · price from 2025-01, likely higher now · [source]". */
export function priceLine(machine: MachineSummary): string {
  const original = machine.originalPrice
    ? ` (${formatNumber(machine.originalPrice.amount, 0)} ${machine.originalPrice.currency})`
    : '';
  return `${formatEur(machine.priceEur)}${original} · ${priceWords(machine)} · ${sourceLink(machine.priceSource, 'price source')}`;
}

/** "measured tg 52 · pp 990 tok/s (vulkan, source) · estimated tg 49 · pp 900": the first published figure beside the estimate. */
export function measurementLine(measurements: readonly Measurement[], estimate: Estimate): string | undefined {
  const measurement = measurements.find(
    (entry) => entry.tgTokensPerSecond !== undefined || entry.ppTokensPerSecond !== undefined,
  );
  if (!measurement) return undefined;
  const figures = (tg: number | undefined, pp: number | undefined) =>
    [tg === undefined ? undefined : `tg ${formatRate(tg)}`, pp === undefined ? undefined : `pp ${formatRate(pp)}`]
      .filter(Boolean)
      .join(' · ');
  const where = [
    measurement.backend,
    measurement.match === 'same chip' ? 'same chip, other box' : undefined,
    sourceLink(measurement.source),
  ]
    .filter(Boolean)
    .join(', ');
  const measured = `measured ${figures(measurement.tgTokensPerSecond, measurement.ppTokensPerSecond)} tok/s (${where})`;
  const estimated = figures(
    measurement.tgTokensPerSecond === undefined ? undefined : estimate.tg?.tokensPerSecond,
    measurement.ppTokensPerSecond === undefined ? undefined : estimate.pp?.tokensPerSecond,
  );
  const caveatText = measurementCaveat(measurement);
  const caveat = caveatText ? ` — ${caveatText}` : '';
  return `${estimated === '' ? measured : `${measured} · estimated ${estimated}`}${caveat}`;
}

/** The footer every result carries: when the prices are from, that speeds are estimates, and on what. */
export function resultFooter(priceDates: readonly string[], assumptions?: string): { text: string } {
  const parts = [
    priceDates.length > 0 ? `Prices as of ${dateSpan(priceDates)}` : undefined,
    'estimates, not measurements',
    assumptions,
  ].filter(Boolean);
  return { text: truncate(parts.join(' · '), discordLimits.footerText) };
}

/** The workload an estimate assumed, in words for the footer. */
export function workloadWords(workload: Workload): string {
  return `${formatTokens(workload.contextTokens)}-token context, ${formatTokens(workload.promptTokens)}-token prompt, ${workload.generatedTokens} generated, ${runWords(workload)}`;
}

export const colours = {
  recommend: 0x5865f2,
  compare: 0xfee75c,
  specs: 0x57f287,
  ok: 0x57f287,
  error: 0xed4245,
} as const;
