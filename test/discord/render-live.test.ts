/** Every reply the live catalog can produce for typical questions: valid for Discord, within its limits, saying what it should. */
import type { APIEmbed } from 'discord-api-types/v10';
import { beforeAll, describe, expect, it } from 'vitest';
import { commandsByName, type CommandResult, type OptionValues } from '../../commands/index.ts';
import type { Advisor, CompareResult, RecommendResult, SpecsResult } from '../../src/advisor/index.ts';
import { limitProblems, totalEmbedLength } from '../../src/discord/limits.ts';
import {
  parseCustomId,
  recommendChartView,
  recommendMenuIds,
  resolveButtonAction,
} from '../../src/discord/custom-ids.ts';
import { placementLabel, placementPhrase, shortMachineName } from '../../src/format/index.ts';
import { renderCommandResult, type ReplyPayload } from '../../src/discord/render/index.ts';
import {
  escapeCatalogText,
  formatGb,
  formatNumber,
  formatRate,
  formatSeconds,
} from '../../src/discord/render/format.ts';
import { deliveryErrors } from '../helpers/discord-schema.ts';
import { liveAdvisor } from '../helpers/live-advisor.ts';

let advisor: Advisor;
beforeAll(async () => {
  advisor = await liveAdvisor();
});

function run(command: string, options: OptionValues): { result: CommandResult; payload: ReplyPayload } {
  const outcome = commandsByName.get(command)?.run(options, { advisor });
  if (!outcome?.ok)
    throw new Error(`/${command} ${JSON.stringify(options)} failed: ${outcome?.error.message ?? 'no such command'}`);
  return { result: outcome.value, payload: renderCommandResult(outcome.value, options) };
}

const onlyEmbed = (payload: ReplyPayload): APIEmbed => {
  expect(payload.embeds).toHaveLength(1);
  const [embed] = payload.embeds;
  if (!embed) throw new Error('no embed');
  return embed;
};
/** The options of a payload's select menu with this custom_id. */
const menuOptionsOf = (payload: ReplyPayload, customId: string) =>
  (payload.components ?? []).flatMap((row) =>
    row.components.flatMap((component) =>
      'options' in component && component.custom_id === customId ? component.options : [],
    ),
  );

/** Button labels, and a menu's placeholder in its place. */
const buttonLabels = (payload: ReplyPayload) =>
  (payload.components ?? []).flatMap((row) =>
    row.components.map((component) =>
      'label' in component ? component.label : 'placeholder' in component ? component.placeholder : undefined,
    ),
  );
const fieldNamed = (embed: APIEmbed, name: string) => embed.fields?.find((field) => field.name.startsWith(name));

function expectDeliverable(payload: ReplyPayload) {
  expect(deliveryErrors(payload)).toEqual([]);
  expect(limitProblems(payload)).toEqual([]);
  expect(payload.allowed_mentions).toEqual({ parse: [] });
  expect(payload.flags).toBeUndefined();
  const footer = onlyEmbed(payload).footer?.text ?? '';
  expect(footer).toContain('estimates, not measurements');
}

const recommendQueries: OptionValues[] = [
  { model: 'llama-3.3-70b', quant: 'Q4_K_M', context: 32768, budget: 3000 },
  { model: 'gpt-oss-120b' },
  { model: 'gpt-oss-120b', quant: 'MXFP4', context: 131072, prompt_tokens: 4096 },
  { model_size_gb: 10 },
  { model_size_gb: 10, budget: 100 },
  { model: 'llama-3.1-405b', budget: 2000 },
  { model: 'qwen3-32b', category: 'mini-pc', priority: 'value' },
  { model: 'llama-3.3-70b', category: 'laptop', min_speed: 20 },
  { model: 'qwen3-8b', priority: 'price', offset: 5 },
];

