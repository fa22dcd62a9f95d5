import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { renderEventsDoc } from '../../../../scripts/docs/renderEventsDoc';

const docPath = join(__dirname, '..', '..', '..', '..', 'docs', 'events.md');

describe('docs/events.md', () => {
	it('is the rendering of the current catalogs (regenerate it with `npm run docs`)', () => {
		expect(readFileSync(docPath, 'utf8')).toBe(renderEventsDoc());
	});
});
