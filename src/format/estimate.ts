/** An estimate's sentences, for every front: where it runs, why it falls short, how thin its evidence is. */
import type { Estimate, EstimateShortfall } from '../estimator/index.ts';
import { noEngineText, placementDescription } from './placement.ts';
import { placementShortfallText } from './placement-reasons.ts';
import { thinEvidenceText } from './estimate-notes.ts';

/** Why it does not fit, or what it gives up to fit: "42.5 GB needed but 25.3 GB of VRAM: …". */
export function shortfallText(shortfall: EstimateShortfall): string {
  return shortfall.code === 'no-engine'
    ? noEngineText(shortfall.machineName, shortfall.backend)
    : placementShortfallText(shortfall);
}

/** "all on the GPU (RTX 3090, cuda)"; where no engine runs it, why not. */
export function estimatePlacementText(estimate: Pick<Estimate, 'placement' | 'shortfall'>): string {
  return estimate.shortfall?.code === 'no-engine'
    ? shortfallText(estimate.shortfall)
    : placementDescription(estimate.placement);
}

/** The estimate's shortfall in words, when it has one. */
export function estimateReasonText(estimate: Pick<Estimate, 'shortfall'>): string | undefined {
  return estimate.shortfall ? shortfallText(estimate.shortfall) : undefined;
}

/** "few measurements back this: …", when the evidence behind the estimate is thin. */
export function uncertaintyText(estimate: Pick<Estimate, 'thinEvidence'>): string | undefined {
  return estimate.thinEvidence ? thinEvidenceText(estimate.thinEvidence) : undefined;
}