describe('/recommend on the live catalog', () => {
  it.each(recommendQueries.map((options) => [JSON.stringify(options), options] as const))(
    '%s validates against the interaction callback schemas and the limits',
    (_label, options) => {
      expectDeliverable(run('recommend', options).payload);
    },
  );

  it('70B Q4_K_M, 32k context, 3000 EUR: five picks of at most three short lines, what was left out in one line, one menu, a chart button and a page button', () => {
    const { result, payload } = run('recommend', {
      model: 'llama-3.3-70b',
      quant: 'Q4_K_M',
      context: 32768,
      budget: 3000,
    });
    const recommended = result.result as RecommendResult;
    const embed = onlyEmbed(payload);
    expect(embed.title).toContain('Llama 3.3 70B');
    expect(embed.description).toContain('32,768');
    expect(embed.description).toContain('3,000 EUR');
    const picks = (embed.fields ?? []).filter((field) => field.name.startsWith('#'));
    expect(picks).toHaveLength(Math.min(5, recommended.qualifying));
    for (const [index, pick] of recommended.picks.entries()) {
      const field = picks[index];
      expect(field?.name).toMatch(new RegExp(`^#${pick.rank} `));
      // The price with ~ when estimated and + when over six months old (the footer says what they
      // mean), and its month in words.
      const [year, month] = pick.machine.priceAsOf.split('-');
      const monthName = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ')[Number(month) - 1];
      const { priceIsEstimate, priceOld, priceEur, priceMarket } = pick.machine;
      expect(field?.name).toContain(
        `— ${priceIsEstimate ? '~' : ''}${formatNumber(priceEur, 0)}${priceOld ? '+' : ''} EUR${priceMarket === 'used_market' ? ' used' : ''} (${monthName} ${year})`,
      );
      expect(field?.name.endsWith(`(${monthName} ${year})`)).toBe(true);
      // Three lines in all: name and price (the field's name), speed, fit.
      const lines = field?.value.split('\n') ?? [];
      expect(lines.length).toBeLessThanOrEqual(2);
      expect(lines[0]).toBe(
        `**${formatRate(pick.estimate.tg?.tokensPerSecond ?? 0)} tok/s** generating · 1st token ${formatSeconds(pick.estimate.timeToFirstTokenSeconds ?? 0).replace(' ', '\u00a0')}`,
      );
      expect(lines[1]).toContain(`${formatGb(pick.estimate.memory.headroomGb)} spare`);
      // Chip internals and jargon belong in the details.
      expect(`${field?.name} ${field?.value}`).not.toMatch(
        /gfx\d|sm_\d|sm\\_\d|\btg\b|\bpp\b|rocm|cuda|vulkan|headroom/,
      );
      // No number twice within a pick: the rank and the machine's own name aside.
      // A link's address is not read (its commit hash is full of digits): only its label counts.
      const shown = `${field?.name.split(' — ').slice(1).join(' ')} ${field?.value}`.replace(
        /\]\(<?https?:[^)]*\)/g,
        ']',
      );
      // "1st token" is a word, not a number.
      const numbers = shown.replace(/\b1st\b/g, 'first').match(/\d[\d,.-]*\d|\d/g) ?? [];
      expect(new Set(numbers).size, `${field?.name}: ${field?.value}`).toBe(numbers.length);
    }
    // What was left out: counts in one line, largest first, the names a button away.
    const leftOut = embed.description?.split('\n').find((line) => line.startsWith('Left out: ')) ?? '';
    const over = recommended.excluded.find((exclusion) => exclusion.kind === 'over-budget')?.count ?? 0;
    expect(leftOut).toContain(`${formatNumber(over, 0)} over budget`);
    const counts = [...leftOut.matchAll(/(\d[\d,]*) /g)].map((match) => Number(match[1]?.replace(/,/g, '')));
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(fieldNamed(embed, 'Left out')).toBeUndefined();
    // The assumptions beside the context stated above, and the price marks said once.
    expect(embed.footer?.text).toMatch(
      /^estimates, not measurements: 512-token prompt, 1 user, KV f16, backend auto( · price (~ estimated, )?\+ over six months old, likely higher)?$/,
    );
    expect(embed.image).toBeUndefined();
    expect(buttonLabels(payload)).toEqual([
      'Details of a pick, or compare two…',
      'Chart, left out',
      `Show #6–#${Math.min(10, recommended.qualifying)}`,
    ]);
  });

  it('says a spill to system RAM in words that stand out, and calls a small margin tight', () => {
    // A 70B at 32k at a few budgets: some picks spill from 24-48 GB of VRAM, a 128 GB box holds it with room.
    const runs = [3000, 2000, 4000].map((budget) =>
      run('recommend', { model: 'llama-3.3-70b', quant: 'Q4_K_M', context: 32768, budget }),
    );
    const pickWhere = (wanted: (pick: RecommendResult['picks'][number]) => boolean) =>
      runs.flatMap(({ result, payload }) =>
        (result.result as RecommendResult).picks.filter(wanted).map((pick) => ({ pick, payload })),
      )[0];
    const fieldOf = (found: ReturnType<typeof pickWhere>) =>
      found
        ? onlyEmbed(found.payload).fields?.find((candidate) => candidate.name.startsWith(`#${found.pick.rank} `))
        : undefined;
    const spilled = pickWhere((pick) => pick.estimate.placement.kind === 'gpu+cpu');
    expect(spilled, 'a pick that spills to RAM in these queries').toBeDefined();
    expect(fieldOf(spilled)?.value.split('\n')[1]).toMatch(
      /^⚠️ \*\*(tight: [\d.,]+ GB spare, spills to RAM|spills to RAM)\*\*/,
    );
    const roomy = pickWhere(
      (pick) => pick.estimate.placement.kind !== 'gpu+cpu' && pick.estimate.memory.headroomGb > 20,
    );
    expect(roomy, 'a pick with room to spare in these queries').toBeDefined();
    expect(fieldOf(roomy)?.value.split('\n')[1]).toBe(
      `fits, ${formatGb(roomy?.pick.estimate.memory.headroomGb ?? 0)} spare`,
    );
  });

  it('is at most half the characters it was (3,433 on 2026-12-01) for the 70B question', () => {
    const embed = onlyEmbed(
      run('recommend', { model: 'llama-3.3-70b', quant: 'Q4_K_M', context: 32768, budget: 3000 }).payload,
    );
    // What the reader reads: a link counts as its label, not its address (a pick with a measurement
    // carries a ~110-character source URL behind the word "source", which depends on the catalog, not the layout).
    const characters = [
      embed.title,
      embed.description,
      embed.footer?.text,
      ...(embed.fields ?? []).flatMap((field) => [field.name, field.value]),
    ]
      .join('')
      .replace(/\[([^\]]*)\]\(<?https?:[^)]*\)/g, '$1').length;
    expect(characters).toBeLessThanOrEqual(3433 / 2);
  });

  it("leaves a published measurement to the pick's details, where it stands beside the estimate", () => {
    // The first page, of a few common questions, on which a pick has a published tg figure.
    const pages = ['llama-3.3-70b', 'llama-2-7b', 'qwen3-30b-a3b'].flatMap((model) =>
      [0, 5, 10, 15, 20].map((offset) =>
        run('recommend', { model, offset, ...(model === 'llama-2-7b' ? { quant: 'Q4_0' } : {}) }),
      ),
    );
    const hasTg = (pick: RecommendResult['picks'][number]) =>
      pick.measurements.some((measurement) => measurement.tgTokensPerSecond !== undefined);
    const page = pages.find(({ result }) => (result.result as RecommendResult).picks.some(hasTg));
    expect(page, 'a page with a measured pick').toBeDefined();
    if (!page) return;
    const { result, payload } = page;
    const measured = (result.result as RecommendResult).picks.find(hasTg);
    const tg =
      measured?.measurements.find((measurement) => measurement.tgTokensPerSecond !== undefined)?.tgTokensPerSecond ?? 0;
    // The list keeps to name, speed and fit; the measurement is one menu choice away, in /specs.
    const field = onlyEmbed(payload).fields?.find((candidate) => candidate.name.startsWith(`#${measured?.rank} `));
    expect(field?.value).not.toContain('measured');
    const option = menuOptionsOf(payload, recommendMenuIds.picks).find((candidate) =>
      candidate.label.startsWith(`#${measured?.rank} `),
    );
    const action = parseCustomId(option?.value ?? '');
    expect(action?.command).toBe('specs');
    const resolved =
      action &&
      resolveButtonAction(
        action,
        advisor.catalog.machines.map((machine) => machine.id),
      );
    expect(resolved?.options.machine).toBe(measured?.machine.id);
    const details = run('specs', resolved?.options ?? {});
    expect(JSON.stringify(details.payload.embeds)).toContain(`measured ${formatRate(tg)}`);
  });

  it('says so when nothing is within budget, with the cheapest machine that runs it', () => {
    const { payload } = run('recommend', { model_size_gb: 10, budget: 100 });
    const embed = onlyEmbed(payload);
    expect(embed.description).toContain('No machine in the catalog qualifies');
    // Its price in the name line, as every pick has it; speed and fit below.
    const cheapest = fieldNamed(embed, 'Cheapest that runs it');
    expect(cheapest?.name).toMatch(/— ~?[\d,]+\+? EUR/);
    expect(cheapest?.value).toMatch(/tok\/s\*\* generating/);
    // Nothing to chart, but why each was left out, with an example, is one button away.
    expect(buttonLabels(payload)).toEqual(['Left out']);
  });

  it('names the largest model the budget runs when the asked one is out of reach', () => {
    const { result, payload } = run('recommend', { model: 'llama-3.1-405b', budget: 2000 });
    const largest = (result.result as RecommendResult).largestModelInBudget;
    expect(largest).toBeDefined();
    const field = fieldNamed(onlyEmbed(payload), 'Largest model within budget');
    expect(field?.name).toContain(largest?.name ?? '?');
    expect(field?.value.split('\n')[0]).toContain(formatNumber(largest?.pick.machine.priceEur ?? 0, 0));
  });

  it('with a category filter, counts the machines of other categories as left out', () => {
    const { result, payload } = run('recommend', { model: 'qwen3-32b', category: 'mini-pc', priority: 'value' });
    expect((result.result as RecommendResult).picks.every((pick) => pick.machine.category === 'mini-pc')).toBe(true);
    expect(onlyEmbed(payload).description).toMatch(/\nLeft out: .*\d+ not mini-pc/);
    expect(onlyEmbed(payload).description).toContain('by **value**');
  });

  it('on a later page, offers the previous page too', () => {
    expect(buttonLabels(run('recommend', { model: 'qwen3-8b', priority: 'price', offset: 5 }).payload)).toEqual([
      'Details of a pick, or compare two…',
      'Chart, left out',
      'Previous: #1–#5',
      'Show #11–#15',
    ]);
  });
});

