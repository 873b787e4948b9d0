/**
 * The further pages of /specs: what the sheet rests on. "Measurements and compute": every
 * compute engine with its figures and the published runs beside the estimates. "Price and
 * sources": the price part by part and every source as a link named by its site.
 */
import { EmbedBuilder } from 'discord.js';
import type { Measurement, SpecsResult } from '../../advisor/index.ts';
import type { Chip, ComputeEngine } from '../../catalog/schema.ts';
import { discordLimits, embedField, joinWithin, truncate } from '../limits.ts';
import { colours, escapeCatalogText, formatNumber, formatRate, isUrl, priceLine, resultFooter } from './format.ts';
import { replyPayload, type ButtonSpec, type ReplyPayload } from './payload.ts';

/** Lines packed into as many fields of ≤ 1024 characters as they need ("Sources", "Sources, more"). */
function packedFields(name: string, lines: readonly string[], maxFields = 5, moreName = `${name}, more`) {
  const fields: { name: string; lines: string[]; length: number }[] = [];
  for (const line of lines) {
    const text = truncate(line, discordLimits.fieldValue);
    const last = fields.at(-1);
    if (last && last.length + 1 + text.length <= discordLimits.fieldValue) {
      last.lines.push(text);
      last.length += 1 + text.length;
    } else if (fields.length < maxFields) {
      fields.push({ name: fields.length === 0 ? name : moreName, lines: [text], length: text.length });
    }
  }
  return fields.map((field) => embedField(field.name, field.lines.join('\n')));
}

/** A URL's site, "frame.work" for https://frame.work/…; a GitHub page is named by its repository ("kyuz0/strixhalo-homelab"). */
export function siteOf(url: string): string {
  try {
    const parsed = new URL(url);
    const host = parsed.hostname.replace(/^www\./, '');
    if (host === 'github.com' || host === 'raw.githubusercontent.com') {
      const [owner, repository, kind, number] = parsed.pathname.split('/').filter(Boolean);
      if (owner && repository) {
        const thread = (kind === 'issues' || kind === 'pull' || kind === 'discussions') && number ? ` #${number}` : '';
        return `${owner}/${repository}${thread}`;
      }
    }
    return host;
  } catch {
    return 'link';
  }
}

const linkTarget = (url: string) => url.replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/ /g, '%20');

/** One source in words: a link named by its site, the team survey, or an estimate with its reasoning. */
export function namedSource(source: string): string {
  if (isUrl(source)) return `[${siteOf(source)}](${linkTarget(source)})`;
  if (source.startsWith('survey:')) return `team survey (${escapeCatalogText(source.slice(7).trim())})`;
  if (source.startsWith('estimate:')) return `estimated: ${escapeCatalogText(truncate(source.slice(9).trim(), 160))}`;
  return escapeCatalogText(truncate(source, 160));
}

const sourcesOf = (source: string | readonly string[] | undefined): string[] =>
  source === undefined ? [] : [source].flat();

/** A chip's sources, each once: its memory interface and its engines. */
const chipSources = (chip: Chip): string[] => [
  ...new Set([...sourcesOf(chip.memory.source), ...chip.engines.flatMap((engine) => sourcesOf(engine.source))]),
];

function engineLine(engine: ComputeEngine, count = 1): string {
  const int8 = engine.int8_tops === undefined ? '' : `, ${formatNumber(engine.int8_tops * count)} TOPS INT8`;
  const runs =
    engine.backends.length === 0 ? ' — **not used**: no LLM runtime backend' : ` · ${engine.backends.join(', ')}`;
  return `${engine.kind.toUpperCase()} ${count > 1 ? `${count}× ` : ''}${escapeCatalogText(engine.name)}: ${formatNumber(engine.fp16_tflops * count)} TFLOPS FP16${int8}${runs}`;
}

/** Prompt length most published runs use (llama-bench's pp512): said once in the page, not per row. */
const usualPromptTokens = 512;

/** "**Llama 2 7B** Q4_0, vulkan: **46.5 tok/s** generating · prompt 998 tok/s · same chip, other box · [github.com](…)". */
export function measurementRow(measurement: Measurement): string {
  const quantization = measurement.quantization === 'unknown' ? '' : ` ${escapeCatalogText(measurement.quantization)}`;
  const model = `**${escapeCatalogText(measurement.modelName ?? 'A model named by size')}**${quantization}`;
  const promptLength = measurement.ppTokens === usualPromptTokens ? '' : ` (${measurement.ppTokens}-token)`;
  const figures = [
    measurement.tgTokensPerSecond === undefined
      ? undefined
      : `**${formatRate(measurement.tgTokensPerSecond)} tok/s** generating`,
    measurement.ppTokensPerSecond === undefined
      ? undefined
      : `prompt${promptLength} ${formatRate(measurement.ppTokensPerSecond)} tok/s`,
  ].filter(Boolean);
  const depth = measurement.depthTokens > 0 ? ` at ${formatNumber(measurement.depthTokens, 0)} tokens deep` : '';
  const match = measurement.match === 'same chip' ? ' · same chip, other box' : '';
  const source = measurement.source[0] === undefined ? '' : ` · ${namedSource(measurement.source[0])}`;
  return `${model}, ${measurement.backend}: ${figures.join(' · ')}${depth}${match}${source}`;
}

