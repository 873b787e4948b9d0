/** A chart as a PNG attachment shown inside the reply's first embed, with its alt text. */
import type { Chart } from '../../charts/index.ts';
import { renderPng } from '../../charts/index.ts';
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
