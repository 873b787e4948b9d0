/**
 * Formatting shared by every front: Discord, the terminal and the charts write numbers, GB,
 * truncated text, date spans and placement words the same way. Pure, no medium.
 */
export {
  formatNumber,
  formatRate,
  formatEur,
  formatGb,
  formatTokens,
  formatSeconds,
  formatWithRange,
} from './number.ts';
export { truncate, truncateAtWord, ellipsis } from './text.ts';
export { dateSpan, monthYear } from './dates.ts';
export { placementLabel, placementPhrase, engineClassWords } from './placement.ts';
export {
  exclusionText,
  exclusionShortText,
  exclusionCountText,
  exclusionNamesExamples,
  reasonText,
  type ExclusionQuestion,
} from './recommend.ts';
export { runWords, assumedRunWords } from './workload.ts';
export { estimateNoteText } from './estimate-notes.ts';
export { compareRowLabel } from './compare.ts';
export { powerSourceText } from './power.ts';
export { userErrorOf, userProblemText } from './user-errors.ts';
export { measurementCaveat, measurementConditions } from './measurements.ts';
export { estimatePlacementText, estimateReasonText, shortfallText, uncertaintyText } from './estimate.ts';
export {
  priceBasisText,
  priceWords,
  shortPriceWords,
  oldPriceMarker,
  estimatedPriceMarker,
  priceMarkersFootnote,
  type PriceFacts,
} from './price.ts';
export { shortMachineName, machineLabel, modelLabel } from './names.ts';
export { variantsNote, variantsCount } from './variants.ts';
