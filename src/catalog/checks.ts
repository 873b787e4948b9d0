/** Rules that span records or files: unique ids, references, physical consistency, price sums. */
import type { CatalogData } from './catalog.ts';
import { buyerPrice, defaultPriceBasis, type PriceBasis } from './price.ts';
import type { CatalogFileName, MemoryInterface, Model, Price } from './schema.ts';
import { modelNameKey } from './model-names.ts';
import type { PathSegment } from './problems.ts';
import { checkTemplate, templateOffer } from './build-rules.ts';

export interface CrossProblem {
  file: CatalogFileName;
  path: PathSegment[];
  message: string;
  /** Point at this key of the object at `path` rather than at its value. */
  key?: string;
}

/** Bandwidth may differ from bus width × rate by this share (vendors round). */
export const bandwidthTolerance = 0.05;
/** A build's parts may differ from its price by this share. */
export const partsSumTolerance = 0.01;

export function theoreticalBandwidthGbps(
  memory: Pick<MemoryInterface, 'bus_width_bits' | 'transfer_rate_mts'>,
): number {
  return (memory.bus_width_bits / 8) * (memory.transfer_rate_mts / 1000);
}

export function crossCheck(data: CatalogData, basis: PriceBasis = defaultPriceBasis): CrossProblem[] {
  const problems: CrossProblem[] = [];
  const report = (file: CatalogFileName, path: PathSegment[], message: string, key?: string) =>
    problems.push(key === undefined ? { file, path, message } : { file, path, message, key });

  for (const [file, records] of [
    ['chips', data.chips],
    ['machines', data.machines],
    ['models', data.models],
    ['benchmarks', data.benchmarks],
  ] as const) {
    checkUniqueIds(records, (index, id) => report(file, [file, index, 'id'], `duplicate id "${id}"`));
  }
  checkUniqueIds(
    data.quantizations.map((quantization) => ({ id: quantization.id.toUpperCase() })),
    (index, id) => report('quantizations', ['quantizations', index, 'id'], `duplicate id "${id}"`),
  );

  const chipById = new Map(data.chips.map((chip) => [chip.id, chip]));
  const machineIds = new Set(data.machines.map((machine) => machine.id));
  const modelIds = new Set(data.models.map((model) => model.id));
  const quantizationIds = new Set(data.quantizations.map((quantization) => quantization.id.toUpperCase()));

  const checkCurrency = (file: CatalogFileName, path: PathSegment[], price: Price) => {
    const buyer = buyerPrice(price, basis);
    if (!buyer.ok) report(file, path, buyer.reason, 'currency');
  };

  const checkBandwidth = (file: CatalogFileName, path: PathSegment[], memory: MemoryInterface) => {
    const expected = theoreticalBandwidthGbps(memory);
    if (Math.abs(memory.bandwidth_gbps - expected) > expected * bandwidthTolerance) {
      report(
        file,
        [...path, 'bandwidth_gbps'],
        `${memory.bandwidth_gbps} GB/s contradicts ${memory.bus_width_bits}-bit × ${memory.transfer_rate_mts} MT/s = ${round(expected)} GB/s (allowed ±${bandwidthTolerance * 100} %)`,
      );
    }
  };

  data.chips.forEach((chip, index) => {
    const at: PathSegment[] = ['chips', index];
    checkBandwidth('chips', [...at, 'memory'], chip.memory);
    if (chip.kind === 'gpu' && chip.memory.vram_gb === undefined)
      report('chips', [...at, 'memory'], 'a GPU needs vram_gb');
    if (chip.kind !== 'gpu' && chip.memory.vram_gb !== undefined)
      report('chips', [...at, 'memory'], 'only GPUs have vram_gb; CPUs and SoCs give max_capacity_gb', 'vram_gb');
    if (chip.kind !== 'gpu' && chip.cpu === undefined) report('chips', at, `a ${chip.kind} needs its cpu block`);
    if (chip.cpu && chip.cpu.threads < chip.cpu.cores)
      report('chips', [...at, 'cpu', 'threads'], 'fewer threads than cores');
  });

  data.machines.forEach((machine, index) => {
    const at: PathSegment[] = ['machines', index];
    const chip = chipById.get(machine.chip);
    if (!chip) report('machines', [...at, 'chip'], `unknown chip "${machine.chip}"`);
    else if (chip.kind === 'gpu')
      report('machines', [...at, 'chip'], `"${machine.chip}" is a GPU; list it under gpus and name the CPU here`);
    else if (chip.memory.max_capacity_gb !== undefined && machine.memory.capacity_gb > chip.memory.max_capacity_gb)
      report(
        'machines',
        [...at, 'memory', 'capacity_gb'],
        `${machine.memory.capacity_gb} GB is more than ${chip.name} supports (${chip.memory.max_capacity_gb} GB)`,
      );

    machine.gpus.forEach((gpu, gpuIndex) => {
      const gpuChip = chipById.get(gpu.chip);
      if (!gpuChip) report('machines', [...at, 'gpus', gpuIndex, 'chip'], `unknown chip "${gpu.chip}"`);
      else if (gpuChip.kind !== 'gpu')
        report('machines', [...at, 'gpus', gpuIndex, 'chip'], `"${gpu.chip}" is a ${gpuChip.kind}, not a GPU`);
    });

    checkBandwidth('machines', [...at, 'memory'], machine.memory);
    const addressable = machine.memory.gpu_addressable_gb;
    if (addressable !== undefined) {
      if (addressable > machine.memory.capacity_gb)
        report(
          'machines',
          [...at, 'memory', 'gpu_addressable_gb'],
          `GPU-addressable ${addressable} GB exceeds the installed ${machine.memory.capacity_gb} GB`,
        );
      if (machine.memory.gpu_addressable_source === undefined)
        report('machines', [...at, 'memory'], 'gpu_addressable_gb needs gpu_addressable_source', 'gpu_addressable_gb');
    }

    const price = machine.price;
    checkCurrency('machines', [...at, 'price'], price);
    if (price.parts && price.parts.length > 0) {
      const foreign = price.parts.findIndex((part) => part.currency !== price.currency);
      if (foreign >= 0)
        report(
          'machines',
          [...at, 'price', 'parts', foreign, 'currency'],
          `parts are priced in the machine's currency (${price.currency})`,
        );
      const sum = price.parts.reduce((total, part) => total + part.amount, 0);
      if (Math.abs(sum - price.amount) > price.amount * partsSumTolerance)
        report(
          'machines',
          [...at, 'price', 'amount'],
          `${price.amount} ${price.currency} differs from the sum of its parts, ${round(sum)} ${price.currency}`,
        );
    }
  });

  checkBuilds(data, chipById, machineIds, report, checkCurrency);

  data.models.forEach((model, index) => {
    const at: PathSegment[] = ['models', index];
    if (model.active_params_b > model.params_b)
      report(
        'models',
        [...at, 'active_params_b'],
        `active parameters (${model.active_params_b} B) exceed the total (${model.params_b} B)`,
      );
    if (model.architecture === 'dense' && model.active_params_b !== model.params_b)
      report(
        'models',
        [...at, 'active_params_b'],
        'a dense model reads all its parameters: active_params_b must equal params_b',
      );
    if (model.architecture === 'moe' && model.active_params_b === model.params_b)
      report(
        'models',
        [...at, 'active_params_b'],
        'a mixture-of-experts model reads fewer parameters per token than it has',
      );
    if (model.kv_heads > model.attention_heads)
      report('models', [...at, 'kv_heads'], 'more KV heads than attention heads');
    if (model.sliding_window && model.sliding_window.layers > model.layers)
      report('models', [...at, 'sliding_window', 'layers'], `more windowed layers than the model's ${model.layers}`);
    if (model.full_attention_layers !== undefined && model.full_attention_layers > model.layers)
      report('models', [...at, 'full_attention_layers'], `more full-attention layers than the model's ${model.layers}`);
    if (model.latent_attention && model.kv_elements_per_token_per_layer !== undefined)
      report(
        'models',
        [...at, 'kv_elements_per_token_per_layer'],
        'latent_attention already sizes the KV cache: give one or the other',
      );
    if (model.full_attention_kv && !model.sliding_window)
      report(
        'models',
        [...at, 'full_attention_kv'],
        'a separate full-attention KV layout needs sliding_window layers to differ from',
      );
    if (model.sparse_attention && !model.latent_attention)
      report(
        'models',
        [...at, 'sparse_attention'],
        'DeepSeek sparse attention sits on latent attention: give latent_attention too',
      );
    if (model.experts && model.experts.active > model.experts.routed)
      report(
        'models',
        [...at, 'experts', 'active'],
        `more active experts than the ${model.experts.routed} routed ones`,
      );
    if (model.experts && model.architecture !== 'moe') report('models', [...at, 'experts'], 'experts on a dense model');
  });
  checkModelNames(data.models, report);

  data.benchmarks.forEach((benchmark, index) => {
    const at: PathSegment[] = ['benchmarks', index];
    const hardware = benchmark.hardware;
    if ('machine' in hardware) {
      if (!machineIds.has(hardware.machine))
        report('benchmarks', [...at, 'hardware', 'machine'], `unknown machine "${hardware.machine}"`);
    } else if (!chipById.has(hardware.chip))
      report('benchmarks', [...at, 'hardware', 'chip'], `unknown chip "${hardware.chip}"`);

    if (benchmark.model !== undefined && !modelIds.has(benchmark.model))
      report('benchmarks', [...at, 'model'], `unknown model "${benchmark.model}"`);
    if (benchmark.quant !== undefined && !quantizationIds.has(benchmark.quant.toUpperCase()))
      report('benchmarks', [...at, 'quant'], `unknown quantization "${benchmark.quant}"`);
    const byCatalogModel = benchmark.model !== undefined && benchmark.quant !== undefined;
    if (!byCatalogModel && benchmark.model_size_gb === undefined)
      report('benchmarks', at, 'name the model by model + quant, or by model_size_gb');
    if (benchmark.pp_tps === undefined && benchmark.tg_tps === undefined)
      report('benchmarks', at, 'a benchmark needs pp_tps, tg_tps or both');
  });

  return problems;
}

