/**
 * How a typed model name is matched to a catalog id or alias: without case, without the
 * Hugging Face owner ("Qwen/", "unsloth/") and without the packaging words people copy
 * from repository names ("-Instruct", "-GGUF"), which do not change the architecture.
 */
const packagingSuffix = /(?:[-_ ](?:gguf|instruct|it))+$/;

export function modelNameKey(typed: string): string {
  const lower = typed.trim().toLowerCase();
  const withoutOwner = lower.includes('/') ? lower.slice(lower.lastIndexOf('/') + 1) : lower;
  return withoutOwner.replace(packagingSuffix, '');
}
