#!/usr/bin/env node
// `npm run docs:images`: re-takes the README's pictures (docs/images/*.png). Starts its own n8n as
// `npm start` does (package installed, example credentials and workflows imported and published),
// on a free port and in a temporary folder, and drives the editor with Debian's Chromium the way
// test/e2e/editor/nodePanel.e2e.test.ts does. Chinese text needs a CJK font (fonts-noto-cjk):
// without one Chromium draws empty boxes, so the script refuses to take pictures then.
'use strict';
require('./requireTypeScript');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { N8nInstance, repoRoot } = require('../test/e2e/n8n/instance.js');
const editor = require('../test/e2e/editor/editorPage.ts');

const examplesDir = path.join(repoRoot, 'examples');
const imagesDir = path.join(repoRoot, 'docs', 'images');
const manual = 'When clicking ‘Execute workflow’';
const maxBytes = 300 * 1024;

const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));
const isTrigger = (node) =>
	node.type === 'n8n-nodes-base.webhook' || (node.type.startsWith('n8n-nodes-outbound-messages.') && /Trigger$/.test(node.type));

function checkCjkFont() {
	const fonts = execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' }).trim();
	if (!fonts) throw new Error('No Chinese font installed: Chromium would draw 合思 as empty boxes. Run `apt-get install -y fonts-noto-cjk`.');
}

/** Two different Chinese characters drawn alike means both are the "missing glyph" box. */
async function checkChineseRenders(page) {
	const shots = [];
	for (const text of ['合', '思']) {
		await page.evaluate((t) => {
			document.getElementById('cjk-probe')?.remove();
			const span = document.createElement('span');
			span.id = 'cjk-probe';
			span.textContent = t;
			span.style.cssText = 'position:fixed;left:0;top:0;font-size:48px;background:#fff;color:#000;z-index:99999';
			document.body.appendChild(span);
		}, text);
		shots.push(await page.locator('#cjk-probe').screenshot());
	}
	await page.evaluate(() => document.getElementById('cjk-probe')?.remove());
	if (shots[0].equals(shots[1])) throw new Error('Chromium draws 合 and 思 alike (empty boxes): install fonts-noto-cjk.');
}

async function shoot(page, name, locator) {
	const file = path.join(imagesDir, `${name}.png`);
	// No hover tooltip in the picture.
	await page.mouse.move(1, 1);
	await page.waitForTimeout(300);
	await (locator ?? page).screenshot({ path: file });
	const { size } = fs.statSync(file);
	if (size > maxBytes) throw new Error(`${name}.png is ${Math.round(size / 1024)} KB, more than ${maxBytes / 1024} KB`);
	console.log(`[images] ${path.relative(repoRoot, file)} (${Math.round(size / 1024)} KB)`);
}

async function openCanvas(page, baseUrl, id) {
	await page.goto(`${baseUrl}/workflow/${id}`);
	await page.locator('[data-test-id="canvas-node"]').first().waitFor();
	const closeChecklist = page.locator('[data-test-id="suggested-actions-close"]');
	if (await closeChecklist.isVisible()) await closeChecklist.click();
	await page.locator('[data-test-id="zoom-to-fit"]').click();
	await page.waitForTimeout(600);
}

/** Runs the sample branch from the Manual Trigger's own button; returns the finished execution's id. */
async function runManually(page, n8n, id) {
	const before = new Set((await n8n.executions(id, { includeData: false })).map((e) => e.id));
	await page.locator(`[data-test-id="canvas-node"][data-node-name="${manual}"]`).hover();
	await page.locator(`[data-test-id="execute-workflow-button-${manual}"]`).click();
	for (const started = Date.now(); Date.now() - started < 90_000; await page.waitForTimeout(500)) {
		const list = await n8n.executions(id, { includeData: false });
		const run = list.find((e) => !before.has(e.id) && e.mode === 'manual' && !['running', 'new', 'waiting'].includes(e.status));
		if (run) return run.id;
	}
	throw new Error(`the manual run of workflow ${id} did not finish in 90 s`);
}

