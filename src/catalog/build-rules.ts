/**
 * The physical rules a build template must keep for every card count it offers: the cards fit
 * the board's slots and the case (slot spacing), the host has the lanes, and a supply carries
 * the load. The loader refuses a template that breaks one (checks.ts); derive.ts builds only
 * what passes.
 */
import type { BuildTemplate, Chip, Machine, TemplateOffer } from './schema.ts';

/** A template's offer entry as id and cap: a bare id may go up to gpu_lanes.length cards. */
export function templateOffer(
  entry: TemplateOffer,
  template: Pick<BuildTemplate, 'gpu_lanes'>,
): { offer: string; maxCount: number } {
  const limit = template.gpu_lanes.length;
  return typeof entry === 'string'
    ? { offer: entry, maxCount: limit }
    : { offer: entry.offer, maxCount: Math.min(entry.max_count, limit) };
}

/**
 * Slot positions for `count` cards `widthSlots` wide, top first, or undefined when they do not
 * fit: each card covers its slot and the width-1 below, so the next card needs a slot at least
 * `widthSlots` further down, and the last must end within the case. Taking the highest free slot
 * each time leaves the most room below, so if this finds no placement none exists.
 */
export function placeCards(
  count: number,
  widthSlots: number,
  slotPositions: readonly number[],
  caseSlots: number,
): number[] | undefined {
  const placed: number[] = [];
  let nextFree = -Infinity;
  for (const position of [...slotPositions].sort((a, b) => a - b)) {
    if (placed.length === count) break;
    if (position < nextFree) continue;
    placed.push(position);
    nextFree = position + widthSlots;
  }
  const last = placed.at(-1);
  if (placed.length < count || last === undefined) return undefined;
  // A 2.5-slot card in slot 6 ends inside slot 8 (6 + 2.5 - 1 = 7.5, rounded up).
  return Math.ceil(last + widthSlots - 1) <= caseSlots ? placed : undefined;
}

/** Lanes a host's slots carry in all: the most its cards can take together. */
export function hostSlotLanes(slots: readonly { lanes: number; count: number }[]): number {
  return slots.reduce((total, slot) => total + slot.lanes * slot.count, 0);
}

export interface TemplateProblem {
  /** Path inside builds.yaml. */
  path: (string | number)[];
  message: string;
}

interface TemplateContext {
  base: Pick<Machine, 'id' | 'expansion' | 'power'> | undefined;
  offer(id: string): { chip: string } | undefined;
  chip(id: string): Pick<Chip, 'name' | 'tdp_w' | 'slot_width'> | undefined;
  psuWatts(id: string): number | undefined;
  psuLoadLimit: number;
}

/**
 * Every combination the template offers must be buildable: n cards × their lanes within the
 * host's slot lanes, n cards placed in the slots and case (or on risers), the load within a
 * supply. Each refusal names the field to change, so the loader can point at its line.
 */
export function checkTemplate(template: BuildTemplate, at: number, context: TemplateContext): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const here = (...path: (string | number)[]) => ['builds', at, ...path];
  const base = context.base;
  if (!base) return problems; // checks.ts reports the unknown base
  const slotLanes = hostSlotLanes(base.expansion.pcie_slots);
  const maxGen = Math.max(0, ...base.expansion.pcie_slots.map((slot) => slot.gen));
  if (template.pcie_gen > maxGen)
    problems.push({
      path: here('pcie_gen'),
      message: `PCIe ${template.pcie_gen}.0, but ${base.id}'s fastest slot is ${maxGen === 0 ? 'absent' : `PCIe ${maxGen}.0`}`,
    });
  template.gpu_lanes.forEach((lanes, index) => {
    const count = index + 1;
    if (count * lanes > slotLanes)
      problems.push({
        path: here('gpu_lanes', index),
        message: `${count} card${count > 1 ? 's' : ''} × x${lanes} = ${count * lanes} lanes, but ${base.id}'s slots carry ${slotLanes}`,
      });
  });
  const placing = !template.risers;
  if (
    placing &&
    template.gpu_lanes.length > 1 &&
    (template.slot_positions === undefined || template.case_slots === undefined)
  )
    problems.push({
      path: here('gpu_lanes'),
      message:
        'two or more cards need slot_positions and case_slots (where the GPU slots sit, how many slots the case has), or risers',
    });
  if (placing && template.slot_positions && template.slot_positions.length < template.gpu_lanes.length)
    problems.push({
      path: here('gpu_lanes', template.slot_positions.length),
      message: `${template.gpu_lanes.length} cards, but only ${template.slot_positions.length} GPU slot${template.slot_positions.length > 1 ? 's' : ''} (slot_positions)`,
    });

  const supplies = [base.power?.psu_w, ...template.psu_offers.map((id) => context.psuWatts(id))].filter(
    (watts) => watts !== undefined,
  );
  const biggestSupplyW = Math.max(0, ...supplies);
  template.gpu_offers.forEach((entry, index) => {
    const { offer: offerId, maxCount } = templateOffer(entry, template);
    if (typeof entry !== 'string' && entry.max_count > template.gpu_lanes.length)
      problems.push({
        path: here('gpu_offers', index, 'max_count'),
        message: `more cards than gpu_lanes offers (${template.gpu_lanes.length})`,
      });
    const offer = context.offer(offerId);
    const chip = offer ? context.chip(offer.chip) : undefined;
    if (!chip) return; // checks.ts reports unknown offers and chips
    const cards = `${maxCount}× ${chip.name}`;
    if (placing && template.slot_positions && template.case_slots !== undefined) {
      const width = chip.slot_width?.slots;
      if (width === undefined)
        problems.push({
          path: here('gpu_offers', index),
          message: `${chip.name} has no slot_width in chips.yaml, so whether it fits is unknown`,
        });
      else if (!placeCards(maxCount, width, template.slot_positions, template.case_slots))
        problems.push({
          path: here('gpu_offers', index),
          message: `${cards} (${width} slots wide each) do not fit GPU slots at positions ${template.slot_positions.join(', ')} in a ${template.case_slots}-slot case${maxCount > 1 ? `: cap it with { offer: ${offerId}, max_count: ${maxCount - 1} }, or use risers` : ''}`,
        });
    }
    const baseLoadW = base.power?.load_w;
    const boardPowerW = chip.tdp_w?.watts;
    if (baseLoadW === undefined || base.power?.psu_w === undefined || boardPowerW === undefined) {
      problems.push({
        path: here('gpu_offers', index),
        message: `power unknown: ${base.id} needs power.psu_w and power.load_w, ${chip.name} its tdp_w`,
      });
      return;
    }
    const loadW = baseLoadW + maxCount * boardPowerW;
    if (loadW > biggestSupplyW * context.psuLoadLimit)
      problems.push({
        path: here('gpu_offers', index),
        message: `${cards}: ${loadW} W under load is more than ${Math.round(context.psuLoadLimit * 100)} % of the biggest supply offered (${biggestSupplyW} W)${maxCount > 1 ? `: cap it with max_count: ${maxCount - 1}, or offer a bigger supply` : ''}`,
      });
  });
  return problems;
}
