/**
 * One candidate per GPU set when the host does not matter to the question: the same cards on a
 * dearer host are the same purchase to this buyer, so they are named with the cheaper one
 * ("also on: …") instead of filling its slots (issue 15 item 6). The link and dock variants of
 * an eGPU or a cluster are folded in the catalog already, for every question (catalog/derive.ts);
 * a host can only be folded per question, since whether it enters the estimate depends on it.
 */
import type { Advisor, IndexedMachine } from './advisor.ts';

/** Relative difference below which two estimates are the same (floating-point noise), as for "adds nothing". */
const SAME_ESTIMATE = 1e-9;

/** A dearer set-up with the same GPUs and the same estimate, folded into a cheaper pick. */
export interface HostVariant {
  id: string;
  name: string;
  /** What the GPUs sit in: a build's base, an eGPU's host, else the machine itself. */
  hostName: string;
  priceEur: number;
}

export interface Folded {
  /** The qualifying positions left to rank, in their order. */
  kept: number[];
  /** By kept position: the positions folded into it, in no set order (variantsCheapestFirst sorts one shown). */
  variants: Map<number, number[]>;
  folded: number;
}

/**
 * What the question knows of each hardware group, all assessed while ranking (QuestionMemo):
 * read as arrays, since this runs for every qualifying machine of every question.
 */
export interface FoldInputs {
  speeds: Float64Array;
  firstTokenSeconds: Float64Array;
  /** 1 where the assessed placement keeps the whole model in the GPUs' memory. */
  allInVram: Uint8Array;
  /** Ranked by cost of ownership: a dearer host that is cheaper to run is its own pick. */
  ownershipMatters: boolean;
}

/** log2 of a speed in steps of 2^-26 (~1.5e-8 relative): two speeds within SAME_ESTIMATE are at most one step apart. */
const speedBucket = (tokensPerSecond: number) => Math.round(Math.log2(tokensPerSecond) * 2 ** 26);

const same = (a: number, b: number) => a === b || Math.abs(a - b) <= Math.max(Math.abs(a), Math.abs(b)) * SAME_ESTIMATE;

/**
 * Two set-ups are the same offer to this question when they carry the same GPUs, the whole
 * model sits in those GPUs' memory on both (so the host's RAM gives no headroom and holds no
 * layer), and their generation speed and first-token wait agree within rounding; or when they
 * are the same hardware to the estimator (one hardware group), so every estimate agrees. A host that
 * changes the estimate at all (PCIe lanes between the cards, its own RAM for a spill) shows up
 * in those two numbers and keeps it its own pick. The dearer one folds into the cheaper one;
 * ranked by cost of ownership, only if it is also no cheaper to run.
 */
