import { MessageFlags } from 'discord-api-types/v10';
import { beforeAll, describe, expect, it } from 'vitest';
import { commandsByName } from '../../commands/index.ts';
import type { Advisor } from '../../src/advisor/index.ts';
import { renderUserError } from '../../src/discord/render/index.ts';
import { escapeUserText } from '../../src/discord/render/format.ts';
import { createInteractionHandler } from '../../src/discord/router.ts';
import { captureLogger } from '../helpers/capture-logger.ts';
import { deliveryErrors } from '../helpers/discord-schema.ts';
import { fakeChatInput, sentMessage } from '../helpers/fake-interactions.ts';
import { liveAdvisor } from '../helpers/live-advisor.ts';

let advisor: Advisor;
beforeAll(async () => {
  advisor = await liveAdvisor();
});

describe('user text echoed back', () => {
  it('`@everyone **bold**` as a machine comes back escaped and cannot ping', async () => {
    const handle = createInteractionHandler({ advisor, logger: captureLogger().logger, commands: commandsByName });
    const { interaction, calls } = fakeChatInput('specs', { machine: '@everyone **bold**' });
    await handle(interaction);
    const sent = sentMessage(calls[0]);
    const description = sent.embeds[0]?.description ?? '';
    expect(sent.flags).toBe(MessageFlags.Ephemeral);
    expect(sent.allowedMentions).toEqual({ parse: [] });
    expect(description).toContain('\\*\\*bold\\*\\*');
    expect(description).not.toContain('@everyone');
    expect(description).not.toMatch(/(?<!\\)\*\*/);
  });

  it('escapes every markdown construct and breaks every mention', () => {
    const typed =
      '@here <@123456789012345678> <@&123456789012345678> [click](https://evil.example) # big __u__ ||spoiler|| `code` ~~s~~ > quote - list';
    const escaped = escapeUserText(typed);
    expect(escaped).not.toMatch(/@(here|everyone|&?\d)/);
    for (const raw of ['__u__', '||spoiler||', '`code`', '~~s~~']) expect(escaped).not.toContain(raw);
    expect(escaped).not.toMatch(/(?<!\\)\[click\]\(/);
    expect(escapeUserText('# heading\n- item\n1. first')).toBe('\\# heading\n\\- item\n1\\. first');
    expect(escaped.startsWith('@\u200bhere')).toBe(true);
  });

  it('escapes every masked link on a line, and channel, command, timestamp and emoji markup (D7)', () => {
    const escaped = escapeUserText(
      '[x](https://evil.example) [y](https://evil.example) <#123456789012345678> </specs:123456789012345678> <t:1700000000:R> <:e:123456789012345678>',
    );
    expect(escaped).toBe(
      '\\[x\\](https://evil.example) \\[y\\](https://evil.example) \\<#123456789012345678> \\</specs:123456789012345678> \\<t:1700000000:R> \\<:e:123456789012345678>',
    );
  });

  it('an error payload with hostile text and suggestions stays valid and ephemeral', () => {
    const payload = renderUserError({
      message: `unknown model "@everyone ${'`'.repeat(3)}js\n# ${'x'.repeat(5000)}"`,
      suggestions: ['a`b', '@here'],
    });
    expect(deliveryErrors(payload)).toEqual([]);
    expect(payload.flags).toBe(MessageFlags.Ephemeral);
    expect(payload.allowed_mentions).toEqual({ parse: [] });
    const suggestions = payload.embeds[0]?.fields?.[0]?.value ?? '';
    expect(suggestions).toBe('`aˋb` · `@here`');
  });

  it('a model name typed by the user is escaped in the error too', () => {
    const outcome = commandsByName.get('recommend')?.run({ model: '@here _x_' }, { advisor });
    expect(outcome?.ok).toBe(false);
    if (!outcome || outcome.ok) return;
    const description = renderUserError(outcome.error).embeds[0]?.description ?? '';
    expect(description).toContain('@\u200bhere \\_x\\_');
  });
});

describe('long user text', () => {
  it('echoes at most 500 characters of what the user typed', async () => {
    const { maxEchoedUserText } = await import('../../src/discord/render/format.ts');
    const escaped = escapeUserText('x'.repeat(10_000));
    expect(escaped.length).toBe(maxEchoedUserText);
    expect(escaped.endsWith('…')).toBe(true);
  });
});
