/** The catalog's shared field shapes: ids, sources and dates. */
import { z } from 'zod';

/** kebab-case, unique within its file; a dot may stand between digits for versions (llama-3.3-70b). */
export const Id = z
  .string()
  .regex(
    /^[a-z0-9]+(?:(?:-|(?<=\d)\.(?=\d))[a-z0-9]+)*$/,
    'ids are kebab-case: lower-case letters, digits, single dashes, and dots only between digits',
  );

/**
 * Where a figure comes from: an http(s) URL; `survey: <section>` for the team's own
 * hardware survey (shared/seed/hardware-alternatives.md); or `estimate: <reasoning>`
 * when no published figure exists. A list is allowed when one figure rests on several pages.
 */
export const SourceText = z
  .string()
  .refine(
    (text) => /^https?:\/\/\S+$/.test(text) || /^(estimate|survey): \S.{9,}/.test(text),
    'a source is an http(s) URL, "survey: <section>" or "estimate: <reasoning of at least 10 characters>"',
  );
export const Source = z.union([SourceText, z.array(SourceText).min(1)]);

export const positive = z.number().positive();
export const nonNegative = z.number().nonnegative();
/** Dates as ISO strings (YAML would turn unquoted dates into Date objects, so both are accepted). */
export const IsoDate = z
  .union([z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/, 'dates are YYYY-MM-DD or YYYY-MM'), z.date()])
  .transform((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value));
