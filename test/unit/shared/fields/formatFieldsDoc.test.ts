import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { renderFormatFieldsDoc } from '../../../../scripts/docs/renderFormatFieldsDoc';
import { fieldTypes } from '../../../../nodes/shared/fields';

const doc = readFileSync(join(__dirname, '..', '..', '..', '..', 'docs', 'format-fields.md'), 'utf8');

describe('docs/format-fields.md', () => {
	it('is the rendering of the current field types and envelopes (regenerate it with `npm run docs`)', () => {
		expect(doc).toBe(renderFormatFieldsDoc());
	});

	it('has a section for every field type, with its Chinese name', () => {
		for (const type of fieldTypes) expect(doc).toContain(`### ${type.name} (${type.nameZh})`);
	});

	it('shows the seed 000 money example byte for byte', () => {
		expect(doc).toContain('`{"currency":"CNY","amount":"10.00","foreignCurrency":"USD","foreignAmount":"68.80","exchangeRate":"6.88"}`');
	});
});
