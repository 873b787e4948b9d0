/**
 * D6: the watcher keeps seeing edits after the catalog folder is replaced, and when it is
 * mounted the Kubernetes ConfigMap way (`X.yaml -> ..data/X.yaml`, updated by swapping the
 * `..data` symlink). Real files and renames in a temporary folder.
 */
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAdvisorStore } from '../../src/advisor/store.ts';
import { loadCatalogSync } from '../../src/catalog/index.ts';
import { watchCatalog, type CatalogWatcher } from '../../src/discord/watch.ts';
import { captureLogger } from '../helpers/capture-logger.ts';
import { fixtureDirectory } from '../helpers/catalog.ts';

const scratch: string[] = [];
const watchers: CatalogWatcher[] = [];
afterEach(() => {
  for (const watcher of watchers.splice(0)) watcher.close();
  for (const directory of scratch.splice(0)) rmSync(directory, { recursive: true, force: true });
});

async function waitFor(done: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the watcher');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The fixture catalog with the test mini PC renamed, written into `directory`. */
function writeCatalog(directory: string, miniName: string): void {
  mkdirSync(directory, { recursive: true });
  cpSync(fixtureDirectory, directory, { recursive: true });
  const machines = path.join(directory, 'machines.yaml');
  writeFileSync(machines, readFileSync(machines, 'utf8').replace('name: Test Mini 128', `name: ${miniName}`));
}

function served(directory: string) {
  const loaded = loadCatalogSync(directory);
  if (!loaded.ok) throw new Error(`the catalog in ${directory} must load`);
  const store = createAdvisorStore(directory, loaded.catalog);
  const { logger } = captureLogger();
  watchers.push(watchCatalog(directory, store, logger, 20));
  return () => store.current().catalog.machine('test-mini')?.name;
}

describe('the catalog watcher (D6)', { timeout: 15_000 }, () => {
  it('survives the folder being replaced (rm -rf, then copied back), and then sees edits in the new one', async () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'rig-watch-'));
    scratch.push(parent);
    const catalog = path.join(parent, 'data');
    writeCatalog(catalog, 'Mini one');
    const name = served(catalog);
    expect(name()).toBe('Mini one');
    rmSync(catalog, { recursive: true });
    writeCatalog(catalog, 'Mini two');
    await waitFor(() => name() === 'Mini two');
    // An edit inside the new folder: only seen if it, not the deleted one, is watched.
    const machines = path.join(catalog, 'machines.yaml');
    writeFileSync(machines, readFileSync(machines, 'utf8').replace('name: Mini two', 'name: Mini three'));
    await waitFor(() => name() === 'Mini three');
  });

  it('survives a folder moved into place (mv new data), as a deploy does', async () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'rig-watch-'));
    scratch.push(parent);
    const catalog = path.join(parent, 'data');
    writeCatalog(catalog, 'Mini one');
    const name = served(catalog);
    writeCatalog(path.join(parent, 'data.new'), 'Mini moved');
    renameSync(catalog, path.join(parent, 'data.old'));
    renameSync(path.join(parent, 'data.new'), catalog);
    await waitFor(() => name() === 'Mini moved');
    const machines = path.join(catalog, 'machines.yaml');
    writeFileSync(machines, readFileSync(machines, 'utf8').replace('name: Mini moved', 'name: Mini edited'));
    await waitFor(() => name() === 'Mini edited');
  });

  it('follows a ConfigMap update: a new ..<timestamp> folder, then ..data swapped to it by rename', async () => {
    const mount = mkdtempSync(path.join(tmpdir(), 'rig-configmap-'));
    scratch.push(mount);
    writeCatalog(path.join(mount, '..2026_12_02_04_00_00.1'), 'Mini one');
    symlinkSync('..2026_12_02_04_00_00.1', path.join(mount, '..data'));
    for (const file of readdirSync(path.join(mount, '..data')))
      symlinkSync(path.join('..data', file), path.join(mount, file));
    const name = served(mount);
    expect(name()).toBe('Mini one');
    // What the kubelet does: write the new version, point ..data_tmp at it, rename over ..data, drop the old.
    writeCatalog(path.join(mount, '..2026_12_02_04_05_00.2'), 'Mini two');
    symlinkSync('..2026_12_02_04_05_00.2', path.join(mount, '..data_tmp'));
    renameSync(path.join(mount, '..data_tmp'), path.join(mount, '..data'));
    rmSync(path.join(mount, '..2026_12_02_04_00_00.1'), { recursive: true });
    await waitFor(() => name() === 'Mini two');
  });
});
