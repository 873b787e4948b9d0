/** Charts of advisor results: pure functions to SVG, one renderer to PNG. Both fronts use them. */
export { recommendChart, paretoFront, pricePointsOf, qualifyingPoints, type PricePoint } from './recommend.ts';
export { compareChart, compareMetrics, type CompareMetric, type CompareMetricKey } from './compare.ts';
export { specsChart, specsCurve, curveSizesGb, fitLimitGb, type SpecsCurvePoint } from './specs.ts';
export { renderPng, fontPath, maxAttachmentBytes } from './png.ts';
export { escapeXml, maxAltTextChars, chartWidthPx, chartHeightPx, fontPx, type Chart } from './svg.ts';
export { niceAxis, niceStep, type Axis } from './scale.ts';
export { chartFor, type ChartableResult } from './for-result.ts';
