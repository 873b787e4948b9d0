/** Names short enough for one phone line, keeping what tells variants apart. */
import { formatEur, formatNumber } from './number.ts';
import { truncate } from './text.ts';

/**
 * A machine's name short enough for one phone line, keeping what tells variants apart:
 * "Framework Desktop Mainboard only (Ryzen AI Max+ 395, 128 GB) + RTX 3090 (used) (OCuLink dock (PCIe 4.0 x4))"
 * → "Framework Desktop Mainboard only 128 GB + RTX 3090 (used) (OCuLink dock (PCIe 4.0 x4))".
 * A bracketed group becomes the memory sizes it names; "used" and a last group without
 * sizes (the dock, the link) stay; other chip detail goes (it is in the details).
 */
export function shortMachineName(name: string): string {
  const groups: { start: number; end: number }[] = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index < name.length; index += 1) {
    if (name[index] === '(') {
      if (depth === 0) start = index;
      depth += 1;
    } else if (name[index] === ')' && depth > 0) {
      depth -= 1;
      if (depth === 0) groups.push({ start, end: index + 1 });
    }
  }
  if (depth !== 0) return name;
  let short = '';
  let from = 0;
  for (const [index, group] of groups.entries()) {
    const text = name.slice(group.start, group.end);
    const sizes = text.match(/\d+(?:\.\d+)? [GT]B/g);
    const keep = /\bused\b/i.test(text) || (!sizes && index === groups.length - 1);
    short += name.slice(from, group.start) + (keep ? text : sizes ? sizes.slice(0, 1).join('') : '');
    from = group.end;
  }
  return (short + name.slice(from))
    .replace(/\s+/g, ' ')
    .replace(/ ([,)])/g, '$1')
    .trim();
}

/**
 * "Framework Desktop Mainboard only 128 GB + RTX 3090 (used) (OCuLink or USB4) — 2,930 EUR":
 * the short name cut before the price is, so a choice or suggestion always shows its price
 * and what tells it from its neighbours.
 */
export function machineLabel(name: string, priceEur: number, maxLength = 100): string {
  const price = ` — ${formatEur(priceEur)}`;
  return `${truncate(shortMachineName(name), maxLength - price.length)}${price}`;
}

/** "Kimi K2 (1,000 B, 32 B active)": a model with its size, numbers as the answers write them. */
export function modelLabel(
  model: { name: string; params_b: number; active_params_b?: number | undefined; architecture: string },
  maxLength = 100,
): string {
  const active =
    model.architecture === 'moe' && model.active_params_b !== undefined
      ? `, ${formatNumber(model.active_params_b)} B active`
      : '';
  return truncate(`${model.name} (${formatNumber(model.params_b)} B${active})`, maxLength);
}
