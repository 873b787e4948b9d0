/** Decimal megabytes, as the targets are written. resourceUsage().maxRSS and /proc's "kB" are both KiB: multiply by 1024 first. */
export const megabytes = (bytes: number): number => Math.round(bytes / 1e6);
