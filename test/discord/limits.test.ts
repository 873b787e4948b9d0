import type { APIEmbed } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import {
  discordLimits,
  embedField,
  fitEmbeds,
  joinWithin,
  limitProblems,
  totalEmbedLength,
  truncate,
} from '../../src/discord/limits.ts';
import { deliveryErrors, schemaErrors, schemaNames } from '../helpers/discord-schema.ts';

const field = (length: number, name = 'field') => ({ name, value: 'v'.repeat(length) });

describe('truncate', () => {
  it('leaves text within the limit alone and cuts longer text to the limit with an ellipsis', () => {
    expect(truncate('short', 10)).toBe('short');
    const cut = truncate('x'.repeat(300), 256);
    expect(cut).toHaveLength(256);
    expect(cut.endsWith('…')).toBe(true);
  });

  it('never splits a surrogate pair', () => {
    const cut = truncate(`${'x'.repeat(8)}😀😀😀`, 10);
    expect(cut.length).toBeLessThanOrEqual(10);
    expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});

describe('joinWithin', () => {
  it('keeps whole lines and says how many were left out', () => {
    const lines = Array.from({ length: 50 }, (_, index) => `line ${index} ${'x'.repeat(40)}`);
    const joined = joinWithin(lines, 1024);
    expect(joined.length).toBeLessThanOrEqual(1024);
    expect(
      joined
        .split('\n')
        .slice(0, -1)
        .every((line) => lines.includes(line)),
    ).toBe(true);
    expect(joined).toMatch(/… and \d+ more$/);
  });

  it('returns every line when they fit', () => {
    expect(joinWithin(['a', 'b'], 10)).toBe('a\nb');
  });
});

describe('embedField', () => {
  it('clamps names and values and never leaves one empty', () => {
    expect(embedField('', '')).toEqual({ name: '\u200b', value: '—', inline: false });
    const long = embedField('n'.repeat(300), 'v'.repeat(2000), true);
    expect(long.name).toHaveLength(discordLimits.fieldName);
    expect(long.value).toHaveLength(discordLimits.fieldValue);
  });
});

describe('limitProblems', () => {
  it('finds nothing wrong with a small message', () => {
    expect(limitProblems({ embeds: [{ title: 't', description: 'd', fields: [field(10)] }] })).toEqual([]);
  });

  it('reports the 6000-character total that the schema does not check', () => {
    const embeds: APIEmbed[] = [0, 1].map(() => ({ description: 'd'.repeat(3500) }));
    expect(limitProblems({ embeds })).toEqual(['embeds in total is 7000 long, over 6000']);
    // Each embed alone is valid for Discord's schema: only the total is over.
    expect(deliveryErrors({ embeds, allowed_mentions: { parse: [] } })).toEqual([]);
  });

  it('reports per-part limits, too many fields, buttons per row and long or repeated custom_ids', () => {
    const problems = limitProblems({
      embeds: [{ title: 't'.repeat(257), fields: Array.from({ length: 26 }, () => field(1)) }],
      components: [
        {
          type: 1,
          components: Array.from({ length: 6 }, (_, index) => ({
            type: 2,
            style: 2,
            label: 'b',
            custom_id: index === 5 ? 'x'.repeat(101) : 'same',
          })),
        },
      ],
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'embeds[0].title is 257 long, over 256',
        'embeds[0].fields is 26 long, over 25',
        'components[0] buttons is 6 long, over 5',
        `custom_id "${'x'.repeat(101)}" is 101 long, over 100`,
        'custom_id "same" is used twice',
      ]),
    );
  });

  it('agrees with the schema on a title one character too long', () => {
    expect(schemaErrors(schemaNames.embed, { title: 't'.repeat(257) })).not.toEqual([]);
    expect(schemaErrors(schemaNames.embed, { title: 't'.repeat(256) })).toEqual([]);
  });
});

describe('fitEmbeds', () => {
  it('keeps the total within 6000 by dropping trailing fields, then shortening the description', () => {
    const embeds: APIEmbed[] = [
      {
        title: 'title',
        description: 'd'.repeat(4000),
        fields: Array.from({ length: 10 }, (_, index) => field(1000, `field ${index}`)),
      },
    ];
    const fitted = fitEmbeds(embeds);
    expect(totalEmbedLength(fitted)).toBeLessThanOrEqual(discordLimits.embedsTotal);
    expect(limitProblems({ embeds: fitted })).toEqual([]);
    expect(fitted[0]?.fields?.[0]?.name).toBe('field 0');
    expect(fitted[0]?.fields?.length).toBe(1);
  });

  it('clamps parts that were built past their limit and keeps at most 10 embeds', () => {
    const fitted = fitEmbeds(
      Array.from({ length: 12 }, () => ({ title: 't'.repeat(300), footer: { text: 'f'.repeat(10) } })),
    );
    expect(fitted).toHaveLength(10);
    expect(limitProblems({ embeds: fitted })).toEqual([]);
  });
});