function checkUniqueIds(records: readonly { id: string }[], onDuplicate: (index: number, id: string) => void): void {
  const seen = new Set<string>();
  records.forEach((record, index) => {
    if (seen.has(record.id)) onDuplicate(index, record.id);
    seen.add(record.id);
  });
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

type Report = (file: CatalogFileName, path: PathSegment[], message: string, key?: string) => void;

/** builds.yaml: every reference resolves to the right kind of record, ids are unique. */
function checkBuilds(
  data: CatalogData,
  chipById: ReadonlyMap<string, { kind: string }>,
  machineIds: ReadonlySet<string>,
  report: Report,
  checkCurrency: (file: CatalogFileName, path: PathSegment[], price: Price) => void,
): void {
  const builds = data.builds;
  checkUniqueIds(builds.gpu_offers, (index, id) =>
    report('builds', ['gpu_offers', index, 'id'], `duplicate id "${id}"`),
  );
  checkUniqueIds(builds.psu_offers, (index, id) =>
    report('builds', ['psu_offers', index, 'id'], `duplicate id "${id}"`),
  );
  checkUniqueIds(builds.builds, (index, id) => report('builds', ['builds', index, 'id'], `duplicate id "${id}"`));
  checkUniqueIds(builds.egpu_links, (index, id) =>
    report('builds', ['egpu_links', index, 'id'], `duplicate id "${id}"`),
  );
  const offerIds = new Set(builds.gpu_offers.map((offer) => offer.id));
  const psuIds = new Set(builds.psu_offers.map((psu) => psu.id));

  builds.gpu_offers.forEach((offer, index) => {
    const chip = chipById.get(offer.chip);
    if (!chip) report('builds', ['gpu_offers', index, 'chip'], `unknown chip "${offer.chip}"`);
    else if (chip.kind !== 'gpu')
      report('builds', ['gpu_offers', index, 'chip'], `"${offer.chip}" is a ${chip.kind}, not a GPU`);
    checkCurrency('builds', ['gpu_offers', index, 'price'], offer.price);
  });
  builds.psu_offers.forEach((psu, index) => checkCurrency('builds', ['psu_offers', index, 'price'], psu.price));
  builds.egpu_links.forEach((link, index) => checkCurrency('builds', ['egpu_links', index, 'price'], link.price));
  builds.builds.forEach((template, index) => {
    if (!machineIds.has(template.base))
      report('builds', ['builds', index, 'base'], `unknown machine "${template.base}"`);
    template.gpu_offers.forEach((entry, offerIndex) => {
      const id = templateOffer(entry, template).offer;
      if (!offerIds.has(id))
        report(
          'builds',
          ['builds', index, 'gpu_offers', offerIndex, ...(typeof entry === 'string' ? [] : ['offer'])],
          `unknown GPU offer "${id}"`,
        );
    });
    template.psu_offers.forEach((id, psuIndex) => {
      if (!psuIds.has(id)) report('builds', ['builds', index, 'psu_offers', psuIndex], `unknown power supply "${id}"`);
    });
  });
  const machineById = new Map(data.machines.map((machine) => [machine.id, machine]));
  const fullChipById = new Map(data.chips.map((chip) => [chip.id, chip]));
  const psuWatts = new Map(builds.psu_offers.map((psu) => [psu.id, psu.watts]));
  builds.builds.forEach((template, index) => {
    const found = checkTemplate(template, index, {
      base: machineById.get(template.base),
      offer: (id) => builds.gpu_offers.find((offer) => offer.id === id),
      chip: (id) => fullChipById.get(id),
      psuWatts: (id) => psuWatts.get(id),
      psuLoadLimit: builds.psu_load_limit,
    });
    for (const problem of found) report('builds', problem.path, problem.message);
    if (template.risers?.price) checkCurrency('builds', ['builds', index, 'risers', 'price'], template.risers.price);
  });
  builds.egpu?.hosts.forEach((id, index) => {
    if (!machineIds.has(id)) report('builds', ['egpu', 'hosts', index], `unknown machine "${id}"`);
  });
  builds.egpu?.gpu_offers.forEach((id, index) => {
    if (!offerIds.has(id)) report('builds', ['egpu', 'gpu_offers', index], `unknown GPU offer "${id}"`);
  });
  builds.clusters.forEach((cluster, index) => {
    if (!machineIds.has(cluster.machine))
      report('builds', ['clusters', index, 'machine'], `unknown machine "${cluster.machine}"`);
    checkCurrency('builds', ['clusters', index, 'link_cost'], cluster.link_cost);
  });
}

/** Each id and alias names one model: a name typed must not be ambiguous. */
function checkModelNames(models: readonly Model[], report: Report): void {
  const owner = new Map<string, string>();
  models.forEach((model, index) => {
    [model.id, ...model.aliases].forEach((name, nameIndex) => {
      const key = modelNameKey(name);
      const holder = owner.get(key);
      if (holder !== undefined && holder !== model.id)
        report(
          'models',
          ['models', index, ...(nameIndex === 0 ? ['id'] : ['aliases', nameIndex - 1])],
          `"${name}" already names ${holder}`,
        );
      else owner.set(key, model.id);
    });
  });
}