/** The measurement pages, in order; a machine with more runs than they hold says how many are left out. */
const measuredPages = ['measured', 'measured-2', 'measured-3', 'measured-4', 'measured-5', 'measured-6'] as const;
type MeasuredPage = (typeof measuredPages)[number];
/**
 * Characters of runs on one page: with the title, compute engines and footer a page stays
 * near 2,000 characters (about one phone screen), far under Discord's 6,000 per message.
 */
const measuredPageCharacters = 1500;

/** The rows cut into pages of at most `measuredPageCharacters`, whole rows only. */
function pagesOf(rows: readonly string[]): string[][] {
  const pages: string[][] = [];
  let length = 0;
  for (const row of rows) {
    const current = pages.at(-1);
    if (current && length + 1 + row.length <= measuredPageCharacters) {
      current.push(row);
      length += 1 + row.length;
    } else {
      pages.push([row]);
      length = row.length;
    }
  }
  return pages;
}

export function renderSpecsMeasured(
  result: SpecsResult,
  page: MeasuredPage,
  buttons: readonly ButtonSpec[],
  pageId: (page: MeasuredPage) => string | undefined,
): ReplyPayload {
  const engines = [
    ...(result.chip?.engines.map((engine) => engineLine(engine)) ?? []),
    ...result.gpus.flatMap(({ chip, count }) =>
      chip.engines.filter((engine) => engine.kind === 'dgpu').map((engine) => engineLine(engine, count)),
    ),
  ];
  const pages = pagesOf(result.measurements.map(measurementRow)).slice(0, measuredPages.length);
  const index = Math.min(measuredPages.indexOf(page), Math.max(0, pages.length - 1));
  const rows = pages[index] ?? [];
  const before = pages.slice(0, index).reduce((count, shown) => count + shown.length, 0);
  const shownTotal = pages.reduce((count, shown) => count + shown.length, 0);
  const embed = new EmbedBuilder()
    .setColor(colours.specs)
    .setTitle(truncate(`${result.machine.name}: measurements and compute`, discordLimits.embedTitle))
    .setDescription(
      result.measurements.length > 0
        ? `Published llama.cpp runs on this machine, or on the same chip in another box; prompts of ${usualPromptTokens} tokens unless said. The estimates on the sheet are calibrated on runs like these.`
        : 'No published run on this machine or its chip yet: the estimates on the sheet come from its memory bandwidth and compute.',
    );
  // The engines once, on the first page; later pages are runs only.
  if (engines.length > 0 && index === 0)
    embed.addFields(embedField('Compute engines', joinWithin(engines, discordLimits.fieldValue)));
  if (rows.length > 0) {
    const range = pages.length > 1 ? ` ${before + 1}–${before + rows.length} of ${result.measurements.length}` : '';
    const left = result.measurements.length - shownTotal;
    const closing = index === pages.length - 1 && left > 0 ? [`… and ${left} more (the terminal lists all)`] : [];
    // A page's runs read as one list: a second field continues it without a heading of its own.
    embed.addFields(...packedFields(`Published measurements${range}`, [...rows, ...closing], 2, '\u200b'));
  }
  embed.setFooter(resultFooter([result.summary.priceAsOf]));
  const turns: ButtonSpec[] = [];
  const turn = (to: number) => {
    const first = pages.slice(0, to).reduce((count, shown) => count + shown.length, 0) + 1;
    const target = measuredPages[to];
    if (target)
      turns.push({ customId: pageId(target), label: `Runs ${first}–${first + (pages[to]?.length ?? 1) - 1}` });
  };
  if (index > 0) turn(index - 1);
  if (index + 1 < pages.length) turn(index + 1);
  return replyPayload([embed], { buttons: [...buttons, ...turns] });
}

/** What an estimate's reasoning keeps on the sources page: its gist (the catalog has the rest). */
const estimateGistChars = 70;

/**
 * One fact's sources in words: each link once on the page, named by its site (a link said
 * earlier is not repeated), the team survey as two words, an estimate by its gist.
 */
