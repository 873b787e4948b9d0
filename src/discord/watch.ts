/**
 * Reloads the catalog when a file in its folder changes, a moment after the last change
 * (editors write in several steps), and logs what happened: the new counts, or every
 * problem while the last good catalog keeps serving.
 *
 * D6: fs.watch follows an inode, not a name. A deploy that replaces the folder
 * (`rm -rf data && cp -r …`, a tar extract, `mv new data`) would leave it watching the
 * deleted one, so the parent folder is watched for the catalog folder's name too, and the
 * folder is watched afresh on that and before every reload (not by comparing inodes: a
 * folder made right after one was deleted often gets the same inode number). A Kubernetes ConfigMap mounts
 * `X.yaml -> ..data/X.yaml` and updates by swapping the `..data` symlink: those events
 * name `..data`, `..data_tmp` and `..<timestamp>`, so names starting with `..` count too.
 */
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import type { AdvisorStore } from '../advisor/store.ts';
import type { Logger } from '../logger.ts';

export const reloadDelayMs = 500;

export interface CatalogWatcher {
  close(): void;
}

const isCatalogEvent = (file: string | null) => file === null || file.endsWith('.yaml') || file.startsWith('..');

export function watchCatalog(
  directory: string,
  store: AdvisorStore,
  logger: Logger,
  delayMs = reloadDelayMs,
): CatalogWatcher {
  const absolute = path.resolve(directory);
  const name = path.basename(absolute);
  let timer: NodeJS.Timeout | undefined;
  let folder: FSWatcher | undefined;

  const reload = (file: string | null) => {
    let report: ReturnType<AdvisorStore['reload']>;
    try {
      report = store.reload();
    } catch (error) {
      // Inside a timer a throw would end the process; the last good catalog keeps serving.
      logger.error({ err: error, file }, 'catalog not reloaded: still serving the last good one');
      return;
    }
    if (report.ok) logger.info({ ...report, file }, 'catalog reloaded');
    else
      logger.error(
        { problems: report.problems, keptMachines: report.keptMachines, file },
        'catalog not reloaded: still serving the last good one',
      );
  };

  const schedule = (file: string | null) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      watchFolder();
      reload(file);
    }, delayMs);
  };

  /** Watches whatever folder is now under the catalog's name (one inotify watch: cheap). */
  function watchFolder(): void {
    folder?.close();
    folder = undefined;
    try {
      folder = watch(absolute, (_event, file) => {
        if (isCatalogEvent(file)) schedule(file);
      });
    } catch {
      // Gone for now (mid-replacement): the parent's watcher calls again when it is back.
      return;
    }
    folder.on('error', (error) => logger.error({ err: error }, 'catalog watcher failed; reload with /catalog reload'));
  }

  watchFolder();
  const parent = watch(path.dirname(absolute), (_event, file) => {
    if (file !== name) return;
    watchFolder();
    schedule(file);
  });
  parent.on('error', (error) =>
    logger.error({ err: error }, 'catalog folder watcher failed; reload with /catalog reload'),
  );

  return {
    close() {
      clearTimeout(timer);
      folder?.close();
      parent.close();
    },
  };
}
