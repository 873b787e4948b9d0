import { MessageFlags } from 'discord-api-types/v10';
import { beforeAll, describe, expect, it } from 'vitest';
import { commandsByName, type Command } from '../../commands/index.ts';
import type { Advisor } from '../../src/advisor/index.ts';
import { parseCustomId, recommendMenuIds } from '../../src/discord/custom-ids.ts';
import { createInteractionHandler } from '../../src/discord/router.ts';
import { captureLogger, logLevels } from '../helpers/capture-logger.ts';
import {
  buttonsOf,
  fakeAutocomplete,
  fakeButton,
  fakeChatInput,
  fakeSelect,
  menuOptionsOf,
  methodsOf,
  sentMessage,
} from '../helpers/fake-interactions.ts';
import { liveAdvisor } from '../helpers/live-advisor.ts';
import { formatEur } from '../../src/format/index.ts';

const never = (): never => {
  throw new Error('the live catalog lacks a machine this test names');
};

let advisor: Advisor;
beforeAll(async () => {
  advisor = await liveAdvisor();
});

function setUp(commands: ReadonlyMap<string, Command> = commandsByName) {
  const { logger, entries } = captureLogger();
  return { handle: createInteractionHandler({ advisor, logger, commands }), entries };
}

function withCommand(name: string, change: Partial<Command>): ReadonlyMap<string, Command> {
  const original = commandsByName.get(name);
  if (!original) throw new Error(`no command ${name}`);
  return new Map([...commandsByName, [name, { ...original, ...change }]]);
}

const boom = (): never => {
  throw new Error('boom');
};

