/** The cooldown is for new questions: the buttons and menus on one's own answer are never held back by it. */
import { MessageFlags } from 'discord-api-types/v10';
import { beforeAll, describe, expect, it } from 'vitest';
import { commandsByName } from '../../commands/index.ts';
import type { Advisor } from '../../src/advisor/index.ts';
import { createInteractionHandler } from '../../src/discord/router.ts';
import { recommendMenuIds } from '../../src/discord/custom-ids.ts';
import { captureLogger } from '../helpers/capture-logger.ts';
import {
  buttonsOf,
  fakeButton,
  fakeChatInput,
  fakeSelect,
  menuOptionsOf,
  methodsOf,
  sentMessage,
} from '../helpers/fake-interactions.ts';
import { liveAdvisor } from '../helpers/live-advisor.ts';
import { deliveryErrors, type PayloadLike } from '../helpers/discord-schema.ts';
import type { RecordedCall } from '../helpers/fake-interactions.ts';

let advisor: Advisor;
beforeAll(async () => {
  advisor = await liveAdvisor();
});

const asker = '300000000000000001';
const someoneElse = '300000000000000002';

async function askedAtZero() {
  let clock = 0;
  const { logger } = captureLogger();
  const handle = createInteractionHandler({
    advisor,
    logger,
    commands: commandsByName,
    cooldownSeconds: 5,
    now: () => clock,
  });
  const question = fakeChatInput(
    'recommend',
    { model: 'llama-3.3-70b', budget: 3000, context: 32768 },
    { userId: asker },
  );
  await handle(question.interaction);
  clock = 1000; // one second later: well within the 5 s cooldown
  return { handle, answer: question.calls[1] };
}

/** What a call sent, back in the API's spelling (discord.js takes allowedMentions), without the chart file. */
function apiPayload(call: RecordedCall | undefined): PayloadLike {
  const {
    allowedMentions,
    files: _files,
    ...rest
  } = JSON.parse(
    JSON.stringify(call?.options ?? {}, (key, value: unknown) => (key === 'files' ? undefined : value)),
  ) as PayloadLike & { allowedMentions?: unknown; files?: unknown };
  return { ...rest, allowed_mentions: allowedMentions };
}

/** Every message the handler sent in these calls is one Discord accepts. */
const expectValid = (calls: readonly RecordedCall[]) => {
  for (const call of calls.filter((entry) => entry.options !== undefined && 'embeds' in entry.options))
    expect(deliveryErrors(apiPayload(call)), call.method).toEqual([]);
};

const isCooldown = (calls: Parameters<typeof sentMessage>[0][]) =>
  calls.length === 1 &&
  sentMessage(calls[0]).flags === MessageFlags.Ephemeral &&
  (sentMessage(calls[0]).embeds[0]?.description ?? '').includes('You can ask again');

describe('the cooldown and the buttons on an answer', () => {
  it('lets the asker turn to the next picks of their own answer at once', async () => {
    const { handle, answer } = await askedAtZero();
    const more = buttonsOf(answer).find((button) => button.label.startsWith('Show #6'));
    const click = fakeButton(more?.customId ?? '', { userId: asker, answerTo: asker });
    await handle(click.interaction);
    expect(methodsOf(click.calls)).toEqual(['deferUpdate', 'editReply']);
    expect(sentMessage(click.calls[1]).embeds[0]?.description).toMatch(/#6–#\d+ shown/);
    expectValid([answer].filter((call) => call !== undefined));
    expectValid(click.calls);
  });

  it("lets the asker open the details of a pick from their own answer's menu at once", async () => {
    const { handle, answer } = await askedAtZero();
    const [first] = menuOptionsOf(answer, recommendMenuIds.picks);
    const choose = fakeSelect(recommendMenuIds.picks, first?.value ?? '', { userId: asker, answerTo: asker });
    await handle(choose.interaction);
    expect(isCooldown(choose.calls)).toBe(false);
    expect(methodsOf(choose.calls)).toEqual(['reply']);
    expectValid(choose.calls);
  });

  it("still holds back the asker on a button of someone else's answer, and a new question", async () => {
    const { handle, answer } = await askedAtZero();
    const more = buttonsOf(answer).find((button) => button.label.startsWith('Show #6'));
    const click = fakeButton(more?.customId ?? '', { userId: asker, answerTo: someoneElse });
    await handle(click.interaction);
    expect(isCooldown(click.calls)).toBe(true);
    const again = fakeChatInput('specs', { machine: 'nvidia-dgx-spark' }, { userId: asker });
    await handle(again.interaction);
    expect(isCooldown(again.calls)).toBe(true);
    expectValid([...click.calls, ...again.calls]);
  });
});
