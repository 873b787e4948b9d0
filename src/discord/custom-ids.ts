/**
 * Buttons carry their whole state in a namespaced custom_id, so a button keeps working
 * after a restart (no collectors, nothing in memory):
 *   recommend:more:m=llama-3.3-70b,q=Q4_K_M,b=3000,c=32768,o=5,h=q8_0,u=5
 *   recommend:chart:m=llama-3.3-70b,q=Q4_K_M,b=3000,c=32768   (the chart and what was left out)
 *   compare:pair:<machine a>:<machine b>:m=llama-3.3-70b,q=Q4_K_M,c=32768
 *   specs:one:<machine>:m=llama-3.3-70b,c=32768
 *   specs:page:<machine>:<page>:m=llama-3.3-70b,c=32768   (another page of the same sheet)
 * A select menu's option values are such ids too: choosing one runs it like a button.
 * Two long machine ids (builds run past 60 characters) do not fit twice in 100, so then
 * each is written as a short stable reference, `~` and a hash of the id, which the router
 * resolves against the catalog. Every id is at most 100 characters: optional fields are
 * dropped to get there, and when even the required ones do not fit, no id (and so no
 * button) is made.
 */
import type { OptionValues } from '../../commands/index.ts';
import { discordLimits } from './limits.ts';

/** The one table of button namespaces: which command a button runs and how it answers. */
export const buttonNamespaces = {
  'recommend:more': { command: 'recommend', response: 'update' },
  /** A suggestion taken from an error: the question again with the suggested model, as a new message. */
  'recommend:run': { command: 'recommend', response: 'reply' },
  /**
   * The answer's chart and the names of what it left out, only for the one who pressed it:
   * a phone screen has room for the picks or the chart, not both (the renderer reads `view`).
   */
  'recommend:chart': { command: 'recommend', response: 'ephemeral' },
  'compare:pair': { command: 'compare', response: 'reply' },
  'specs:one': { command: 'specs', response: 'reply' },
  'specs:page': { command: 'specs', response: 'update' },
} as const;

/**
 * The select menu on a /recommend answer. Its own custom_id only names it: each option's value
 * is one of the action ids above (specs:one for a pick's details, compare:pair for two picks),
 * which the router runs as a button. (Answers sent before it have two menus, `recommend:details`
 * and `recommend:compare`, whose options work the same way.)
 */
export const recommendMenuIds = {
  picks: 'recommend:picks',
} as const;

/**
 * The pages of a /specs answer: the sheet, then what it rests on (measurements, turned in
 * pages of a few runs each so each page stays well under Discord's 6,000 characters; sources).
 */
export const specsPages = [
  'sheet',
  'measured',
  'measured-2',
  'measured-3',
  'measured-4',
  'measured-5',
  'measured-6',
  'sources',
  'sources-2',
] as const;
export type SpecsPage = (typeof specsPages)[number];
const isSpecsPage = (text: string): text is SpecsPage => (specsPages as readonly string[]).includes(text);

export type ButtonNamespace = keyof typeof buttonNamespaces;

export interface ButtonAction {
  namespace: ButtonNamespace;
  command: (typeof buttonNamespaces)[ButtonNamespace]['command'];
  /** update: replace the message the button is on; reply: answer with a new message. */
  response: (typeof buttonNamespaces)[ButtonNamespace]['response'];
  options: OptionValues;
}

type FieldKind = 'id' | 'quant' | 'number' | 'integer' | 'boolean';