describe('slash commands', () => {
  it('answers a bad machine id with an ephemeral reply that lists close matches', async () => {
    const { handle, entries } = setUp();
    const { interaction, calls } = fakeChatInput('specs', { machine: 'framework-desktp-128gb' });
    await handle(interaction);
    expect(methodsOf(calls)).toEqual(['reply']);
    const sent = sentMessage(calls[0]);
    expect(sent.flags).toBe(MessageFlags.Ephemeral);
    expect(sent.allowedMentions).toEqual({ parse: [] });
    expect(sent.embeds[0]?.description).toContain('Unknown machine "framework-desktp-128gb"');
    // The suggestions are buttons labelled with name and price, not a list that says each name again.
    expect(sent.embeds[0]?.description).toContain('Did you mean one of these?');
    expect(sent.embeds[0]?.fields ?? []).toEqual([]);
    expect(entries().find((entry) => entry.msg === 'answered a user error')).toMatchObject({
      command: 'specs',
      interactionId: interaction.id,
      userId: interaction.user.id,
    });
    // Each suggestion is a button that asks the same question with it, answered as a new message.
    const [first] = buttonsOf(calls[0]);
    expect(first?.label).toBe(
      `Framework Desktop DIY Edition 128 GB — ${formatEur(advisor.catalog.buyerPrice(advisor.catalog.machine('framework-desktop-128gb') ?? never()).eur)}`,
    );
    const click = fakeButton(first?.customId ?? '');
    await handle(click.interaction);
    expect(methodsOf(click.calls)).toEqual(['reply']);
    const sheet = sentMessage(click.calls[0]);
    expect(sheet.flags).toBeUndefined();
    expect(sheet.embeds[0]?.title).toBe(advisor.catalog.machine('framework-desktop-128gb')?.name);
  });

  it('offers the machine meant in /compare as a button that compares with it, keeping the other side and the model', async () => {
    const { handle } = setUp();
    const { interaction, calls } = fakeChatInput('compare', {
      machine_a: 'gmktec-evo-x2-128gb',
      machine_b: 'dgx-sprak',
      model: 'gpt-oss-120b',
    });
    await handle(interaction);
    const [first] = buttonsOf(calls[0]);
    expect(parseCustomId(first?.customId ?? '')).toMatchObject({
      namespace: 'compare:pair',
      response: 'reply',
      options: { machine_a: 'gmktec-evo-x2-128gb', machine_b: 'nvidia-dgx-spark', model: 'gpt-oss-120b' },
    });
  });

  it('offers the model meant in /recommend as a button that asks again with it, the budget kept', async () => {
    const { handle } = setUp();
    const { interaction, calls } = fakeChatInput('recommend', { model: 'llama-3.3-7b', budget: 3000 });
    await handle(interaction);
    // Deferred first (recommend may be slow): the error comes last, ephemeral.
    const error = calls.at(-1);
    expect(sentMessage(error).flags).toBe(MessageFlags.Ephemeral);
    const [first] = buttonsOf(error);
    expect(first?.label).toBe('Llama 3.3 70B Instruct (70 B)');
    expect(parseCustomId(first?.customId ?? '')).toMatchObject({
      namespace: 'recommend:run',
      response: 'reply',
      options: { model: 'llama-3.3-70b', budget: 3000 },
    });
    const click = fakeButton(first?.customId ?? '');
    await handle(click.interaction);
    expect(methodsOf(click.calls)).toEqual(['deferReply', 'editReply']);
    expect(sentMessage(click.calls[1]).embeds[0]?.title).toContain('Llama 3.3 70B');
  });

  it('defers a slow command first, then edits the deferred reply with the answer', async () => {
    const { handle } = setUp();
    const { interaction, calls } = fakeChatInput('recommend', { model: 'llama-3.3-70b', budget: 3000, context: 32768 });
    await handle(interaction);
    expect(methodsOf(calls)).toEqual(['deferReply', 'editReply']);
    expect(calls[0]?.options).toBeUndefined();
    const sent = sentMessage(calls[1]);
    expect(sent.embeds[0]?.title).toContain('Llama 3.3 70B');
    expect(sent.allowedMentions).toEqual({ parse: [] });
    expect(sent.flags).toBeUndefined();
  });

  it('after a public defer, a user error replaces the "thinking…" with an ephemeral follow-up', async () => {
    const { handle } = setUp();
    const { interaction, calls } = fakeChatInput('recommend', { model: 'llama-9000' });
    await handle(interaction);
    expect(methodsOf(calls)).toEqual(['deferReply', 'deleteReply', 'followUp']);
    expect(sentMessage(calls[2]).flags).toBe(MessageFlags.Ephemeral);
    expect(sentMessage(calls[2]).embeds[0]?.description).toContain('Unknown model');
  });

  it('logs a command that throws with its context and tells the user ephemerally; nothing escapes', async () => {
    const { handle, entries } = setUp(withCommand('specs', { run: boom }));
    const { interaction, calls } = fakeChatInput(
      'specs',
      { machine: 'nvidia-dgx-spark' },
      { userId: '300000000000000003' },
    );
    await expect(handle(interaction)).resolves.toBeUndefined();
    expect(methodsOf(calls)).toEqual(['reply']);
    expect(sentMessage(calls[0]).flags).toBe(MessageFlags.Ephemeral);
    expect(sentMessage(calls[0]).embeds[0]?.title).toBe('Something went wrong');
    const logged = entries().find((entry) => entry.level === logLevels.error);
    expect(logged).toMatchObject({
      msg: 'command failed',
      command: 'specs',
      interactionId: interaction.id,
      userId: '300000000000000003',
      err: { message: 'boom' },
    });
    expect(typeof logged?.durationMs).toBe('number');
  });

  it('when a deferred command throws, the error still reaches the user ephemerally', async () => {
    const { handle } = setUp(withCommand('recommend', { run: boom }));
    const { interaction, calls } = fakeChatInput('recommend', { model: 'llama-3.3-70b' });
    await handle(interaction);
    expect(methodsOf(calls)).toEqual(['deferReply', 'deleteReply', 'followUp']);
    expect(sentMessage(calls[2]).flags).toBe(MessageFlags.Ephemeral);
  });

  it('survives Discord refusing every response, and logs each failure', async () => {
    const { handle, entries } = setUp(withCommand('specs', { run: boom }));
    const { interaction } = fakeChatInput(
      'specs',
      { machine: 'nvidia-dgx-spark' },
      { failing: ['reply', 'followUp', 'deferReply', 'editReply'] },
    );
    await expect(handle(interaction)).resolves.toBeUndefined();
    expect(
      entries()
        .filter((entry) => entry.level === logLevels.error)
        .map((entry) => entry.msg),
    ).toEqual(['command failed', 'could not send the error reply']);
  });

  it('answers a command this version does not know ephemerally', async () => {
    const { handle } = setUp();
    const { interaction, calls } = fakeChatInput('benchmark');
    await handle(interaction);
    expect(methodsOf(calls)).toEqual(['reply']);
    expect(sentMessage(calls[0]).flags).toBe(MessageFlags.Ephemeral);
  });
});

