/**
 * What a citizen developer meets in n8n 2.41.1's editor (headless Debian Chromium): our nodes are
 * found in the nodes panel by their English names and by the Chinese words a user types (合思, 简道云,
 * 泛微, 待办, 出站消息); each one is added to a canvas and its parameter panel opens without an error;
 * every trigger, started with the panel's "Execute step", shows the sample event its Test URL emits;
 * an example workflow runs and its execution opens.
 */
import fs from 'node:fs';
import path from 'node:path';

import type { Browser, Page } from 'playwright-core';

import { examplesDir, loadDemoCredentials } from '../../examples/canvas';
import { connectN8n } from '../harness/n8n';
import { releaseWebhookPaths, unpublish } from '../harness/webhookPaths';
import { type OurNode, addNode, closeNodesPanel, listen, newWorkflow, openEditor, ourNodes, searchNodes, sendSample, waitForSample } from './editorPage';

const n8n = connectN8n();
jest.setTimeout(180_000);

const nodes = ourNodes();
const byName = (name: string): string => {
	const node = nodes.find((candidate) => candidate.displayName === name);
	if (!node) throw new Error(`no node "${name}" in package.json's n8n.nodes`);
	return node.type;
};
const hesiNodes = nodes.filter((node) => node.displayName.startsWith('Hesi ')).map((node) => node.type);

/** What a Chinese-speaking user types, and the nodes that must come up for it. */
const chineseSearches: Array<[string, string[]]> = [
	['合思', hesiNodes],
	['简道云', [byName('Jiandaoyun Push Trigger')]],
	['泛微', [byName('Unified Todo Trigger'), byName('Unified Todo Push')]],
	['待办', [byName('Unified Todo Trigger'), byName('Unified Todo Push')]],
	[
		'出站消息',
		[...hesiNodes, byName('Send Outbound Message'), byName('Format Fields'), byName('Sign Request'), byName('Outbox')],
	],
];

let browser: Browser;
let page: Page;
/** Uncaught errors of the editor's page (a parameter panel that throws shows up here). */
const pageErrors: string[] = [];
let exampleId: string | undefined;

beforeAll(async () => {
	({ browser, page } = await openEditor(n8n.baseUrl, n8n.info.email, n8n.info.password));
	page.on('pageerror', (error) => pageErrors.push(error.message));
	await newWorkflow(page, n8n.baseUrl);
});

afterAll(async () => {
	await browser?.close();
	if (exampleId) await unpublish(n8n, exampleId);
});

it('has all 14 nodes of package.json, 8 of them triggers', () => {
	expect(nodes).toHaveLength(14);
	expect(nodes.filter((node) => node.trigger)).toHaveLength(8);
});

describe('the nodes panel', () => {
	afterEach(async () => await closeNodesPanel(page));

	it.each(nodes.map((node) => [node.displayName, node] as const))('finds %s by its English name', async (_name, node) => {
		expect(await searchNodes(page, node.displayName)).toContain(node.type);
	});

	it.each(chineseSearches)('finds our nodes for 「%s」', async (term, expected) => {
		const found = await searchNodes(page, term);
		expect(expected.filter((type) => !found.includes(type))).toEqual([]);
	});
});

describe('each node on a canvas', () => {
	// Triggers first: on an empty canvas n8n offers triggers, and every node added later joins them.
	const ordered = [...nodes.filter((node) => node.trigger), ...nodes.filter((node) => !node.trigger)];

	it.each(ordered.map((node) => [node.displayName, node] as const))('adds %s and opens its parameters', async (_name, node: OurNode) => {
		const errorsBefore = pageErrors.length;
		const ndv = await addNode(page, node);
		await expect(ndv.locator('[data-test-id="parameter-item"]').count()).resolves.toBeGreaterThan(0);
		const text = await ndv.innerText();
		expect(text).not.toMatch(/not (currently )?installed|problem loading|could not load|unknown node/i);
		if (node.trigger) {
			// The sample: "Execute step" makes the trigger listen on its Test URL, which a GET answers
			// with a realistic sample event for the editor.
			const webhookPath = `browser-${node.type.split('.')[1].toLowerCase()}-${Date.now()}`;
			await listen(page, webhookPath);
			expect(await sendSample(n8n.baseUrl, webhookPath)).toEqual({ status: 200, body: 'Sample event sent to the workflow editor.' });
			expect(await waitForSample(page)).toMatch(/"sample":\s*true/);
		}
		expect(pageErrors.slice(errorsBefore)).toEqual([]);
		await ndv.locator('[data-test-id="ndv-close-button"]').click();
		await ndv.waitFor({ state: 'hidden' });
		await expect(page.locator(`[data-test-id="canvas-node"][data-node-type="${node.type}"]`).count()).resolves.toBeGreaterThan(0);
	});
});

describe('an example workflow', () => {
	it('runs from its Manual Trigger and opens the execution with the delivery outputs', async () => {
		let text = fs.readFileSync(path.join(examplesDir, 'send-success-rule-and-retries.json'), 'utf8');
		for (const { credential } of loadDemoCredentials()) {
			if (!text.includes(`"${credential.id}"`)) continue;
			const { name, type, data } = credential;
			const { id } = (await n8n.api('POST', '/credentials', { name, type, data })) as { id: string };
			text = text.split(`"${credential.id}"`).join(`"${id}"`);
		}
		const { name, nodes: exampleNodes, connections, settings } = JSON.parse(text);
		exampleId = ((await n8n.api('POST', '/workflows', { name, nodes: exampleNodes, connections, settings })) as { id: string }).id;
		await releaseWebhookPaths(n8n, exampleNodes);
		await n8n.activate({ id: exampleId, nodes: exampleNodes });

		await page.goto(`${n8n.baseUrl}/workflow/${exampleId}`);
		const manual = 'When clicking ‘Execute workflow’';
		await page.locator(`[data-test-id="canvas-node"][data-node-name="${manual}"]`).hover();
		await page.locator(`[data-test-id="execute-workflow-button-${manual}"]`).click();
		let executionId: string | undefined;
		for (const started = Date.now(); !executionId && Date.now() - started < 60_000; await page.waitForTimeout(250)) {
			const run = (await n8n.executions(exampleId, { includeData: false })).find((execution) => execution.mode === 'manual');
			if (run && run.status !== 'running' && run.status !== 'new') executionId = run.id;
		}
		expect(executionId).toBeDefined();

		await page.goto(`${n8n.baseUrl}/workflow/${exampleId}/executions/${executionId}`);
		await page.locator(`[data-test-id="execution-preview-details-${executionId}"]`).waitFor();
		await page.locator('[data-test-id="canvas-node"][data-node-name="Send Outbound Message"]').waitFor();
		// The example's three reports: two delivered (one after retries), one refused by the receiver.
		// The canvas draws the edges first and writes their item counts a moment later (under load, after
		// the node has appeared): read the labels until the counts are there, for up to 20 s.
		let labels: string[] = [];
		for (const started = Date.now(); Date.now() - started < 20_000; await page.waitForTimeout(250)) {
			labels = await page.locator('[data-test-id="edge-label"]').allInnerTexts();
			if (/2 items/.test(labels.join(' | ')) && /1 item\b/.test(labels.join(' | '))) break;
		}
		expect(labels.join(' | ')).toMatch(/2 items/);
		expect(labels.join(' | ')).toMatch(/1 item\b/);
		expect(pageErrors).toEqual([]);
	});
});
