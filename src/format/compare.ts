/** /compare's row labels as the terminal's table and --json say them (src/advisor/compare.ts has the rows). */
import type { CompareRow, CompareRowKey } from '../advisor/compare.ts';

const labels: Readonly<Record<Exclude<CompareRowKey, 'ttft' | 'total-cost'>, string>> = {
  price: 'Price',
  category: 'Category',
  chip: 'Processor',
  gpus: 'GPUs',
  memory: 'Memory',
  bandwidth: 'Memory bandwidth',
  'gpu-memory': 'GPU memory (VRAM or addressable)',
  compute: 'Usable FP16 compute',
  pcie: 'PCIe slots',
  usb4: 'USB4 / Thunderbolt ports',
  ethernet: 'Ethernet',
  power: 'Power under load',
  fits: 'Fits',
  headroom: 'Memory headroom',
  tg: 'Generation',
  pp: 'Prompt processing',
  value: 'Generation per 1000 EUR',
  'eur-per-tps': 'Price per tok/s of generation',
  electricity: 'Electricity per million tokens',
};

/** "Memory bandwidth", "First token (512-token prompt)", "Price + 3 years of electricity". */
export function compareRowLabel(row: Pick<CompareRow, 'key' | 'promptTokens' | 'years'>): string {
  switch (row.key) {
    case 'ttft':
      return `First token (${row.promptTokens ?? 0}-token prompt)`;
    case 'total-cost':
      return `Price + ${row.years ?? 0} years of electricity`;
    default:
      return labels[row.key];
  }
}
