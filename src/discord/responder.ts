/**
 * Sends one interaction's answers in the order Discord allows, remembering what it has
 * already done: reply or update when fresh, editReply after a defer, followUp after that.
 * Whether the first response is ephemeral cannot change later, so an error after a
 * public defer deletes the "thinking…" message and follows up ephemerally.
 */
import type {
  InteractionDeferReplyOptions,
  InteractionEditReplyOptions,
  InteractionReplyOptions,
  InteractionUpdateOptions,
} from 'discord.js';
import { MessageFlags } from 'discord-api-types/v10';
import type { Logger } from '../logger.ts';
import type { ReplyPayload } from './render/index.ts';

/** What the responder calls on a command or button interaction (both satisfy it). */
export interface ReplyTarget {
  deferReply(options?: InteractionDeferReplyOptions): Promise<unknown>;
  reply(options: InteractionReplyOptions): Promise<unknown>;
  editReply(options: InteractionEditReplyOptions): Promise<unknown>;
  followUp(options: InteractionReplyOptions): Promise<unknown>;
  deleteReply(): Promise<void>;
}

/** A button interaction can also answer by editing the message it is on. */
export interface UpdateTarget extends ReplyTarget {
  deferUpdate(): Promise<unknown>;
  update(options: InteractionUpdateOptions): Promise<unknown>;
}

/** reply: a public message; ephemeral: one only the user sees; update: the button's message replaced. */
export type ResponseMode = 'reply' | 'ephemeral' | 'update';

type Stage = 'fresh' | 'deferred-reply' | 'deferred-ephemeral' | 'deferred-update' | 'answered';

/** discord.js spells the JSON payload's fields its own way (allowedMentions, not allowed_mentions). */
function messageOptions(payload: ReplyPayload) {
  return {
    ...(payload.content === undefined ? {} : { content: payload.content }),
    embeds: payload.embeds,
    components: payload.components ?? [],
    allowedMentions: { parse: [] },
    ...(payload.files
      ? {
          files: payload.files.map((file) => ({
            attachment: file.data,
            name: file.name,
            description: file.description,
          })),
        }
      : {}),
  };
}

function replyOptions(payload: ReplyPayload, ephemeral: boolean): InteractionReplyOptions {
  return {
    ...messageOptions(payload),
    ...(ephemeral || payload.flags === MessageFlags.Ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
  };
}

export class Responder {
  private stage: Stage = 'fresh';

  private readonly target: ReplyTarget;
  private readonly updateTarget: UpdateTarget | undefined;
  private readonly logger: Logger;

  constructor(options: { target: ReplyTarget; updateTarget?: UpdateTarget; logger: Logger }) {
    this.target = options.target;
    this.updateTarget = options.updateTarget;
    this.logger = options.logger;
  }

  /** Acknowledge now, answer later: a public "thinking…" reply, or a silent update. */
  async defer(mode: ResponseMode): Promise<void> {
    if (this.stage !== 'fresh') return;
    if (mode === 'update' && this.updateTarget) {
      await this.updateTarget.deferUpdate();
      this.stage = 'deferred-update';
    } else if (mode === 'ephemeral') {
      await this.target.deferReply({ flags: MessageFlags.Ephemeral });
      this.stage = 'deferred-ephemeral';
    } else {
      await this.target.deferReply();
      this.stage = 'deferred-reply';
    }
  }

  /** The answer: a new message, or the message the button is on replaced. */
  async send(payload: ReplyPayload, mode: ResponseMode = 'reply'): Promise<void> {
    switch (this.stage) {
      case 'fresh':
        if (mode === 'update' && this.updateTarget) await this.updateTarget.update(messageOptions(payload));
        else await this.target.reply(replyOptions(payload, mode === 'ephemeral'));
        break;
      case 'deferred-reply':
      case 'deferred-ephemeral':
      case 'deferred-update':
        await this.target.editReply(messageOptions(payload));
        break;
      case 'answered':
        await this.target.followUp(replyOptions(payload, false));
        break;
    }
    this.stage = 'answered';
  }

  /** An answer only the user sees, whatever has been sent before. */
  async sendEphemeral(payload: ReplyPayload): Promise<void> {
    const stage = this.stage;
    this.stage = 'answered';
    if (stage === 'fresh') {
      await this.target.reply(replyOptions(payload, true));
      return;
    }
    if (stage === 'deferred-ephemeral') {
      await this.target.editReply(messageOptions(payload));
      return;
    }
    if (stage === 'deferred-reply') {
      // The public "thinking…" cannot turn ephemeral: remove it, then answer privately.
      await this.target
        .deleteReply()
        .catch((error: unknown) => this.logger.warn({ err: error }, 'could not delete the deferred reply'));
    }
    await this.target.followUp(replyOptions(payload, true));
  }
}
