// npm run docs: writes the generated pages of docs/ from the code they describe (the field types and
// envelopes, the event catalogs), so a page cannot drift from what the nodes do. The unit tests
// (formatFieldsDoc, eventsDoc) fail while a committed page differs from what this writes.
const fs = require('node:fs');
const path = require('node:path');

require('./requireTypeScript');

const { renderFormatFieldsDoc } = require('./docs/renderFormatFieldsDoc.ts');
const { renderEventsDoc } = require('./docs/renderEventsDoc.ts');

const docsDir = path.resolve(__dirname, '..', 'docs');
const pages = { 'format-fields.md': renderFormatFieldsDoc, 'events.md': renderEventsDoc };

for (const [file, render] of Object.entries(pages)) {
	const target = path.join(docsDir, file);
	const text = render();
	const changed = !fs.existsSync(target) || fs.readFileSync(target, 'utf8') !== text;
	if (changed) fs.writeFileSync(target, text);
	console.log(`docs/${file}: ${changed ? 'written' : 'already current'}`);
}