describe('buttons', () => {
  it('"Show more" round-trips the same query and replaces the page with the next one', async () => {
    const { handle } = setUp();
    const query = { model: 'qwen3-8b', budget: 5000, context: 16384, priority: 'value' };
    const first = fakeChatInput('recommend', query);
    await handle(first.interaction);
    const more = buttonsOf(first.calls[1]).find((button) => button.label === 'Show #6–#10');
    expect(more).toBeDefined();
    expect(parseCustomId(more?.customId ?? '')?.options).toEqual({ ...query, offset: 5 });

    const click = fakeButton(more?.customId ?? '');
    await handle(click.interaction);
    expect(methodsOf(click.calls)).toEqual(['deferUpdate', 'editReply']);
    const page = sentMessage(click.calls[1]);
    expect(page.embeds[0]?.description).toMatch(/#6–#10 shown/);
    expect(buttonsOf(click.calls[1]).map((button) => button.label)).toContain('Previous: #1–#5');
  });

  it('the menu offers every pair of picks after the details, and choosing #2 and #4 answers with a new message comparing them', async () => {
    const { handle } = setUp();
    const first = fakeChatInput('recommend', { model: 'llama-3.3-70b', budget: 3000, context: 32768 });
    await handle(first.interaction);
    const options = menuOptionsOf(first.calls[1], recommendMenuIds.picks);
    // Five picks make 5 details and 5·4/2 pairs.
    expect(options).toHaveLength(15);
    const pairs = options.filter((option) => option.label.startsWith('Compare '));
    expect(pairs).toHaveLength(10);
    expect(options.slice(0, 5).every((option) => parseCustomId(option.value)?.namespace === 'specs:one')).toBe(true);
    const pair = pairs.find((option) => option.label === 'Compare #2 and #4');
    const parsed = parseCustomId(pair?.value ?? '');
    const picks = sentMessage(first.calls[1]).embeds[0]?.fields.filter((field) => field.name.startsWith('#')) ?? [];
    expect(parsed?.namespace).toBe('compare:pair');
    expect(picks).toHaveLength(5);
    const click = fakeSelect(recommendMenuIds.picks, pair?.value ?? '');
    await handle(click.interaction);
    expect(methodsOf(click.calls)).toEqual(['reply']);
    const sent = sentMessage(click.calls[0]);
    expect(sent.flags).toBeUndefined();
    expect(sent.embeds[0]?.title).toContain(' vs ');
    expect(sent.embeds[0]?.description).toContain('Llama 3.3 70B');
  });

  it('the chart button answers only its presser with the chart and what was left out, the answer itself unchanged', async () => {
    const { handle } = setUp();
    const first = fakeChatInput('recommend', { model: 'llama-3.3-70b', budget: 3000, context: 32768 });
    await handle(first.interaction);
    /** What discord.js is asked to send: the embeds' image and the files beside them. */
    const sent = (call: (typeof first.calls)[number] | undefined) =>
      call?.options as { embeds?: { image?: { url: string } }[]; files?: { name: string }[] } | undefined;
    expect(sent(first.calls[1])?.embeds?.[0]?.image).toBeUndefined();
    expect(sent(first.calls[1])?.files).toBeUndefined();
    const chart = buttonsOf(first.calls[1]).find((button) => button.label === 'Chart, left out');
    const click = fakeButton(chart?.customId ?? '');
    await handle(click.interaction);
    // Deferred as /recommend is, privately: whether a reply is ephemeral is fixed by its first response.
    expect(methodsOf(click.calls)).toEqual(['deferReply', 'editReply']);
    expect(click.calls[0]?.options).toEqual({ flags: 64 });
    expect(sent(click.calls[1])?.embeds?.[0]?.image?.url).toBe('attachment://chart.png');
    expect(sent(click.calls[1])?.files?.map((file) => file.name)).toEqual(['chart.png']);
    const message = sentMessage(click.calls[1]);
    expect(message.embeds[0]?.fields.map((field) => field.name)).toContain('Left out');
    expect(message.components).toEqual([]);
  });

  it('the details menu answers with /specs of the chosen pick for the same model', async () => {
    const { handle } = setUp();
    const first = fakeChatInput('recommend', { model: 'llama-3.3-70b', budget: 3000, context: 32768 });
    await handle(first.interaction);
    const details = menuOptionsOf(first.calls[1], recommendMenuIds.picks).slice(0, 5);
    expect(details.map((option) => option.label.split(' ')[0])).toEqual(['#1', '#2', '#3', '#4', '#5']);
    const third = details[2];
    const click = fakeSelect(recommendMenuIds.picks, third?.value ?? '');
    await handle(click.interaction);
    expect(methodsOf(click.calls)).toEqual(['reply']);
    const sent = sentMessage(click.calls[0]);
    expect(sent.flags).toBeUndefined();
    expect(parseCustomId(third?.value ?? '')?.options.model).toBe('llama-3.3-70b');
    const speed = sent.embeds[0]?.fields.find((field) => field.name.startsWith('Speed at 32,768 tokens'));
    expect(speed?.value.split('\n')[1]).toMatch(/^\*\*Llama 3\.3 70B/);
  });

  it('answers a stale or foreign custom_id ephemerally', async () => {
    const { handle, entries } = setUp();
    const { interaction, calls } = fakeButton('recommend:more:v1:deadbeef');
    await handle(interaction);
    expect(methodsOf(calls)).toEqual(['reply']);
    expect(sentMessage(calls[0]).flags).toBe(MessageFlags.Ephemeral);
    expect(
      entries().some((entry) => entry.level === logLevels.warn && entry.customId === 'recommend:more:v1:deadbeef'),
    ).toBe(true);
  });
});

describe('autocomplete', () => {
  it('responds with at most 25 choices from memory', async () => {
    const { handle } = setUp();
    const { interaction, calls } = fakeAutocomplete('specs', { name: 'machine', value: '' });
    await handle(interaction);
    expect(methodsOf(calls)).toEqual(['respond']);
    const choices = calls[0]?.options;
    expect(Array.isArray(choices) && choices.length > 0 && choices.length <= 25).toBe(true);
  });

  it('logs a failing autocomplete and responds with no choices, never with an error message', async () => {
    const { handle, entries } = setUp(withCommand('specs', { autocomplete: boom }));
    const { interaction, calls } = fakeAutocomplete('specs', { name: 'machine', value: 'fra' });
    await expect(handle(interaction)).resolves.toBeUndefined();
    expect(calls).toEqual([{ method: 'respond', options: [] }]);
    expect(entries().find((entry) => entry.level === logLevels.error)).toMatchObject({
      msg: 'autocomplete failed',
      command: 'specs',
      err: { message: 'boom' },
    });
  });

  it('only logs when even the empty response fails', async () => {
    const { handle, entries } = setUp();
    const { interaction, calls } = fakeAutocomplete(
      'specs',
      { name: 'machine', value: 'fra' },
      { failing: ['respond'] },
    );
    await expect(handle(interaction)).resolves.toBeUndefined();
    expect(methodsOf(calls)).toEqual(['respond', 'respond']);
    expect(entries().map((entry) => entry.msg)).toEqual([
      'autocomplete failed',
      'could not send empty autocomplete choices',
    ]);
  });
});