/** Short keys for the options a button carries, in the order they are written. */
const optionFields = [
  { key: 'm', option: 'model', kind: 'id' },
  { key: 's', option: 'model_size_gb', kind: 'number' },
  { key: 'n', option: 'params_b', kind: 'number' },
  { key: 'a', option: 'active_params_b', kind: 'number' },
  { key: 'q', option: 'quant', kind: 'quant' },
  { key: 'b', option: 'budget', kind: 'number' },
  { key: 'c', option: 'context', kind: 'integer' },
  { key: 'p', option: 'prompt_tokens', kind: 'integer' },
  { key: 'v', option: 'min_speed', kind: 'number' },
  { key: 'k', option: 'category', kind: 'id' },
  // first_token has an underscore, which the id pattern leaves out.
  { key: 'r', option: 'priority', kind: 'quant' },
  { key: 'g', option: 'allow_builds', kind: 'boolean' },
  { key: 'x', option: 'allow_clusters', kind: 'boolean' },
  { key: 'o', option: 'offset', kind: 'integer' },
  { key: 'h', option: 'kv_cache', kind: 'quant' },
  { key: 'e', option: 'backend', kind: 'id' },
  { key: 'u', option: 'users', kind: 'integer' },
] as const satisfies readonly { key: string; option: string; kind: FieldKind }[];

type OptionName = (typeof optionFields)[number]['option'];

/** Every option a button can carry. */
export const carriedOptions: readonly string[] = optionFields.map((field) => field.option);

/** Values that can never contain the separators `:` `,` `=`. */
const valuePatterns: Record<FieldKind, RegExp> = {
  id: /^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?$/,
  quant: /^[A-Za-z0-9_-]{1,20}$/, // '-' for Unsloth's UD- names; never a separator
  number: /^\d{1,9}(?:\.\d{1,6})?$/,
  integer: /^\d{1,9}$/,
  boolean: /^[01]$/,
};

const machineIdPattern = valuePatterns.id;
const machineRefPattern = /^~[0-9a-z]{1,7}$/;
const isMachineToken = (token: string) => machineIdPattern.test(token) || machineRefPattern.test(token);

