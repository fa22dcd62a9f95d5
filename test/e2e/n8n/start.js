#!/usr/bin/env node
// `npm start`: a real n8n on http://127.0.0.1:5678 (N8N_PORT picks another port) with this package
// installed as a community package, an owner account created headlessly, and every workflow in
// examples/ imported (published where it has a trigger; the examples reach this n8n through
// $execution.resumeUrl, so they work on any port). State lives in .n8n-dev/ (git-ignored) so your
// own workflows survive a restart; `rm -rf .n8n-dev` starts over. Ctrl-C stops n8n cleanly.
'use strict';
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const { N8nInstance, repoRoot } = require('./instance.js');

const port = Number(process.env.N8N_PORT ?? 5678);
const userFolder = path.resolve(process.env.OUTBOUND_DEV_FOLDER ?? path.join(repoRoot, '.n8n-dev'));
const examplesDir = path.join(repoRoot, 'examples');

const webhookTypes = new Set(['n8n-nodes-base.webhook']);
const isTrigger = (node) =>
	node.type.startsWith('n8n-nodes-outbound-messages.') ? /Trigger$/.test(node.type) : webhookTypes.has(node.type);

function loadExamples() {
	if (!fs.existsSync(examplesDir)) return [];
	return fs
		.readdirSync(examplesDir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => ({ file: f, workflow: JSON.parse(fs.readFileSync(path.join(examplesDir, f), 'utf8')) }));
}

async function portIsFree(p) {
	return await new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(p, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

async function main() {
	if (!(await portIsFree(port))) {
		console.error(`Port ${port} on 127.0.0.1 is in use (another n8n?). Stop it, or run N8N_PORT=5680 npm start.`);
		process.exit(1);
	}
	fs.mkdirSync(userFolder, { recursive: true });
	const n8n = new N8nInstance({
		userFolder,
		port,
		logs: 'inherit',
		email: 'owner@example.com',
		password: 'Outbound-Messages-1',
		encryptionKey: 'outbound-messages-dev-encryption-key',
		// Wait on n8n's publication status only: calling a webhook path before it is registered makes
		// n8n log an error with a stack, which reads like a failure to someone starting it.
		probeWebhooks: false,
		// The setting README recommends (docs/performance.md, issue 15): n8n's default `vm` expression
		// engine, taking an isolate only when an expression is evaluated, so a request to a typeVersion 2
		// trigger takes none. Your own environment wins: N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=false npm start.
		env: { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: process.env.N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE ?? 'true' },
	});

	const pkg = await n8n.installPackage();
	console.log(`[start] installed ${pkg.name}@${pkg.version} into ${path.join(userFolder, '.n8n', 'nodes')}`);

	// Demo credentials the examples use (test secrets, clearly named; replace them for real use).
	const credentialsDir = path.join(examplesDir, 'credentials');
	const credentials = fs.existsSync(credentialsDir)
		? fs
				.readdirSync(credentialsDir)
				.filter((f) => f.endsWith('.json'))
				.map((f) => JSON.parse(fs.readFileSync(path.join(credentialsDir, f), 'utf8')))
		: [];
	await n8n.importCredentials(credentials);

	const examples = loadExamples();
	const workflows = examples.map(({ workflow }) => ({
		...workflow,
		active: workflow.nodes.some(isTrigger),
	}));
	await n8n.importWorkflows(workflows);
	console.log(`[start] imported ${workflows.length} example workflow(s) from examples/`);

	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		console.log('\n[start] stopping n8n …');
		await n8n.stop();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);

	const bootMs = await n8n.start();
	const lines = [
		'',
		`n8n is running: ${n8n.baseUrl}  (ready in ${(bootMs / 1000).toFixed(1)} s)`,
		`log in as ${n8n.email} / ${n8n.password}`,
		'',
		"Each example's sample branch starts at its Manual Trigger: point at that node and click the",
		"'Execute workflow' button on its left (the one at the bottom starts from the webhook or trigger).",
		'',
	];
	for (const { file, workflow } of examples) {
		const hooks = workflow.nodes.filter(isTrigger);
		lines.push(`${file}: "${workflow.name}"${hooks.length ? '' : ' (run it from the editor)'}`);
		for (const node of hooks) {
			const hookPath = node.parameters?.path ?? node.webhookId;
			lines.push(`    ${node.name}: POST ${n8n.baseUrl}/webhook/${hookPath}`);
		}
	}
	lines.push('', 'Ctrl-C stops n8n.');
	console.log(lines.join('\n'));
	await n8n.exited;
	if (!stopping) {
		console.error('[start] n8n exited unexpectedly');
		process.exit(1);
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
