/** The dearer hosts a pick's GPUs also come on, in a few words for any front. */
import { formatEur } from './number.ts';
import { shortMachineName } from './names.ts';

/**
 * "also on: EPYC 9355 SP5 server 29,073 EUR, Threadripper PRO 9975WX 4-GPU workstation 28,016 EUR":
 * the same cards and the same estimate for this question, so they are a note, not picks. Past
 * `maxNamed`, the rest are counted with their cheapest price.
 */
export function variantsNote(
  variants: readonly { hostName: string; priceEur: number }[],
  maxNamed = Number.POSITIVE_INFINITY,
): string | undefined {
  if (variants.length === 0) return undefined;
  const named = variants
    .slice(0, maxNamed)
    .map((variant) => `${shortMachineName(variant.hostName)} ${formatEur(variant.priceEur)}`);
  const rest = variants.length - named.length;
  return `also on: ${named.join(', ')}${rest > 0 ? `, ${rest} more` : ''}`;
}

/** "same on 2 dearer hosts": the shortest form, for a line with no room for names. */
export function variantsCount(count: number): string | undefined {
  if (count === 0) return undefined;
  return `same on ${count} dearer host${count === 1 ? '' : 's'}`;
}