/** A short stand-in for a machine id: `~` and its 32-bit FNV-1a hash in base 36. Stable across restarts. */
export function machineRef(machineId: string): string {
  let hash = 0x811c9dc5;
  for (const character of machineId) {
    hash ^= character.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `~${hash.toString(36)}`;
}

/** The machine id a reference stands for among these ids; undefined when none or ambiguous. */
export function resolveMachineRef(token: string, machineIds: readonly string[]): string | undefined {
  if (!machineRefPattern.test(token)) return machineIds.includes(token) ? token : undefined;
  const matches = machineIds.filter((id) => machineRef(id) === token);
  return matches.length === 1 ? matches[0] : undefined;
}

/** What each button keeps: required options first, then optional ones in the order they are dropped. */
const recommendRequired: readonly OptionName[] = ['model', 'model_size_gb', 'offset'];
const recommendDropOrder: readonly OptionName[] = [
  'prompt_tokens',
  'context',
  'min_speed',
  'priority',
  'category',
  'allow_clusters',
  'allow_builds',
  'backend',
  'kv_cache',
  'users',
  'budget',
  'quant',
];
const recommendRunRequired: readonly OptionName[] = ['model', 'model_size_gb'];
const compareRequired: readonly OptionName[] = [];
const compareDropOrder: readonly OptionName[] = [
  'prompt_tokens',
  'context',
  'backend',
  'kv_cache',
  'users',
  'quant',
  'model',
  'model_size_gb',
];
const specsRequired: readonly OptionName[] = [];
const specsDropOrder: readonly OptionName[] = compareDropOrder;

function encodeValue(kind: FieldKind, value: OptionValues[string]): string | undefined {
  if (value === undefined) return undefined;
  if (kind === 'boolean') return typeof value === 'boolean' ? (value ? '1' : '0') : undefined;
  if (typeof value === 'boolean') return undefined;
  const text = typeof value === 'number' ? String(value) : value.trim();
  return valuePatterns[kind].test(text) ? text : undefined;
}

/** `k=v,k=v` for the options present, or undefined when a required one cannot be written. */
function encodeFields(
  options: OptionValues,
  keep: ReadonlySet<OptionName>,
  required: readonly OptionName[],
): string | undefined {
  const parts: string[] = [];
  for (const field of optionFields) {
    if (!keep.has(field.option) || options[field.option] === undefined) continue;
    const encoded = encodeValue(field.kind, options[field.option]);
    if (encoded === undefined) {
      if (required.includes(field.option)) return undefined;
      continue;
    }
    parts.push(`${field.key}=${encoded}`);
  }
  return parts.join(',');
}

/** The longest id the namespace allows, dropping optional fields in order (when allowed) until it fits. */
function buildId(
  head: string,
  options: OptionValues,
  required: readonly OptionName[],
  dropOrder: readonly OptionName[],
  mayDrop = true,
): string | undefined {
  const keep = new Set<OptionName>([...required, ...dropOrder]);
  for (let dropped = 0; dropped <= (mayDrop ? dropOrder.length : 0); dropped += 1) {
    const fields = encodeFields(options, keep, required);
    if (fields === undefined) return undefined;
    const id = `${head}:${fields}`;
    if (id.length <= discordLimits.customId) return id;
    const next = dropOrder[dropped];
    if (next !== undefined) keep.delete(next);
  }
  return undefined;
}

/** "Show more" (or "Previous"): the same /recommend query from another rank. */
export function recommendMoreId(options: OptionValues, offset: number): string | undefined {
  if (options.model === undefined && options.model_size_gb === undefined) return undefined;
  if (!Number.isInteger(offset) || offset < 0) return undefined;
  return buildId('recommend:more', { ...options, offset }, recommendRequired, recommendDropOrder);
}

/** The /recommend question run afresh (a suggestion taken from an error), answered as a new message. */
export function recommendRunId(options: OptionValues): string | undefined {
  if (options.model === undefined && options.model_size_gb === undefined) return undefined;
  const { offset: _offset, ...rest } = options;
  return buildId('recommend:run', rest, recommendRunRequired, recommendDropOrder);
}

/** What the chart button asks /recommend to draw instead of the list (see parseCustomId). */
export const recommendChartView = 'chart';

/** The chart of the same /recommend query (its page's picks marked when it carries an offset). */
export function recommendChartId(options: OptionValues): string | undefined {
  if (options.model === undefined && options.model_size_gb === undefined) return undefined;
  return buildId('recommend:chart', options, recommendRunRequired, ['offset', ...recommendDropOrder]);
}

/**
 * "Compare #1 vs #2": /compare for two machines with the model and workload of the query.
 * Full machine ids when everything fits; otherwise short references, dropping fields only then.
 */
export function comparePairId(machineA: string, machineB: string, options: OptionValues): string | undefined {
  if (!machineIdPattern.test(machineA) || !machineIdPattern.test(machineB)) return undefined;
  return (
    buildId(`compare:pair:${machineA}:${machineB}`, options, compareRequired, compareDropOrder, false) ??
    buildId(`compare:pair:${machineRef(machineA)}:${machineRef(machineB)}`, options, compareRequired, compareDropOrder)
  );
}

/** "Details" of a pick: /specs for one machine with the model and workload of the query. */
export function specsOneId(machine: string, options: OptionValues): string | undefined {
  if (!machineIdPattern.test(machine)) return undefined;
  return (
    buildId(`specs:one:${machine}`, options, specsRequired, specsDropOrder, false) ??
    buildId(`specs:one:${machineRef(machine)}`, options, specsRequired, specsDropOrder)
  );
}

/** Another page of a /specs answer, for the same machine and workload; the renderer reads it as `page`. */
export function specsPageId(machine: string, page: SpecsPage, options: OptionValues): string | undefined {
  if (!machineIdPattern.test(machine)) return undefined;
  return (
    buildId(`specs:page:${machine}:${page}`, options, specsRequired, specsDropOrder, false) ??
    buildId(`specs:page:${machineRef(machine)}:${page}`, options, specsRequired, specsDropOrder)
  );
}

function decodeValue(kind: FieldKind, text: string): string | number | boolean {
  if (kind === 'boolean') return text === '1';
  return kind === 'number' || kind === 'integer' ? Number(text) : text;
}

function decodeFields(
  text: string,
  allowed: readonly OptionName[],
): Record<string, string | number | boolean> | undefined {
  const options: Record<string, string | number | boolean> = {};
  if (text === '') return options;
  for (const part of text.split(',')) {
    const [key, value, ...rest] = part.split('=');
    const field = optionFields.find((candidate) => candidate.key === key);
    if (!field || !allowed.includes(field.option) || value === undefined || rest.length > 0 || field.option in options)
      return undefined;
    if (!valuePatterns[field.kind].test(value)) return undefined;
    options[field.option] = decodeValue(field.kind, value);
  }
  return options;
}

/** The action a button's custom_id stands for, or undefined for anything this version did not make. */
export function parseCustomId(customId: string): ButtonAction | undefined {
  if (customId.length > discordLimits.customId) return undefined;
  const [scope, verb, ...rest] = customId.split(':');
  const namespace = `${scope}:${verb}`;
  if (namespace === 'recommend:more' && rest.length === 1) {
    const options = decodeFields(rest[0] ?? '', [...recommendRequired, ...recommendDropOrder]);
    if (
      !options ||
      options.offset === undefined ||
      (options.model === undefined && options.model_size_gb === undefined)
    )
      return undefined;
    return { namespace, ...buttonNamespaces[namespace], options };
  }
  if (namespace === 'recommend:run' && rest.length === 1) {
    const options = decodeFields(rest[0] ?? '', [...recommendRunRequired, ...recommendDropOrder]);
    if (!options || (options.model === undefined && options.model_size_gb === undefined)) return undefined;
    return { namespace, ...buttonNamespaces[namespace], options };
  }
  if (namespace === 'recommend:chart' && rest.length === 1) {
    const options = decodeFields(rest[0] ?? '', [...recommendRunRequired, ...recommendDropOrder, 'offset']);
    if (!options || (options.model === undefined && options.model_size_gb === undefined)) return undefined;
    return { namespace, ...buttonNamespaces[namespace], options: { ...options, view: recommendChartView } };
  }
  if (namespace === 'compare:pair' && rest.length === 3) {
    const [machineA = '', machineB = '', fields = ''] = rest;
    const options = decodeFields(fields, [...compareRequired, ...compareDropOrder]);
    if (!options || !isMachineToken(machineA) || !isMachineToken(machineB)) return undefined;
    return {
      namespace,
      ...buttonNamespaces[namespace],
      options: { machine_a: machineA, machine_b: machineB, ...options },
    };
  }
  if (namespace === 'specs:one' && rest.length === 2) {
    const [machine = '', fields = ''] = rest;
    const options = decodeFields(fields, [...specsRequired, ...specsDropOrder]);
    if (!options || !isMachineToken(machine)) return undefined;
    return { namespace, ...buttonNamespaces[namespace], options: { machine, ...options } };
  }
  if (namespace === 'specs:page' && rest.length === 3) {
    const [machine = '', page = '', fields = ''] = rest;
    const options = decodeFields(fields, [...specsRequired, ...specsDropOrder]);
    if (!options || !isMachineToken(machine) || !isSpecsPage(page)) return undefined;
    return { namespace, ...buttonNamespaces[namespace], options: { machine, page, ...options } };
  }
  return undefined;
}

/**
 * The action with machine references replaced by the catalog ids they stand for;
 * undefined when a machine is no longer in the catalog (the button is stale).
 */
export function resolveButtonAction(action: ButtonAction, machineIds: readonly string[]): ButtonAction | undefined {
  const resolved: Record<string, string | number | boolean | undefined> = { ...action.options };
  for (const name of ['machine_a', 'machine_b', 'machine']) {
    const token = action.options[name];
    if (token === undefined) continue;
    const id = typeof token === 'string' ? resolveMachineRef(token, machineIds) : undefined;
    if (id === undefined) return undefined;
    resolved[name] = id;
  }
  return { ...action, options: resolved };
}
