/**
 * Reloads the catalog when a file in its folder changes, a moment after the last change
 * (editors write in several steps), and logs what happened: the new counts, or every
 * problem while the last good catalog keeps serving.
 */
import { watch, type FSWatcher } from 'node:fs';
import type { AdvisorStore } from '../advisor/store.ts';
import type { Logger } from '../logger.ts';

export const reloadDelayMs = 500;

export function watchCatalog(directory: string, store: AdvisorStore, logger: Logger, delayMs = reloadDelayMs): FSWatcher {
  let timer: NodeJS.Timeout | undefined;
  const watcher = watch(directory, (_event, file) => {
    if (file !== null && !file.endsWith('.yaml')) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      let report: ReturnType<AdvisorStore['reload']>;
      try {
        report = store.reload();
      } catch (error) {
        // Inside a timer a throw would end the process; the last good catalog keeps serving.
        logger.error({ err: error, file }, 'catalog not reloaded: still serving the last good one');
        return;
      }
      if (report.ok) logger.info({ ...report, file }, 'catalog reloaded');
      else logger.error({ problems: report.problems, keptMachines: report.keptMachines, file }, 'catalog not reloaded: still serving the last good one');
    }, delayMs);
  });
  watcher.on('error', (error) => logger.error({ err: error }, 'catalog watcher failed; reload with /catalog reload'));
  return watcher;
}