async function main() {
	checkCjkFont();
	fs.mkdirSync(imagesDir, { recursive: true });
	const n8n = new N8nInstance({ logs: 'file', probeWebhooks: false });
	let browser;
	try {
		await n8n.installPackage();
		const credentialsDir = path.join(examplesDir, 'credentials');
		await n8n.importCredentials(fs.readdirSync(credentialsDir).filter((f) => f.endsWith('.json')).map((f) => readJson(path.join(credentialsDir, f))));
		const examples = fs.readdirSync(examplesDir).filter((f) => f.endsWith('.json')).sort().map((file) => ({ file, workflow: readJson(path.join(examplesDir, file)) }));
		await n8n.importWorkflows(examples.map(({ workflow }) => ({ ...workflow, active: workflow.nodes.some(isTrigger) })));
		await n8n.start();
		if (!n8n.cookie) await n8n.login();
		n8n.apiKey = await n8n.createApiKey();
		console.log(`[images] n8n ${n8n.baseUrl} (log: ${n8n.logFile})`);

		let page;
		({ browser, page } = await editor.openEditor(n8n.baseUrl, n8n.email, n8n.password));
		await checkChineseRenders(page);

		// Each example on its canvas.
		for (const { file, workflow } of examples) {
			await openCanvas(page, n8n.baseUrl, workflow.id);
			await shoot(page, `example-${path.basename(file, '.json')}`);
		}

		// A trigger's parameters (Chinese event names in the Events list).
		const approval = examples.find(({ file }) => file === 'trigger-hesi-approval-events.json').workflow;
		await openCanvas(page, n8n.baseUrl, approval.id);
		await page.locator('[data-test-id="canvas-node"][data-node-name="Hesi Approval Event Trigger"]').dblclick();
		const ndv = page.locator('[data-test-id="ndv"]');
		await ndv.locator('[data-test-id="node-parameters"]').waitFor();
		await page.waitForTimeout(500);
		await shoot(page, 'trigger-parameters');
		await page.keyboard.press('Escape');

		// The nodes panel searched in Chinese.
		await editor.newWorkflow(page, n8n.baseUrl);
		await editor.searchNodes(page, '合思');
		await shoot(page, 'nodes-panel-chinese-search');

		// A trigger listening in a new workflow, and the sample event its Test URL sent (Chinese text).
		await editor.closeNodesPanel(page);
		const jiandaoyun = editor.ourNodes().find((node) => node.displayName === 'Jiandaoyun Push Trigger');
		await editor.addNode(page, jiandaoyun);
		await editor.listen(page, 'images-jiandaoyun-sample');
		const answer = await editor.sendSample(n8n.baseUrl, 'images-jiandaoyun-sample');
		if (answer.status !== 200) throw new Error(`the Test URL answered ${answer.status}: ${answer.body}`);
		await ndv.locator('[data-test-id="output-panel"] [data-test-id="ndv-items-count"]').waitFor({ timeout: 30_000 });
		await shoot(page, 'trigger-sample-event');
		await page.keyboard.press('Escape');

		// Executions: Success and Failure items (retries inside), then Retry → Wait → Success.
		for (const file of ['send-success-rule-and-retries.json', 'send-hand-off-to-wait.json']) {
			const { id } = examples.find((example) => example.file === file).workflow;
			await openCanvas(page, n8n.baseUrl, id);
			const executionId = await runManually(page, n8n, id);
			await page.goto(`${n8n.baseUrl}/workflow/${id}/executions/${executionId}`);
			await page.locator(`[data-test-id="execution-preview-details-${executionId}"]`).waitFor();
			await page.locator('[data-test-id="canvas-node"][data-node-name="Send Outbound Message"]').waitFor();
			await page.waitForTimeout(600);
			await shoot(page, `execution-${path.basename(file, '.json')}`);
			await page.locator('[data-test-id="canvas-node"][data-node-name="Send Outbound Message"]').dblclick();
			await ndv.locator('[data-test-id="output-panel"]').waitFor();
			const json = ndv.locator('[data-test-id="output-panel"] [data-test-id="radio-button-json"]');
			if (await json.isVisible()) await json.click();
			await page.waitForTimeout(600);
			await shoot(page, `execution-${path.basename(file, '.json')}-output`);
			await page.keyboard.press('Escape');
		}
	} finally {
		await browser?.close();
		await n8n.stop();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
