/**
 * The hash of everything the running bundle was built from (scripts/build.mjs defines it);
 * undefined when the sources run directly (tsx, vitest). Whatever is derived from the code
 * and kept on disk, such as the validated catalog, is keyed by it.
 */
declare const __RIG_ADVISOR_BUILD_SHA256__: string | undefined;

export const buildInputsSha256: string | undefined =
  typeof __RIG_ADVISOR_BUILD_SHA256__ === 'string' ? __RIG_ADVISOR_BUILD_SHA256__ : undefined;
