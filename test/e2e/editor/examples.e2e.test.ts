/**
 * What a user sees when opening the examples in n8n 2.41.1's editor: a headless Chromium (Debian's
 * `chromium`, driven by playwright-core; no browser is downloaded) logs in to the harness's n8n,
 * opens examples created as they are in examples/ (their demo credentials too), and checks that
 * - no sticky note covers a node, and each note's text fits in it;
 * - the buttons and menu entries the notes name are on the canvas, and the "Execute workflow" button
 *   at the bottom runs from the trigger the notes say;
 * - the sample branch runs from the button the note names, on this run's random port (not 5678);
 * - a trigger's panel notice names only buttons that its panel shows.
 * Screenshots of each canvas go to the system's temp folder (outbound-editor-*.png).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { type Browser, type Page, chromium } from 'playwright-core';

import {
	type ExampleWorkflow,
	examplesDir,
	isSticky,
	loadDemoCredentials,
	stickyInstructions,
} from '../../examples/canvas';
import { type Execution, connectN8n, nodeOutputs } from '../harness/n8n';
import { releaseWebhookPaths, unpublish } from '../harness/webhookPaths';

const n8n = connectN8n();
jest.setTimeout(180_000);

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const manualTrigger = 'When clicking ‘Execute workflow’';
/**
 * A trigger example, two whose bottom button starts from a plain Webhook node (one signed), and one
 * whose bottom button starts from a Schedule Trigger. (outbox-deliver-with-compensation.json is left
 * out: its sample run opens the circuit breaker of this n8n's own address and parks messages in the
 * shared store, which later test files would claim; test/e2e/outbox/examples.e2e.test.ts runs it.)
 */
const exampleFiles = ['trigger-hesi-approval-events.json', 'format-fields-hesi-outbound.json', 'sign-standard-webhooks.json', 'outbox-nightly-clean-up.json'];

type Rect = { left: number; top: number; right: number; bottom: number };

// The page's DOM, typed just enough for the measurements run inside the browser (page.evaluate);
// the tests compile without lib.dom.
interface DomElement {
	getBoundingClientRect(): Rect;
	getAttribute(name: string): string | null;
	closest(selector: string): DomElement | null;
	querySelectorAll(selector: string): Iterable<DomElement>;
}
declare const document: { querySelectorAll(selector: string): Iterable<DomElement> };

let browser: Browser;
let page: Page;
const created = new Map<string, { id: string; workflow: ExampleWorkflow }>();

/** Creates the example as it is (its demo credentials too) through the public API and publishes it. */
async function createExample(file: string): Promise<{ id: string; workflow: ExampleWorkflow }> {
	let text = fs.readFileSync(path.join(examplesDir, file), 'utf8');
	for (const { credential } of loadDemoCredentials()) {
		if (!text.includes(`"${credential.id}"`)) continue;
		const { name, type, data } = credential;
		const { id } = (await n8n.api('POST', '/credentials', { name, type, data })) as { id: string };
		text = text.split(`"${credential.id}"`).join(`"${id}"`);
	}
	const workflow = JSON.parse(text) as ExampleWorkflow;
	const { name, nodes, connections, settings } = workflow;
	const { id } = (await n8n.api('POST', '/workflows', { name, nodes, connections, settings })) as { id: string };
	await releaseWebhookPaths(n8n, nodes);
	await n8n.activate({ id, nodes });
	return { id, workflow };
}

async function openWorkflow(id: string): Promise<void> {
	await page.goto(`${n8n.baseUrl}/workflow/${id}`);
	await page.locator('[data-test-id="execute-workflow-button"]').waitFor();
	// n8n shows a "Production Checklist" over the canvas of a published workflow the first time.
	const closeChecklist = page.locator('[data-test-id="suggested-actions-close"]');
	if (await closeChecklist.isVisible()) await closeChecklist.click();
	await page.locator('[data-test-id="sticky"]').first().waitFor();
}

