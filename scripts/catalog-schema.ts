/**
 * npm run catalog:schema — writes schema/<file>.schema.json from the zod schemas, which
 * each data/*.yaml names in its first line so editors complete and flag fields.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { catalogFiles } from '../src/catalog/schema.ts';

await mkdir('schema', { recursive: true });
for (const [name, schema] of Object.entries(catalogFiles)) {
  // Input shape: what a person writes in the YAML (defaults still optional).
  const jsonSchema = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  const file = `schema/${name}.schema.json`;
  await writeFile(file, `${JSON.stringify(jsonSchema, null, 2)}\n`);
  console.log(`wrote ${file}`);
}
