/** A chart as a PNG attachment shown inside the reply's first embed, with its alt text. */
import type { CommandResult, OptionValues } from '../../../commands/index.ts';
import type { Advisor } from '../../advisor/index.ts';
import type { Chart } from '../../charts/index.ts';
import { chartFor, renderPng } from '../../charts/index.ts';
import { recommendChartView } from '../custom-ids.ts';
import { truncate } from '../limits.ts';
import type { ReplyPayload } from './payload.ts';

export const chartFileName = 'chart.png';
/** Discord's limit on an attachment's description (its alt text). */
export const maxAttachmentDescription = 1024;

export function withChart(payload: ReplyPayload, chart: Chart): ReplyPayload {
  const [first, ...rest] = payload.embeds;
  if (!first) return payload;
  return {
    ...payload,
    embeds: [{ ...first, image: { url: `attachment://${chartFileName}` } }, ...rest],
    files: [
      {
        name: chartFileName,
        data: renderPng(chart.svg),
        description: truncate(chart.altText, maxAttachmentDescription),
      },
    ],
  };
}

/**
 * Whether this answer shows its command's chart: /compare and /specs inline; /recommend only
 * in the view its Chart button asks for, since on a phone the chart (~230 px) and five picks
 * do not fit one screen together.
 */
export function showsChart(answer: CommandResult, options: OptionValues): boolean {
  return answer.command !== 'recommend' || options.view === recommendChartView;
}

/** The answer with its chart attached where it shows one (and there is something to draw). */
export function withChartFor(
  advisor: Advisor,
  answer: CommandResult,
  options: OptionValues,
  payload: ReplyPayload,
): ReplyPayload {
  if (!showsChart(answer, options)) return payload;
  const chart = chartFor(advisor, answer);
  return chart ? withChart(payload, chart) : payload;
}