function canvasNode(name: string) {
	return page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`);
}

/** The bottom button's "from …" names a trigger the way n8n truncates it ("Hesi Approval Eve…Trigger"). */
function matchesTruncated(shown: string, name: string): boolean {
	const parts = shown.split('…').map((part) => part.trim());
	let at = 0;
	for (const part of parts) {
		const found = name.indexOf(part, at);
		if (found < 0) return false;
		at = found + part.length;
	}
	return parts.length === 1 ? shown === name : name.startsWith(parts[0]) && name.endsWith(parts.at(-1) ?? '');
}

beforeAll(async () => {
	if (!fs.existsSync(chromiumPath)) {
		throw new Error(
			`Chromium not found at ${chromiumPath}: the editor checks need a Chromium browser. ` +
				'Install Debian\'s package (`apt-get install -y chromium`, as .ci/run does) or set CHROMIUM_PATH.',
		);
	}
	for (const file of exampleFiles) created.set(file, await createExample(file));
	browser = await chromium.launch({ executablePath: chromiumPath, headless: true });
	page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
	await page.goto(`${n8n.baseUrl}/signin`);
	await page.locator('input[name="emailOrLdapLoginId"]').fill(n8n.info.email);
	await page.locator('input[name="password"]').fill(n8n.info.password);
	await page.keyboard.press('Enter');
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
});

afterAll(async () => {
	await browser?.close();
	for (const { id } of created.values()) await unpublish(n8n, id);
});

describe.each(exampleFiles)('%s in the editor', (file) => {
	let id: string;
	let workflow: ExampleWorkflow;
	const stickies = () => workflow.nodes.filter(isSticky);
	const instructions = () => stickies().map((sticky) => stickyInstructions(String(sticky.parameters.content)));

	beforeAll(async () => {
		({ id, workflow } = created.get(file)!);
		await openWorkflow(id);
		await page.screenshot({ path: path.join(os.tmpdir(), `outbound-editor-${path.basename(file, '.json')}.png`) });
	});

	it('shows no sticky note over a node, and each note fits its text', async () => {
		const canvas = await page.evaluate(() => {
			const rect = (el: DomElement): Rect => {
				const r = el.getBoundingClientRect();
				return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
			};
			const union = (rects: Rect[]) => ({
				left: Math.min(...rects.map((r) => r.left)),
				top: Math.min(...rects.map((r) => r.top)),
				right: Math.max(...rects.map((r) => r.right)),
				bottom: Math.max(...rects.map((r) => r.bottom)),
			});
			const notes = [...document.querySelectorAll('[data-test-id="sticky"]')].map((sticky) => ({
				name: sticky.closest('[data-node-name]')?.getAttribute('data-node-name') ?? '',
				rect: rect(sticky),
				// The rendered Markdown: everything in it must lie inside the note.
				text: union([...sticky.querySelectorAll('h1, h2, h3, p, li, pre')].map(rect)),
			}));
			// A node with what is drawn around it: name, subtitle, output labels and handles, the
			// trigger's bolt and hover button; not the toolbar that floats above on hover.
			const nodes = [...document.querySelectorAll('[data-test-id="canvas-node"]')].map((node) => ({
				name: node.getAttribute('data-node-name') ?? '',
				rect: union(
					[node, ...node.querySelectorAll('*')]
						.filter((el) => !el.closest('[data-test-id="canvas-node-toolbar"]'))
						.map(rect)
						.filter((r) => r.right > r.left && r.bottom > r.top),
				),
			}));
			return { notes, nodes };
		});
		expect(canvas.notes.length).toBe(stickies().length);
		expect(canvas.nodes.length).toBe(workflow.nodes.length - stickies().length);
		const hit = (a: Rect, b: Rect) => a.left < b.right && a.right > b.left && a.top < b.bottom && a.bottom > b.top;
		const covered = canvas.notes.flatMap((note) =>
			canvas.nodes.filter((node) => hit(note.rect, node.rect)).map((node) => `${note.name} covers ${node.name}`),
		);
		expect(covered).toEqual([]);
		const overflowing = canvas.notes.filter((note) => note.text.bottom > note.rect.bottom || note.text.right > note.rect.right);
		expect(overflowing.map((note) => note.name)).toEqual([]);
	});

	it('names buttons the canvas shows: the Manual Trigger\'s own "Execute workflow", and the trigger the bottom button runs', async () => {
		const said = instructions();
		const pointAt = said.flatMap((i) => i.pointAt);
		const buttons = said.flatMap((i) => i.buttons);
		expect(pointAt).toContain(manualTrigger);
		// Pointing at the node shows its own button, with the label the note gives.
		for (const name of pointAt) {
			await canvasNode(name).hover();
			const own = page.locator(`[data-test-id="execute-workflow-button-${name}"]`);
			await expect(own.isVisible()).resolves.toBe(true);
			expect(buttons).toContain((await own.innerText()).trim());
		}
		// The bottom button: "Execute workflow" and, below it, "from <the trigger the note names>".
		const bottom = page.locator('[data-test-id="execute-workflow-button"]');
		const bottomText = (await bottom.innerText()).replace(/\s+/g, ' ').trim();
		const claimed = said.flatMap((i) => (i.bottomRunsFrom ? [i.bottomRunsFrom] : []));
		expect(claimed).toHaveLength(1);
		expect(bottomText.startsWith('Execute workflow from ')).toBe(true);
		expect(buttons).toContain('Execute workflow');
		expect(matchesTruncated(bottomText.slice('Execute workflow from '.length), claimed[0])).toBe(true);
		// Its menu (the arrow beside it) offers the entries the note tells the user to pick.
		await page.locator('[aria-label="Select trigger node"]').click();
		for (const name of said.flatMap((i) => i.menuItems)) {
			await expect(page.getByRole('menuitem').filter({ hasText: `from ${name}` }).first().isVisible()).resolves.toBe(true);
		}
		await page.keyboard.press('Escape');
	});

	it("runs the sample branch from the button the note names, through this n8n's own random port", async () => {
		const before = (await n8n.executions(id, { includeData: false })).map((execution) => execution.id);
		await canvasNode(manualTrigger).hover();
		await page.locator(`[data-test-id="execute-workflow-button-${manualTrigger}"]`).click();
		let manual: Execution | undefined;
		for (const started = Date.now(); !manual && Date.now() - started < 60_000; ) {
			const list = await n8n.executions(id, { includeData: false });
			const run = list.find((execution) => !before.includes(execution.id) && execution.mode === 'manual');
			if (run && (run.finished || (run as Execution & { stoppedAt?: string }).stoppedAt)) manual = await n8n.execution(run.id);
			else await new Promise((resolve) => setTimeout(resolve, 250));
		}
		expect(manual?.status).toBe('success');
		expect(n8n.baseUrl).not.toMatch(/:5678$/);
		const sender = workflow.nodes.find((node) => node.type === 'n8n-nodes-outbound-messages.sendOutboundMessage');
		// An example that only keeps the store (the nightly clean-up) sends nothing: its run succeeding is the check.
		if (sender) {
			const [delivered, retry, failed] = nodeOutputs(manual!, sender.name);
			expect([retry, failed]).toEqual([[], []]);
			expect(delivered.length).toBeGreaterThan(0);
			for (const item of delivered) expect(item.delivery.attempts[0].request.url.startsWith(`${n8n.baseUrl}/webhook/`)).toBe(true);
		}
		await page.screenshot({ path: path.join(os.tmpdir(), `outbound-editor-${path.basename(file, '.json')}-ran.png`) });
	});
});

describe('a trigger node panel', () => {
	it('names in its notice only buttons the panel shows', async () => {
		const { id, workflow } = created.get('trigger-hesi-approval-events.json')!;
		const trigger = workflow.nodes.find((node) => /^n8n-nodes-outbound-messages\.\w+Trigger$/.test(node.type))!;
		await openWorkflow(id);
		await canvasNode(trigger.name).dblclick();
		const panel = page.locator('[data-test-id="ndv"]');
		await panel.locator('.notice').first().waitFor();
		await page.screenshot({ path: path.join(os.tmpdir(), 'outbound-editor-trigger-panel.png') });
		const notices = await panel.locator('.notice').allInnerTexts();
		expect(notices.join('')).not.toBe('');
		// A button is named in quotes ("…", “…”) or in bold.
		const bold = await panel.locator('.notice strong, .notice b').allInnerTexts();
		const text = notices.join('\n');
		const named = [...text.matchAll(/"([^"]+)"|“([^”]+)”/g)].map((match) => match[1] ?? match[2]);
		// A name the notice places "on the canvas" must be a button of the canvas, every other one of the panel.
		const onCanvas = new Set([...text.matchAll(/["“]([^"”]+)["”] on the canvas/g)].map((match) => match[1].trim()));
		const wanted = [...new Set([...named, ...bold].map((label) => label.trim()))];
		const shown = [...new Set((await panel.locator('button:visible').allInnerTexts()).map((label) => label.replace(/\s+/g, ' ').trim()))].filter(Boolean);
		const missing = wanted
			.filter((label) => !onCanvas.has(label))
			.filter((label) => !shown.some((button) => button.toLowerCase() === label.toLowerCase()));
		expect(missing.map((label) => `"${label}" is not a button of this panel (it shows: ${shown.join(', ')})`)).toEqual([]);
		await page.keyboard.press('Escape');
		await panel.waitFor({ state: 'hidden' });
		const canvasButtons = [...new Set((await page.locator('button:visible').allInnerTexts()).map((label) => label.replace(/\s+/g, ' ').trim()))];
		const missingOnCanvas = [...onCanvas].filter((label) => !canvasButtons.some((button) => button.toLowerCase().startsWith(label.toLowerCase())));
		expect(missingOnCanvas.map((label) => `"${label}" is not a button of the canvas (it shows: ${canvasButtons.join(', ')})`)).toEqual([]);
	});
});
