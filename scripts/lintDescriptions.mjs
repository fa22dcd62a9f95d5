// npm run lint (second half): n8n's lint rules on the node descriptions as n8n loads them.
//
// The lint reads object literals in the source, so it cannot see what the package builds with
// functions: the trigger node classes and their parameters, the action node classes, the dropdowns
// declared with oneOf / anyOf (nodes/shared/n8nChoices.ts), the Options collections, the event
// catalogs. This loads every node of package.json from its TypeScript source, writes its description
// back out as the object literal a node file would hold, and lints that with the project's own
// config (.ci/eslint.config.mjs), as if it stood at the node's path.
//
// Built descriptions carry findings the source never showed, most of them by choice (event names kept
// in the sentence case the seeds use, catalog order kept as the vendors list it). Those are counted per
// node and rule in lintDescriptions.baseline.json; the check fails when a count grows, naming the new
// findings and the line they stand on. `node scripts/lintDescriptions.mjs --update` rewrites the
// baseline after a deliberate change (review its diff).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { ESLint } from 'eslint';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const baselineFile = path.join(root, 'scripts', 'lintDescriptions.baseline.json');
require('./requireTypeScript');

// Findings of the rendering itself, not of the description: it writes connection types as the
// strings n8n loads ('main'), where a node file writes NodeConnectionTypes.Main.
const renderingArtifacts = new Set(['@n8n/community-nodes/node-connection-type-literal']);

/** A value as TypeScript source: identifier keys bare, strings single-quoted, one property a line. */
function literal(value, indent = '\t') {
	if (Array.isArray(value)) {
		return value.length === 0 ? '[]' : `[\n${value.map((item) => `${indent}\t${literal(item, `${indent}\t`)}`).join(',\n')},\n${indent}]`;
	}
	if (value !== null && typeof value === 'object') {
		const entries = Object.entries(value).filter(([, item]) => item !== undefined);
		if (entries.length === 0) return '{}';
		const key = (name) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : `'${name}'`);
		return `{\n${entries.map(([name, item]) => `${indent}\t${key(name)}: ${literal(item, `${indent}\t`)}`).join(',\n')},\n${indent}}`;
	}
	if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
	return String(value);
}

const packageJson = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const eslint = new ESLint({ cwd: root, overrideConfigFile: path.join(root, '.ci/eslint.config.mjs') });
const counts = {};
const findings = {};
for (const built of packageJson.n8n.nodes) {
	const className = path.basename(built, '.node.js');
	const source = path.join(root, built.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
	const node = new (require(source)[className])();
	const text = `import type { INodeType, INodeTypeDescription } from 'n8n-workflow';\n\nexport class ${className} implements INodeType {\n\tdescription: INodeTypeDescription = ${literal(node.description)};\n}\n`;
	const [result] = await eslint.lintText(text, { filePath: source });
	const lines = text.split('\n');
	for (const message of result.messages) {
		if (message.ruleId === null) throw new Error(`${className}: the rendered description does not parse: ${message.message}`);
		if (renderingArtifacts.has(message.ruleId)) continue;
		const key = `${className} ${message.ruleId}`;
		counts[key] = (counts[key] ?? 0) + 1;
		(findings[key] ??= []).push(`${message.message.split('\n')[0].slice(0, 160)}\n      at: ${lines[message.line - 1].trim().slice(0, 160)}`);
	}
}

const sorted = Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
if (process.argv.includes('--update')) {
	fs.writeFileSync(baselineFile, `${JSON.stringify(sorted, null, '\t')}\n`);
	console.log(`lint of loaded descriptions: baseline written (${Object.values(sorted).reduce((sum, n) => sum + n, 0)} findings in ${Object.keys(sorted).length} node × rule pairs)`);
	process.exit(0);
}

const baseline = JSON.parse(fs.readFileSync(baselineFile, 'utf8'));
const grown = Object.entries(sorted).filter(([key, count]) => count > (baseline[key] ?? 0));
if (grown.length > 0) {
	console.error('n8n lint rules find more in the node descriptions as n8n loads them than the baseline allows:');
	for (const [key, count] of grown) {
		console.error(`\n  ${key}: ${count} (baseline ${baseline[key] ?? 0}); the findings of this rule on this node:`);
		for (const finding of findings[key]) console.error(`    - ${finding}`);
	}
	console.error('\nFix the description, or, for a deliberate exception, run `node scripts/lintDescriptions.mjs --update` and commit the baseline.');
	process.exit(1);
}
const fewer = Object.entries(baseline).filter(([key, count]) => (sorted[key] ?? 0) < count);
console.log(
	`lint of loaded descriptions: ${packageJson.n8n.nodes.length} nodes, no finding beyond the baseline` +
		(fewer.length > 0 ? ` (${fewer.length} baseline counts could shrink: --update)` : ''),
);