const comparePairs: OptionValues[] = [
  { machine_a: 'framework-desktop-128gb', machine_b: 'desktop-9950x3d-2x-rtx-5090' },
  { machine_a: 'mac-studio-m3-ultra-512gb', machine_b: 'server-epyc-9655-768gb', model: 'deepseek-v3' },
  { machine_a: 'minisforum-elitemini-ai370-32gb', machine_b: 'nvidia-dgx-spark', model_size_gb: 10 },
  {
    machine_a: 'workstation-tr-pro-9995wx-2x-rtx-pro-6000',
    machine_b: 'desktop-9700x-rtx-5060-ti-16gb',
    model: 'gpt-oss-120b',
    quant: 'MXFP4',
    context: 32768,
  },
  { machine_a: 'mac-mini-m4-pro-64gb', machine_b: 'asus-ascent-gx10', model: 'llama-3.1-405b' },
];

describe('/recommend names what it left out', () => {
  it('by short names, never raw ids in code that break mid-word on a phone', () => {
    const { result, payload } = run('recommend', {
      model: 'llama-3.3-70b',
      quant: 'Q4_K_M',
      context: 32768,
      budget: 3000,
    });
    // In the chart view its button opens, where there is room for names.
    const chartView = renderCommandResult(result, {
      model: 'llama-3.3-70b',
      quant: 'Q4_K_M',
      context: 32768,
      budget: 3000,
      view: recommendChartView,
    });
    expect(chartView.flags).toBe(64);
    // What Discord would take: the same callback schemas and limits as every other reply.
    expect(deliveryErrors(chartView)).toEqual([]);
    expect(limitProblems(chartView)).toEqual([]);
    expect(payload.embeds[0]?.description).not.toMatch(/`[a-z0-9-]+`/);
    const leftOut = fieldNamed(onlyEmbed(chartView), 'Left out')?.value ?? '';
    expect(leftOut).not.toMatch(/`[a-z0-9-]+`/);
    const excluded = (result.result as RecommendResult).excluded.filter((exclusion) => exclusion.examples.length > 0);
    expect(excluded.length).toBeGreaterThan(0);
    for (const exclusion of excluded) {
      const machine = advisor.catalog.machine(exclusion.examples[0] ?? '');
      expect(leftOut).toContain(escapeCatalogText(shortMachineName(machine?.name ?? 'missing')));
    }
  });
});

