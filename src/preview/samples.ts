/**
 * The sample questions the preview draws, answered as the bot answers them: the same
 * parse (Discord's name:value syntax), command, renderer and chart as the router, so each
 * payload is the one Discord would receive. The README's examples and the QA review's.
 */
import { commandsByName, type CommandContext } from '../../commands/index.ts';
import type { Advisor } from '../advisor/index.ts';
import { parseLine } from '../console/parse.ts';
import { withChartFor } from '../discord/render/chart.ts';
import { renderCommandResult, renderUserError, type ReplyPayload } from '../discord/render/index.ts';
import { parseCustomId, resolveButtonAction } from '../discord/custom-ids.ts';
import { recommendAsComponentsV2 } from '../discord/render/recommend.ts';
import type { ComponentsV2Payload } from '../discord/render/components-v2.ts';
import { limitChoices } from '../discord/router.ts';
import type { PreviewSample } from './page.ts';

/** Slash commands as typed: the README's four examples first, then the QA review's. */
export const sampleCommands: readonly string[] = [
  '/recommend model:llama-3.3-70b quant:Q4_K_M context:32768 budget:3000',
  '/recommend model:qwen3-235b-a22b quant:Q4_K_M budget:8000 allow_clusters:true',
  '/compare machine_a:gmktec-evo-x2-128gb machine_b:nvidia-dgx-spark model:gpt-oss-120b quant:MXFP4',
  '/specs machine:gmktec-evo-x2-128gb',
  '/recommend model_size_gb:10 budget:1500',
  '/recommend model:deepseek-v3 quant:Q4_K_M budget:30000 context:32768',
  '/compare machine_a:nvidia-dgx-spark machine_b:asus-ascent-gx10',
  '/specs machine:framework-desktop-128gb',
  '/specs machine:framwork-desktop-128gb',
  '/specs machine:framework-desktop-96gb',
  '/recommend model:kimi budget:20000',
  '/recommend model:llama-3.3-7b budget:3000',
  '/compare machine_a:gmktec-evo-x2-128gb machine_b:dgx-sprak',
];

/** /recommend samples drawn a second time as Components V2, to compare the two layouts at phone width. */
export const componentsV2Samples: readonly string[] = [
  '/recommend model:llama-3.3-70b quant:Q4_K_M context:32768 budget:3000',
  '/recommend model:qwen3-235b-a22b quant:Q4_K_M budget:8000 allow_clusters:true',
];

/** Autocomplete as typed: which command, which option, what text. */
export const sampleAutocompletes: readonly { command: string; option: string; text: string }[] = [
  { command: 'compare', option: 'machine_a', text: 'framework' },
  { command: 'specs', option: 'machine', text: 'strix halo' },
  { command: 'recommend', option: 'model', text: 'kimi' },
];

/** Buttons pressed on a sample's reply: the pages /specs turns to, /recommend's chart view. */
export const sampleButtons: readonly { command: string; label: string }[] = [
  { command: '/recommend model:llama-3.3-70b quant:Q4_K_M context:32768 budget:3000', label: 'Chart' },
  { command: '/specs machine:framework-desktop-128gb', label: 'Measurements' },
  { command: '/specs machine:framework-desktop-128gb', label: 'Price and sources' },
  {
    command: '/specs machine:build-am4-5600-budget-1x-rtx-3090-used model:llama-3.3-70b context:32768',
    label: 'Price and sources',
  },
];

/** The reply the router would send for one typed command: the answer with its chart, or the ephemeral error. */
export function replyFor(line: string, context: CommandContext): ReplyPayload {
  const parsed = parseLine(line, commandsByName);
  if (!parsed.ok) return renderUserError(parsed.error);
  const outcome = parsed.command.run(parsed.options, context);
  if (!outcome.ok)
    return renderUserError(outcome.error, {
      command: parsed.command.name,
      options: parsed.options,
      advisor: context.advisor,
    });
  return withChartFor(
    context.advisor,
    outcome.value,
    parsed.options,
    renderCommandResult(outcome.value, parsed.options),
  );
}

/** The /recommend reply for one typed command as Components V2, chart included; undefined for anything else. */
export function componentsV2For(line: string, context: CommandContext): ComponentsV2Payload | undefined {
  const parsed = parseLine(line, commandsByName);
  if (!parsed.ok) return undefined;
  const outcome = parsed.command.run(parsed.options, context);
  if (!outcome.ok || outcome.value.command !== 'recommend') return undefined;
  const payload = withChartFor(
    context.advisor,
    outcome.value,
    parsed.options,
    renderCommandResult(outcome.value, parsed.options),
  );
  return recommendAsComponentsV2(payload, outcome.value.result, parsed.options);
}

/** What pressing the reply's button (or menu option) whose label starts so answers, as the router runs it. */
export function replyToButton(reply: ReplyPayload, label: string, context: CommandContext): ReplyPayload | undefined {
  const components = (reply.components ?? []).flatMap((row) => row.components);
  const button = components.find(
    (component) => 'label' in component && component.label?.startsWith(label) === true && 'custom_id' in component,
  );
  const customId = button && 'custom_id' in button ? button.custom_id : undefined;
  const parsed = customId === undefined ? undefined : parseCustomId(customId);
  const action =
    parsed &&
    resolveButtonAction(
      parsed,
      context.advisor.catalog.machines.map((machine) => machine.id),
    );
  const command = action && commandsByName.get(action.command);
  if (!action || !command) return undefined;
  const outcome = command.run(action.options, context);
  if (!outcome.ok)
    return renderUserError(outcome.error, { command: command.name, options: action.options, advisor: context.advisor });
  return withChartFor(
    context.advisor,
    outcome.value,
    action.options,
    renderCommandResult(outcome.value, action.options),
  );
}

export function previewSamples(advisor: Advisor, commands: readonly string[] = sampleCommands): PreviewSample[] {
  const context: CommandContext = { advisor };
  const replies = commands.map((invocation) => ({ invocation, reply: replyFor(invocation, context) }));
  const completions = sampleAutocompletes.map(({ command, option, text }) => {
    const choices = commandsByName.get(command)?.autocomplete?.(option, text, context) ?? [];
    return { invocation: `/${command} ${option}:${text}`, choices: limitChoices(choices), typed: { option, text } };
  });
  const pressed = sampleButtons.flatMap(({ command, label }) => {
    const reply = replyToButton(replyFor(command, context), label, context);
    return reply ? [{ invocation: `${command} → "${label}"`, reply }] : [];
  });
  const v2 = componentsV2Samples.flatMap((invocation) => {
    const componentsV2 = componentsV2For(invocation, context);
    return componentsV2 ? [{ invocation: `${invocation} [Components V2]`, componentsV2 }] : [];
  });
  return [...replies, ...pressed, ...v2, ...completions];
}
