/** Configurations joined by a link: an eGPU on a host (PCIe x4, OCuLink, USB4), and clusters of identical machines. */
import type { BuildsData, ClusterTemplate, Machine } from './schema.ts';
import type { Derived, EgpuVariant } from './derive.ts';
import {
  availabilityOf,
  gpuName,
  machinePart,
  offerPart,
  powerWithGpus,
  pricedPart,
  priceFromParts,
  type EurOf,
  type Lookup,
} from './derive-parts.ts';

/**
 * One candidate per host and card: set-ups that differ only in the link or dock are the same
 * purchase to a buyer, so they are named together ("OCuLink or USB4") and estimated on the
 * fastest link; the slower ones' bandwidth and price are kept as variants for the notes.
 */
export function deriveEgpus(eur: EurOf, builds: BuildsData, lookup: Lookup, result: Derived): void {
  if (!builds.egpu) return;
  for (const hostId of builds.egpu.hosts) {
    const host = lookup.machine(hostId);
    if (!host) continue;
    const hasX4Slot = host.expansion.pcie_slots.some((slot) => slot.lanes >= 4);
    const usable = builds.egpu_links
      .filter((link) =>
        link.kind === 'pcie' ? hasX4Slot : host.expansion.usb4_ports + host.expansion.thunderbolt_ports > 0,
      )
      .sort((a, b) => b.bandwidth_gbps - a.bandwidth_gbps || eur(a.price) - eur(b.price));
    const fastest = usable[0];
    if (!fastest) continue;
    const variants: EgpuVariant[] = usable.map((link) => ({
      link: link.id,
      label: link.label,
      linkGbps: link.bandwidth_gbps,
      priceEur: Math.round(eur(link.price)),
    }));
    const linkNames = variants.map((variant) => variant.label).join(' or ');
    for (const offerId of builds.egpu.gpu_offers) {
      const offer = builds.gpu_offers.find((candidate) => candidate.id === offerId);
      const chip = offer ? lookup.chip(offer.chip) : undefined;
      if (!offer || !chip) continue;
      const slower = usable
        .slice(1)
        .map((link) => `${link.name} (${link.bandwidth_gbps} GB/s, ${Math.round(eur(link.price))} EUR)`);
      result.configurations.push({
        ...host,
        id: `egpu-${host.id}-${offer.id}-${fastest.kind}`,
        name: `${host.name} + ${gpuName(offer, chip, 1)} (${linkNames})`,
        vendor: 'configuration',
        gpus: [{ chip: chip.id, count: 1 }],
        // Host and card both draw: the card's own supply adds to the wall, not replaces the host's.
        power: powerWithGpus(host, chip, 1),
        availability: availabilityOf([host, offer]),
        price: priceFromParts([
          machinePart(eur, host),
          offerPart(eur, offer, chip, 1),
          pricedPart(fastest.name, eur(fastest.price), fastest.price),
        ]),
        links: [],
        notes: [
          `The GPU sits outside on a ${fastest.name}: ${fastest.bandwidth_gbps} GB/s each way, for loading and for work that crosses between GPU and unified memory.`,
          ...(slower.length > 0
            ? [
                `Also possible with ${slower.join(', ')}: the same machine and card; estimated here on the faster link, a split model runs slower on the other.`,
              ]
            : []),
        ],
        configuration: {
          kind: 'egpu',
          host: host.id,
          gpuOffer: offer.id,
          link: fastest.id,
          linkKind: fastest.kind,
          linkGbps: fastest.bandwidth_gbps,
          variants,
        },
      });
    }
  }
}

/** How a cluster's link reads in its name: "USB4", "Thunderbolt 5", "200 GbE". */
function clusterLinkName(template: ClusterTemplate): string {
  if (template.link === 'usb4') return 'USB4';
  if (template.link === 'thunderbolt') return 'Thunderbolt 5';
  return `${template.link_gbps} GbE`;
}

/**
 * One candidate per member and node count: clusters that differ only in the link are the same
 * machines, so they collapse into one, estimated on the quickest link (shortest hand-off, then
 * the widest), the others named as variants ("over USB4 or 5 GbE").
 */
export function deriveClusters(eur: EurOf, builds: BuildsData, lookup: Lookup, result: Derived): void {
  const groups = new Map<string, { member: Machine; nodes: number; templates: ClusterTemplate[] }>();
  for (const template of builds.clusters) {
    const member = lookup.machine(template.machine);
    if (!member) continue;
    for (const nodes of template.node_counts) {
      const key = `${member.id}\u0000${nodes}`;
      const group = groups.get(key) ?? { member, nodes, templates: [] };
      group.templates.push(template);
      groups.set(key, group);
    }
  }
  for (const { member, nodes, templates } of groups.values()) {
    const [template, ...slower] = [...templates].sort(
      (a, b) => a.hop_latency_ms - b.hop_latency_ms || b.link_gbps - a.link_gbps,
    );
    if (!template) continue;
    const memory = member.memory;
    const linkNames = [template, ...slower].map(clusterLinkName).join(' or ');
    result.configurations.push({
      ...member,
      id: `cluster-${nodes}x-${member.id}-${template.link}`,
      name: `${nodes}× ${member.name} over ${linkNames} (llama.cpp RPC)`,
      vendor: 'configuration',
      gpus: member.gpus.map((gpu) => ({ ...gpu, count: gpu.count * nodes })),
      memory: {
        ...memory,
        capacity_gb: memory.capacity_gb * nodes,
        ...(memory.gpu_addressable_gb === undefined ? {} : { gpu_addressable_gb: memory.gpu_addressable_gb * nodes }),
      },
      ...(member.power
        ? {
            power: {
              ...member.power,
              ...(member.power.load_w ? { load_w: member.power.load_w * nodes } : {}),
              ...(member.power.idle_w ? { idle_w: member.power.idle_w * nodes } : {}),
            },
          }
        : {}),
      availability: availabilityOf([member]),
      price: priceFromParts([
        { ...machinePart(eur, member), item: `${nodes}× ${member.name}`, eur: eur(member.price) * nodes },
        // A chain of N nodes needs N - 1 links; link_cost is per link.
        pricedPart(`${nodes - 1}× ${template.link} link`, eur(template.link_cost) * (nodes - 1), template.link_cost),
      ]),
      links: [],
      notes: [
        `${nodes} nodes, layers split across them (pipeline): memory adds up, but one token still passes every layer in turn, so a cluster is never faster per token than one node that holds the model.`,
        ...(slower.length === 0
          ? []
          : [
              `Also possible over ${slower
                .map(
                  (other) =>
                    `${clusterLinkName(other)} (${Math.round(eur(other.link_cost) * (nodes - 1))} EUR for the links)`,
                )
                .join(', ')}: the same machines; estimated here on ${clusterLinkName(template)}, the quicker hand-off.`,
            ]),
      ],
      configuration: {
        kind: 'cluster',
        member: member.id,
        nodes,
        link: template.link,
        linkGbitPerSecond: template.link_gbps,
        hopLatencyMs: template.hop_latency_ms,
      },
    });
  }
}
