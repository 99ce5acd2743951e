import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEMPLATE_LISTS, TEMPLATE_VARIABLES } from './template-variables';

describe('the template variable catalogue', () => {
  const doc = readFileSync(join(__dirname, '../../../docs/templates.md'), 'utf8');

  it.each(TEMPLATE_VARIABLES.map((v) => v.path))('documents {{%s}} in docs/templates.md', (path) => {
    expect(doc).toContain(`| \`{{${path}}}\` |`);
  });

  it.each(TEMPLATE_LISTS.flatMap((l) => l.fields.map((f) => [l.path, f.path])))('documents the %s list field %s', (list, field) => {
    expect(doc).toContain(`| \`${list}\` | \`${field}\` |`);
  });
});