describe('/compare on the live catalog', () => {
  it.each(comparePairs.map((options) => [`${options.machine_a} vs ${options.machine_b}`, options] as const))(
    '%s validates and stays within the limits',
    (_label, options) => {
      expectDeliverable(run('compare', options).payload);
    },
  );

  it('is one embed of short "label: A · B" rows, the better side in bold, no table, and the better value called out', () => {
    const { result, payload } = run('compare', {
      machine_a: 'framework-desktop-128gb',
      machine_b: 'desktop-9950x3d-2x-rtx-5090',
    });
    const compared = result.result as CompareResult;
    const embed = onlyEmbed(payload);
    const specs = (fieldNamed(embed, 'Specs')?.value ?? '').split('\n');
    expect(specs.join('\n')).not.toContain('```');
    const marked = compared.specRows.filter(
      (row) => row.better !== null && typeof row.a === 'number' && typeof row.b === 'number',
    );
    expect(marked.length).toBeGreaterThan(0);
    // The cheaper one's price is the bold one, on its own side of the dot.
    const price = compared.specRows.find((row) => row.key === 'price');
    const cheaper =
      price?.better === 'a'
        ? `Price: **${formatNumber(Number(price.a))}** · ${formatNumber(Number(price.b))} EUR`
        : `Price: ${formatNumber(Number(price?.a))} · **${formatNumber(Number(price?.b))}** EUR`;
    expect(specs).toContain(cheaper);
    for (const row of marked) {
      const line = specs.find((candidate) =>
        candidate.includes(`**${formatNumber(Number(row.better === 'a' ? row.a : row.b))}**`),
      );
      const [left = '', right = ''] = line?.split(' · ') ?? [];
      expect(row.better === 'a' ? left : right, row.key).toContain('**');
      expect(row.better === 'a' ? right : left, row.key).not.toContain('**');
    }
    expect(fieldNamed(embed, 'Better value')?.value).toMatch(
      compared.betterValue === 'a' ? /^\*\*A\*\*: .*, against .* for B\.$/ : /^\*\*B\*\*: .*, against .* for A\.$/,
    );
    expect(embed.description).toContain('the default');
  });

  it('draws no table a phone breaks: any code block at most 32 columns, the better side in bold, never by an emoji', () => {
    for (const options of comparePairs) {
      const embed = onlyEmbed(run('compare', options).payload);
      const text = [embed.description ?? '', ...(embed.fields ?? []).map((field) => field.value)].join('\n');
      for (const block of text.match(/```[\s\S]*?```/g) ?? [])
        for (const line of block.replace(/```\w*/g, '').split('\n'))
          expect(line.length, `${JSON.stringify(options)}: ${line}`).toBeLessThanOrEqual(32);
      expect(text).not.toMatch(/\p{Extended_Pictographic}/u);
      // Rows read "label: A · B" (or "label: both …"), the better one in bold.
      const rows = text.split('\n').filter((line) => / · /.test(line) && /^[A-Z][^:]{0,24}: /.test(line));
      expect(rows.length, JSON.stringify(options)).toBeGreaterThan(5);
      expect(rows.some((row) => /: \*\*[\d,.]+\*\* · /.test(row) || / · \*\*[\d,.]+\*\*/.test(row))).toBe(true);
    }
  });

  it('keeps every line of every compare reply short enough for a phone line or two (no chip internals)', () => {
    for (const options of comparePairs) {
      const embed = onlyEmbed(run('compare', options).payload);
      for (const field of embed.fields ?? []) {
        if (field.name === 'Published measurements' || field.name === 'Hardware') continue;
        for (const line of field.value.split('\n'))
          expect(line.length, `${field.name}: ${line}`).toBeLessThanOrEqual(100);
        expect(field.value).not.toMatch(/gfx\d|sm\\?_\d|CUDA cores| CU /);
      }
    }
  });
});

describe('/specs on the live catalog', () => {
  const pageOf = (payload: ReplyPayload, label: string) => {
    const button = (payload.components ?? [])
      .flatMap((row) => row.components)
      .find((component) => 'label' in component && component.label?.startsWith(label) === true);
    return button && 'custom_id' in button ? parseCustomId(button.custom_id) : undefined;
  };

  it('gives every machine a first page of at most 2,000 characters: price, hardware, one line per estimate, placement said once', () => {
    for (const machine of advisor.catalog.machines) {
      const { result, payload } = run('specs', { machine: machine.id });
      expect({ machine: machine.id, problems: [...deliveryErrors(payload), ...limitProblems(payload)] }).toEqual({
        machine: machine.id,
        problems: [],
      });
      expect(totalEmbedLength(payload.embeds), machine.id).toBeLessThanOrEqual(2000);
      const embed = onlyEmbed(payload);
      expect(embed.title).toBe(machine.name);
      expect(embed.description).toContain(`price from ${machine.price.date.slice(0, 7)}`);
      const hardware = fieldNamed(embed, 'Hardware')?.value ?? '';
      expect(hardware, machine.id).toMatch(/\nExpansion: .*Ethernet [\d.]+ Gbit\/s/);
      expect(hardware, machine.id).toMatch(/\nPower: /);
      const chip = advisor.catalog.chip(machine.chip);
      if (chip?.engines.some((engine) => engine.kind === 'npu' && engine.backends.length === 0))
        expect(hardware).toContain('**not used**');
      const speed = (fieldNamed(embed, 'Speed at')?.value ?? '').split('\n');
      const specsResult = result.result as SpecsResult;
      expect(speed.slice(1).map((line) => /^\*\*([^*]+)\*\*/.exec(line)?.[1])).toEqual(
        specsResult.estimates.map((entry) => entry.estimate.model.name),
      );
      const phrases = Object.values(placementPhrase).filter((phrase) => speed.join('\n').includes(phrase));
      expect(phrases.length, machine.id).toBeLessThanOrEqual(1);
      // A row names a placement only where it differs from the first line's.
      const header = (Object.keys(placementPhrase) as (keyof typeof placementPhrase)[]).find((kind) =>
        (speed[0] ?? '').includes(placementPhrase[kind]),
      );
      if (header)
        for (const row of speed.slice(1)) expect(row, machine.id).not.toContain(`· ${placementLabel[header]},`);
      expect(embed.footer?.text).toContain(`Prices as of ${machine.price.date}`);
      const measuredLabel = specsResult.measurements.length > 0 ? 'Measurements' : 'Compute engines';
      for (const [label, page] of [
        [measuredLabel, 'measured'],
        ['Price and sources', 'sources'],
      ] as const) {
        const action = pageOf(payload, label);
        expect(action?.namespace, `${machine.id} ${label}`).toBe('specs:page');
        expect(action?.response).toBe('update');
        expect(action?.options.page).toBe(page);
        expect(
          resolveButtonAction(
            action ?? { namespace: 'specs:page', command: 'specs', response: 'update', options: {} },
            advisor.catalog.machines.map((entry) => entry.id),
          )?.options.machine,
        ).toBe(machine.id);
      }
    }
  });

  it('lists the price part by part and every source as a link named by its site on the "Price and sources" page', () => {
    for (const machine of advisor.catalog.machines) {
      const { result, payload } = run('specs', { machine: machine.id, page: 'sources' });
      expect({ machine: machine.id, problems: [...deliveryErrors(payload), ...limitProblems(payload)] }).toEqual({
        machine: machine.id,
        problems: [],
      });
      const embed = onlyEmbed(payload);
      const partLines = (embed.description ?? '').split('\n').filter((line) => line.startsWith('↳ '));
      expect(
        partLines.map((line) => /— ([\d,]+) ([A-Z]{3}) \(/.exec(line)?.slice(1, 3).join(' ')),
        machine.id,
      ).toEqual(
        (machine.price.parts ?? []).map(
          (part) => `${part.amount.toLocaleString('en-US', { maximumFractionDigits: 0 })} ${part.currency}`,
        ),
      );
      // About one phone screen each, the sources included (3,153 characters for the Framework Desktop before);
      // what does not fit goes on a second page, reached by a button.
      const more = pageOf(payload, 'More sources');
      const second = more ? run('specs', { machine: machine.id, page: 'sources-2' }).payload : undefined;
      expect(more === undefined ? undefined : more.options.page, machine.id).toBe(second ? 'sources-2' : undefined);
      const embeds = [embed, ...(second ? [onlyEmbed(second)] : [])];
      for (const shown of embeds) expect(totalEmbedLength([shown]), machine.id).toBeLessThanOrEqual(2000);
      if (second) expect(deliveryErrors(second)).toEqual([]);
      const text = embeds.flatMap((shown) => (shown.fields ?? []).map((field) => field.value)).join('\n');
      const page = `${embed.description ?? ''}\n${text}`;
      expect(text).not.toMatch(/\[\d+\]\(/);
      // Every source's URL is linked exactly once over the two pages, behind a name rather than the bare URL.
      const links = [...page.matchAll(/\[([^\]]+)\]\((https?:[^)\s]+)\)/g)];
      for (const url of new Set(
        (result.result as SpecsResult).sources.filter((source) => /^https?:\/\//.test(source)),
      )) {
        const target = url.replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/ /g, '%20');
        const named = links.filter((link) => link[2] === target);
        expect(named.length, `${machine.id}: ${url}`).toBe(1);
        expect(named[0]?.[1], url).not.toMatch(/^https?:/);
      }
      expect(page.replace(/\]\([^)\s]+\)/g, ']'), machine.id).not.toMatch(/https?:\/\//);
      expect(pageOf(payload, 'Back to the sheet')?.options.page).toBe('sheet');
    }
  });

  it('puts the asked model first, and lists published measurements by model name on their page', () => {
    const { payload } = run('specs', { machine: 'framework-desktop-128gb', model: 'qwen3-30b-a3b' });
    const speed = (fieldNamed(onlyEmbed(payload), 'Speed at')?.value ?? '').split('\n');
    expect(speed[1]).toMatch(/^\*\*Qwen3 30B-A3B\*\* Q4\\_K\\_M: \*\*[\d.]+ tok\/s\*\*/);
    const measured = onlyEmbed(
      run('specs', { machine: 'framework-desktop-128gb', model: 'qwen3-30b-a3b', page: 'measured' }).payload,
    );
    const rows = (measured.fields ?? [])
      .filter((field) => field.name !== 'Compute engines')
      .flatMap((field) => field.value.split('\n'));
    expect(rows.length).toBeGreaterThan(4);
    expect(rows.join('\n')).not.toMatch(/`[a-z0-9-]+`/);
    expect(rows).toContainEqual(
      expect.stringMatching(
        /^\*\*Qwen3 30B-A3B\*\* [^,]+, vulkan: \*\*[\d.]+ tok\/s\*\* generating · prompt [\d,.]+ tok\/s/,
      ),
    );
    expect(fieldNamed(measured, 'Compute engines')?.value).toContain('**not used**');
  });

  it("says the GPU's share of unified memory in the units its 'spare' figures are in: 96 GiB = 103 GB on a Strix Halo box", () => {
    const { result, payload } = run('specs', { machine: 'framework-desktop-128gb' });
    const sheet = result.result as SpecsResult;
    const hardware = fieldNamed(onlyEmbed(payload), 'Hardware')?.value ?? '';
    // The catalog's 96 (binary, as memory is sold) is 96 × 1.073741824 = 103.1 decimal GB.
    expect(sheet.machine.memory.gpu_addressable_gb).toBe(96);
    expect(hardware).toContain('the GPU can use **96 GiB = 103 GB**');
    // Every estimate on the iGPU alone is "spare" out of those 103.1 GB.
    for (const entry of sheet.estimates.filter((candidate) => candidate.estimate.placement.kind === 'unified-gpu'))
      expect(entry.estimate.memory.neededGb + entry.estimate.memory.headroomGb).toBeCloseTo(103.08, 1);
  });

  it('turns the published runs in pages well under the 6,000-character message, each run shown once', () => {
    const sheet = run('specs', { machine: 'framework-desktop-128gb' });
    const total = (sheet.result.result as SpecsResult).measurements.length;
    expect(total, 'enough runs to need pages').toBeGreaterThan(12);
    const seen: string[] = [];
    let page: ReplyPayload | undefined = run('specs', { machine: 'framework-desktop-128gb', page: 'measured' }).payload;
    for (let turns = 0; page && turns < 10; turns += 1) {
      const current: ReplyPayload = page;
      expect(totalEmbedLength(current.embeds)).toBeLessThan(2600);
      expect(deliveryErrors(current)).toEqual([]);
      seen.push(
        ...(onlyEmbed(current).fields ?? [])
          .filter((field) => field.name !== 'Compute engines')
          .flatMap((field) => field.value.split('\n'))
          .filter((row) => !row.startsWith('…')),
      );
      const buttons = (current.components ?? []).flatMap((row) => row.components);
      const forward = buttons.find(
        (button) => 'label' in button && /^Runs (\d+)/.exec(button.label ?? '')?.[1] === String(seen.length + 1),
      );
      const id = forward && 'custom_id' in forward ? forward.custom_id : undefined;
      const action = id === undefined ? undefined : parseCustomId(id);
      page = action ? run('specs', action.options).payload : undefined;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(Math.min(total, seen.length));
    expect(seen.length).toBeGreaterThan(12);
  });
});
