import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { catalogFiles } from '../../src/catalog/schema.ts';

describe('the JSON Schemas editors read', () => {
  it.each(Object.keys(catalogFiles))(
    'schema/%s.schema.json matches the zod schema (run npm run catalog:schema)',
    (name) => {
      const generated = z.toJSONSchema(catalogFiles[name as keyof typeof catalogFiles], {
        io: 'input',
        unrepresentable: 'any',
      });
      expect(JSON.parse(readFileSync(`schema/${name}.schema.json`, 'utf8'))).toEqual(generated);
    },
  );
});
