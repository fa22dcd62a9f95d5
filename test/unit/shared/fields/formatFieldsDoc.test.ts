import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { fieldTypes } from '../../../../nodes/shared/fields';
import { renderFormatFieldsDoc } from './renderFormatFieldsDoc';

const docPath = join(__dirname, '..', '..', '..', '..', 'docs', 'format-fields.md');

describe('docs/format-fields.md', () => {
	it('is the rendering of the current field types and envelopes', () => {
		if (process.env.UPDATE_FORMAT_FIELDS_DOC === '1') writeFileSync(docPath, renderFormatFieldsDoc());
		expect(readFileSync(docPath, 'utf8')).toBe(renderFormatFieldsDoc());
	});

	it('has a section for every field type, with its Chinese name', () => {
		const doc = renderFormatFieldsDoc();
		for (const type of fieldTypes) expect(doc).toContain(`### ${type.name} (${type.nameZh})`);
	});

	it('shows the seed 000 money example byte for byte', () => {
		expect(renderFormatFieldsDoc()).toContain(
			'`{"currency":"CNY","amount":"10.00","foreignCurrency":"USD","foreignAmount":"68.80","exchangeRate":"6.88"}`',
		);
	});
});
