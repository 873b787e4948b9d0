/** `--chart <file.png>`: the chart of a terminal command, written where asked. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CommandResult } from '../../commands/index.ts';
import type { Advisor } from '../advisor/index.ts';
import { chartFor, renderPng } from '../charts/index.ts';

export function writeChart(advisor: Advisor, answer: CommandResult, file: string): { ok: boolean; message: string } {
  const chart = chartFor(advisor, answer);
  if (!chart) return { ok: false, message: `/${answer.command} has nothing to chart here` };
  try {
    const png = renderPng(chart.svg);
    writeFileSync(file, png);
    return {
      ok: true,
      message: `chart: ${path.resolve(file)} (${Math.round(png.length / 1024)} kB, ${chart.width}×${chart.height})\n${chart.altText}`,
    };
  } catch (error) {
    return {
      ok: false,
      message: `could not write the chart to ${file}: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}
