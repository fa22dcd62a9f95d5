import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { renderEventsDoc } from './renderEventsDoc';

const docPath = join(__dirname, '..', '..', '..', '..', 'docs', 'events.md');

describe('docs/events.md', () => {
	it('is the rendering of the current catalogs', () => {
		if (process.env.UPDATE_EVENTS_DOC === '1') writeFileSync(docPath, renderEventsDoc());
		expect(readFileSync(docPath, 'utf8')).toBe(renderEventsDoc());
	});
});
