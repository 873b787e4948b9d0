export {
  loadCatalog,
  loadCatalogSync,
  parseCatalog,
  catalogFileNames,
  type LoadResult,
  type CatalogTexts,
} from './load.ts';
export { formatProblem, type CatalogProblem } from './problems.ts';
export type { Catalog, CatalogData } from './catalog.ts';
export * from './schema.ts';
export type { CatalogMachine, Configuration, RejectedConfiguration } from './derive.ts';
export {
  buyerPrice,
  buyerEur,
  defaultPriceBasis,
  defaultVatPercent,
  priceBasisWithVat,
  type BuyerPrice,
  type PriceBasis,
} from './price.ts';