function sourceWords(list: readonly string[], linked: Set<string>, gistChars = estimateGistChars): string[] {
  const words: string[] = [];
  for (const source of list) {
    if (isUrl(source)) {
      const target = linkTarget(source);
      if (!linked.has(target)) words.push(`[${siteOf(source)}](${target})`);
      linked.add(target);
    } else if (source.startsWith('survey:')) {
      if (!words.includes('team survey')) words.push('team survey');
    } else if (source.startsWith('estimate:')) {
      words.push(
        gistChars === 0 ? 'estimated' : `estimated (${escapeCatalogText(truncate(source.slice(9).trim(), gistChars))})`,
      );
    } else {
      words.push(escapeCatalogText(truncate(source, estimateGistChars)));
    }
  }
  return words;
}

/** A sources page stays within about one phone screen; what does not fit goes on a second page. */
const sourcesPageCharacters = 2000;

interface SourcesContent {
  title: string;
  description: string;
  footer: ReturnType<typeof resultFooter>;
  /** The source lines of the first page, then of the second. */
  pages: [string[], string[]];
}

function sourcesContent(result: SpecsResult): SourcesContent {
  const { machine, chip } = result;
  // The price's own link is in the description: not again below.
  const linked = new Set(sourcesOf(machine.price.source).filter(isUrl).slice(0, 1).map(linkTarget));
  const parts = (machine.price.parts ?? []).map((part) => {
    // A part's estimate by the word only: parts are many, and the sum is what the page is about.
    const words = sourceWords(sourcesOf(part.source), linked, 0);
    return `↳ ${escapeCatalogText(part.item)} — ${formatNumber(part.amount, 0)} ${part.currency}${words.length > 0 ? ` (${words.join(', ')})` : ''}`;
  });
  const facts: [string, string | readonly string[] | undefined][] = [
    ['Price', machine.price.source],
    ['Product page', machine.links],
    ['Memory', machine.memory.source],
    ['GPU memory', machine.memory.gpu_addressable_source],
    ['Expansion', machine.expansion.source],
    ['Power', machine.power?.source],
    ...(chip ? [[escapeCatalogText(chip.name), chipSources(chip)] as [string, string[]]] : []),
    ...result.gpus.map(({ chip: gpu }): [string, string[]] => [escapeCatalogText(gpu.name), chipSources(gpu)]),
  ];
  // Facts resting on the same sources share a line ("Memory, GPU memory: team survey").
  const grouped = new Map<string, string[]>();
  for (const [fact, source] of facts) {
    const words = sourceWords(sourcesOf(source), linked).join(', ');
    if (words === '') continue;
    grouped.set(words, [...(grouped.get(words) ?? []), fact]);
  }
  const lines = [...grouped].map(([words, names]) =>
    truncate(`${names.join(', ')}: ${words}`, discordLimits.fieldValue),
  );
  const others = sourceWords(result.sources.filter(isUrl), linked);
  if (others.length > 0) lines.push(truncate(`Also: ${others.join(', ')}`, discordLimits.fieldValue));
  const title = truncate(`${machine.name}: price and sources`, discordLimits.embedTitle);
  const description = joinWithin([priceLine(result.summary), ...parts], discordLimits.embedDescription);
  const footer = resultFooter([result.summary.priceAsOf]);
  // Whole lines onto the first page while it stays within its characters ("Sources" and a field name per line at most).
  let room = sourcesPageCharacters - title.length - description.length - footer.text.length - 'Sources'.length;
  const first: string[] = [];
  let index = 0;
  for (; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    if (line.length + 2 > room && first.length > 0) break;
    first.push(line);
    room -= line.length + 2;
  }
  return { title, description, footer, pages: [first, lines.slice(index)] };
}

/** Whether the sources need a second page. */
export const sourcesOverflow = (result: SpecsResult): boolean => sourcesContent(result).pages[1].length > 0;

export function renderSpecsSources(
  result: SpecsResult,
  page: 'sources' | 'sources-2',
  buttons: readonly ButtonSpec[],
): ReplyPayload {
  const content = sourcesContent(result);
  const second = page === 'sources-2' && content.pages[1].length > 0;
  const embed = new EmbedBuilder()
    .setColor(colours.specs)
    .setTitle(second ? truncate(`${result.machine.name}: more sources`, discordLimits.embedTitle) : content.title)
    .setDescription(second ? 'The sources that did not fit on "Price and sources".' : content.description);
  // One list: a second field continues it without a heading of its own.
  embed.addFields(...packedFields('Sources', second ? content.pages[1] : content.pages[0], 5, '\u200b'));
  embed.setFooter(content.footer);
  return replyPayload([embed], { buttons });
}
