/** Reading chart SVGs back in tests: a strict XML parse, elements by class, numbers from attributes. */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { yTickBaselinePx } from '../../src/charts/axes.ts';
import { expect } from 'vitest';
import {
  compare,
  createAdvisor,
  recommend,
  specs,
  type CompareResult,
  type Pick,
  type RecommendResult,
  type SpecsResult,
} from '../../src/advisor/index.ts';
import type { SpeedEstimate } from '../../src/estimator/index.ts';
import { fixtureCatalog } from '../helpers/catalog.ts';

export interface SvgElement {
  name: string;
  attributes: Record<string, string>;
  /** Text content, entities decoded. */
  text: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function walk(nodes: unknown, into: SvgElement[]): string {
  if (!Array.isArray(nodes)) return '';
  let text = '';
  for (const node of nodes) {
    if (!isRecord(node)) continue;
    for (const [key, value] of Object.entries(node)) {
      if (key === ':@') continue;
      if (key === '#text') {
        text += String(value);
        continue;
      }
      const attributesRaw = node[':@'];
      const attributes: Record<string, string> = {};
      if (isRecord(attributesRaw))
        for (const [name, attribute] of Object.entries(attributesRaw)) attributes[name] = String(attribute);
      const element: SvgElement = { name: key, attributes, text: '' };
      into.push(element);
      element.text = walk(value, into);
      text += element.text;
    }
  }
  return text;
}

/** Every element of a well-formed SVG, in document order; fails the test on malformed XML. */
export function parseSvg(svg: string): SvgElement[] {
  expect(XMLValidator.validate(svg)).toBe(true);
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseAttributeValue: false,
    parseTagValue: false,
    trimValues: false,
  });
  const elements: SvgElement[] = [];
  walk(parser.parse(svg), elements);
  return elements;
}

export const byClass = (elements: readonly SvgElement[], className: string) =>
  elements.filter((element) => element.attributes.class === className);

export function numberAttribute(element: SvgElement | undefined, name: string): number {
  const raw = element?.attributes[name];
  if (raw === undefined) throw new Error(`no ${name} on ${element?.name ?? 'missing element'}`);
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new Error(`${name}="${raw}" is not a number`);
  return value;
}

/** Pixel position of a value on an axis, interpolated from the tick labels (which sit at their value). */
export function pixelFromTicks(ticks: readonly SvgElement[], value: number, coordinate: 'x' | 'y'): number {
  const [first, second] = ticks;
  const v1 = numberAttribute(first, 'data-value');
  const v2 = numberAttribute(second, 'data-value');
  // y tick labels sit below their grid line (baseline offset), so use the grid-line position.
  const offset = coordinate === 'y' ? -yTickBaselinePx : 0;
  const p1 = numberAttribute(first, coordinate) + offset;
  const p2 = numberAttribute(second, coordinate) + offset;
  return p1 + ((value - v1) / (v2 - v1)) * (p2 - p1);
}

export function unwrap<T>(outcome: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.error));
  return outcome.value;
}

export const advisor = createAdvisor(fixtureCatalog());

/** A fixed machine for hand-made results: only what the charts read. */
export interface HandMadeMachine {
  id: string;
  name: string;
  priceEur: number;
  tgTokensPerSecond: number | null;
  ppTokensPerSecond?: number | null;
  /** Time to first token; when left out, the template's stays. */
  firstTokenSeconds?: number;
  /** Memory left over; when left out, the template's stays. */
  headroomGb?: number;
}

function speed(value: number | null | undefined, template: SpeedEstimate | undefined): SpeedEstimate | undefined {
  if (value === null || value === undefined) return undefined;
  if (!template) throw new Error('the template estimate should have speeds');
  return { ...template, tokensPerSecond: value, low: value * 0.9, high: value * 1.1 };
}

function withFigures<T extends Pick | CompareResult['a']>(template: T, machine: HandMadeMachine): T {
  const { tg, pp, ...estimate } = template.estimate;
  const tgEstimate = speed(machine.tgTokensPerSecond, tg);
  const ppEstimate =
    machine.tgTokensPerSecond === null
      ? undefined
      : speed(machine.ppTokensPerSecond === undefined ? 100 : machine.ppTokensPerSecond, pp);
  return {
    ...template,
    machine: { ...template.machine, id: machine.id, name: machine.name, priceEur: machine.priceEur },
    estimate: {
      ...estimate,
      fits: machine.tgTokensPerSecond !== null,
      hardware: { id: machine.id, name: machine.name },
      ...(tgEstimate ? { tg: tgEstimate } : {}),
      ...(ppEstimate ? { pp: ppEstimate } : {}),
      ...(machine.firstTokenSeconds === undefined ? {} : { timeToFirstTokenSeconds: machine.firstTokenSeconds }),
      memory:
        machine.headroomGb === undefined ? estimate.memory : { ...estimate.memory, headroomGb: machine.headroomGb },
    },
  };
}

/** A RecommendResult with the given picks (in rank order), built on a real fixture result so its shape stays current. */
export function handMadeRecommend(
  picks: readonly HandMadeMachine[],
  options: { budgetEur?: number; qualifying?: number } = {},
): RecommendResult {
  const base = unwrap(recommend(advisor, { model: 'test-dense-8b', quant: 'Q4_0' }));
  const template = base.picks[0];
  if (!template) throw new Error('the fixture catalog should run the 8B model');
  const { budgetEur, ...rest } = base;
  return {
    ...rest,
    ...(options.budgetEur === undefined ? {} : { budgetEur: options.budgetEur }),
    picks: picks.map((machine, index) => ({ ...withFigures(template, machine), rank: index + 1 })),
    qualifying: options.qualifying ?? picks.length,
  };
}

/** A CompareResult of two hand-made machines, with their installed memory. */
export function handMadeCompare(
  a: HandMadeMachine & { memoryGb: number },
  b: HandMadeMachine & { memoryGb: number },
): CompareResult {
  const base = unwrap(
    compare(advisor, { machineA: 'test-mini', machineB: 'test-desktop-cpu', model: 'test-dense-8b', quant: 'Q4_0' }),
  );
  return {
    ...base,
    a: withFigures(base.a, a),
    b: withFigures(base.b, b),
    specRows: base.specRows.map((row) => (row.key === 'memory' ? { ...row, a: a.memoryGb, b: b.memoryGb } : row)),
    betterValue: 'b',
  };
}

export function fixtureSpecs(machine = 'test-mini'): SpecsResult {
  return unwrap(specs(advisor, { machine }));
}
