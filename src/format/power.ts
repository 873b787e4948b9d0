/** Where a machine's watts come from, in words (src/advisor/running-cost.ts has the data). */
import type { PowerSource } from '../advisor/running-cost.ts';

/** "load and idle from the catalog", "estimated from the chips’ rated power plus 30 W". */
export function powerSourceText(source: PowerSource): string {
  switch (source.code) {
    case 'catalog':
      return 'load and idle from the catalog';
    case 'catalog-load':
      return `load from the catalog, idle estimated at ${Math.round(source.idleShareOfLoad * 100)} % of it`;
    case 'rated-chips':
      return `estimated from the chips’ rated power plus ${source.addedWatts} W`;
  }
}
