/** Discord renderings of command results and errors: pure functions to reply payload JSON. */
import type { CommandResult, OptionValues } from '../../../commands/index.ts';
import { renderReload } from './catalog.ts';
import { renderCompare } from './compare.ts';
import type { ReplyPayload } from './payload.ts';
import { renderRecommend } from './recommend.ts';
import { renderSpecs } from './specs.ts';

/** The options are the query as run: buttons carry them so they can run it again. */
export function renderCommandResult(result: CommandResult, options: OptionValues): ReplyPayload {
  switch (result.command) {
    case 'recommend':
      return renderRecommend(result.result, options);
    case 'compare':
      return renderCompare(result.result);
    case 'specs':
      return renderSpecs(result.result, options);
    case 'catalog':
      return renderReload(result.result);
  }
}

export { renderUserError, renderUnexpectedError, renderStaleButton, renderCooldown } from './errors.ts';
export { renderRecommend } from './recommend.ts';
export { renderCompare } from './compare.ts';
export { renderSpecs } from './specs.ts';
export type { ReplyPayload } from './payload.ts';
export { renderReload } from './catalog.ts';