export function foldSameGpus(advisor: Advisor, qualifying: readonly number[], inputs: FoldInputs): Folded {
  const machines = advisor.machines;
  // What each comparison reads, read once: this runs for every qualifying machine of every question.
  interface Leader {
    position: number;
    tg: number;
    firstToken: number;
    priceEur: number;
    ownershipEur: number;
  }
  const covers = (cheaper: Leader, dearer: Leader) =>
    dearer.priceEur >= cheaper.priceEur && (!inputs.ownershipMatters || dearer.ownershipEur >= cheaper.ownershipEur);
  const matches = (a: Leader, b: Leader) => same(a.tg, b.tg) && same(a.firstToken, b.firstToken);
  // Leaders by key, then by a bucket of their speed a few times wider than SAME_ESTIMATE, so a
  // machine meets only those it may match (the same bucket or a neighbour), however many there are.
  const leadersBySet = new Map<number, Map<number, Leader[]>>();
  const leadersByHardware = new Map<number, Map<number, Leader[]>>();
  const variants = new Map<number, number[]>();
  let foldedAway: Uint8Array | undefined;
  for (const position of qualifying) {
    const indexed = machines[position];
    if (indexed === undefined) continue;
    // With the whole model in the cards, only the cards matter; otherwise only a machine the
    // estimator cannot tell apart at all (the same board sold under two names) is the same offer.
    const group = indexed.hardwareGroup;
    const inVram = inputs.allInVram[group] === 1;
    const byKey = inVram ? leadersBySet : leadersByHardware;
    const key = inVram ? indexed.gpuSetId : indexed.sameHardwareId;
    const candidate: Leader = {
      position,
      tg: inputs.speeds[group] ?? 0,
      firstToken: inputs.firstTokenSeconds[group] ?? Number.POSITIVE_INFINITY,
      priceEur: indexed.summary.priceEur,
      ownershipEur: indexed.ownershipCostEur,
    };
    let buckets = byKey.get(key);
    if (!buckets) {
      buckets = new Map();
      byKey.set(key, buckets);
    }
    const bucket = speedBucket(candidate.tg);
    let into: Leader | undefined;
    let coversSome = false;
    for (let near = bucket - 1; near <= bucket + 1 && into === undefined; near += 1)
      for (const leader of buckets.get(near) ?? []) {
        if (!matches(leader, candidate)) continue;
        if (covers(leader, candidate)) {
          into = leader;
          break;
        }
        if (covers(candidate, leader)) coversSome = true;
      }
    if (into !== undefined) {
      foldedAway ??= new Uint8Array(machines.length);
      const list = variants.get(into.position);
      if (list) list.push(position);
      else variants.set(into.position, [position]);
      foldedAway[position] = 1;
      continue;
    }
    const own = buckets.get(bucket);
    if (own) own.push(candidate);
    else buckets.set(bucket, [candidate]);
    if (!coversSome) continue;
    // Its own pick; those it is cheaper than (in every way the question counts) fold into it, with theirs.
    const away = (foldedAway ??= new Uint8Array(machines.length));
    const mine: number[] = [];
    for (let near = bucket - 1; near <= bucket + 1; near += 1) {
      const leaders = buckets.get(near);
      if (!leaders) continue;
      const rest = leaders.filter((leader) => {
        if (leader === candidate || !matches(leader, candidate) || !covers(candidate, leader)) return true;
        mine.push(leader.position, ...(variants.get(leader.position) ?? []));
        variants.delete(leader.position);
        away[leader.position] = 1;
        return false;
      });
      buckets.set(near, rest);
    }
    variants.set(position, mine);
  }
  let folded = 0;
  for (const list of variants.values()) folded += list.length;
  const away = foldedAway;
  return {
    kept: away === undefined || folded === 0 ? [...qualifying] : qualifying.filter((position) => away[position] !== 1),
    variants,
    folded,
  };
}

/**
 * A kept position's variants cheapest first (equal prices in catalog order): sorted only for the
 * picks shown, as a pick on a popular GPU set can carry a thousand of them and a page shows five picks.
 */
export function variantsCheapestFirst(advisor: Advisor, positions: readonly number[]): number[] {
  const price = (position: number) => advisor.machines[position]?.summary.priceEur ?? Number.POSITIVE_INFINITY;
  return [...positions].sort((a, b) => price(a) - price(b) || a - b);
}

/** Build template names by id, once per catalog: a pick may name a thousand variants. */
const templateNamesByCatalog = new WeakMap<Advisor['catalog'], Map<string, string>>();
function templateNames(advisor: Advisor): Map<string, string> {
  let names = templateNamesByCatalog.get(advisor.catalog);
  if (!names) {
    names = new Map();
    // The first template of an id, as a search of the list finds it.
    for (const template of advisor.catalog.builds.builds)
      if (!names.has(template.id)) names.set(template.id, template.name);
    templateNamesByCatalog.set(advisor.catalog, names);
  }
  return names;
}

/** The named variant of a folded position: what its GPUs sit in (a build's template, an eGPU's host) and its price. */
export function hostVariant(advisor: Advisor, indexed: IndexedMachine): HostVariant {
  const configuration = indexed.machine.configuration;
  // A build is named after its template ("EPYC 9355 SP5 server"), shorter than its base's full name.
  const hostName =
    configuration?.kind === 'build'
      ? templateNames(advisor).get(configuration.template)
      : configuration?.kind === 'egpu'
        ? advisor.catalog.machine(configuration.host)?.name
        : undefined;
  return {
    id: indexed.machine.id,
    name: indexed.machine.name,
    hostName: hostName ?? indexed.machine.name,
    priceEur: indexed.summary.priceEur,
  };
}
