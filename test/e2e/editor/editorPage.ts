/**
 * Driving n8n 2.41.1's editor with Debian's Chromium (playwright-core downloads no browser): log in,
 * add one of our nodes from the nodes panel, start a trigger listening. Used by nodePanel.e2e.test.ts
 * and by scripts/takeImages.js (the README's pictures), so both click what a user clicks.
 */
import fs from 'node:fs';
import path from 'node:path';

import { type Browser, type Page, chromium } from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const repoRoot = path.resolve(__dirname, '..', '..', '..');

export interface OurNode {
	/** n8n's type name, e.g. n8n-nodes-outbound-messages.formatFields */
	type: string;
	displayName: string;
	trigger: boolean;
}

/** Every node package.json's n8n.nodes lists, named as the built node describes itself. */
export function ourNodes(): OurNode[] {
	const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { name: string; n8n: { nodes: string[] } };
	return pkg.n8n.nodes.map((file) => {
		const codex = JSON.parse(fs.readFileSync(path.join(repoRoot, file.replace(/^dist\//, '').replace(/\.js$/, '.json')), 'utf8')) as { node: string };
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const module = require(path.join(repoRoot, file)) as Record<string, new () => { description: { displayName: string; group: string[] } }>;
		const { description } = new (Object.values(module)[0])();
		return { type: codex.node, displayName: description.displayName, trigger: description.group.includes('trigger') };
	});
}

export async function openEditor(baseUrl: string, email: string, password: string): Promise<{ browser: Browser; page: Page }> {
	if (!fs.existsSync(chromiumPath)) {
		throw new Error(
			`Chromium not found at ${chromiumPath}: the editor checks need a Chromium browser. ` +
				"Install Debian's package (`apt-get install -y chromium fonts-noto-cjk`, as .ci/run does) or set CHROMIUM_PATH.",
		);
	}
	const browser = await chromium.launch({ executablePath: chromiumPath, headless: true });
	const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
	// A missing element fails a check in seconds, not after the test's own timeout.
	page.setDefaultTimeout(20_000);
	await page.goto(`${baseUrl}/signin`);
	await page.locator('input[name="emailOrLdapLoginId"]').fill(email);
	await page.locator('input[name="password"]').fill(password);
	await page.keyboard.press('Enter');
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
	return { browser, page };
}

/** Opens a new, empty workflow and waits for its canvas. */
export async function newWorkflow(page: Page, baseUrl: string): Promise<void> {
	await page.goto(`${baseUrl}/workflow/new`);
	await page.locator('[data-test-id="canvas-add-button"], [data-test-id="node-creator-plus-button"]').first().waitFor();
}

/** Types into the nodes panel's search and returns the types of the nodes it lists (ours and n8n's). */
export async function searchNodes(page: Page, term: string): Promise<string[]> {
	const empty = page.locator('[data-test-id="canvas-add-button"]');
	await ((await empty.isVisible()) ? empty : page.locator('[data-test-id="node-creator-plus-button"]')).click();
	const search = page.locator('input[data-test-id="node-creator-search-bar"]');
	const items = page.locator('[data-test-id="node-creator"] [data-keyboard-nav-type="node"]');
	// An item's id is "<type>-<uuid>".
	const read = async () =>
		(await items.evaluateAll((els) => els.map((el) => el.getAttribute('data-keyboard-nav-id') ?? '')))
			.map((id) => id.replace(/-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, ''))
			.join();
	// The panel opens on its default list and clears the search as it settles: type once it is shown.
	await page.locator('[data-test-id="node-creator"] [data-keyboard-nav-type]').first().waitFor();
	const unfiltered = await read();
	await search.fill(term);
	let ids = '';
	const started = Date.now();
	for (let previous = unfiltered, stable = 0; stable < 2 && Date.now() - started < 10_000; await page.waitForTimeout(200)) {
		if ((await search.inputValue()) !== term) await search.fill(term);
		ids = await read();
		// The list filters as one types: read it once it has stopped changing.
		stable = ids !== unfiltered && ids === previous ? stable + 1 : 0;
		previous = ids;
	}
	return ids.split(',').filter(Boolean);
}

export async function closeNodesPanel(page: Page): Promise<void> {
	await page.keyboard.press('Escape');
	await page.locator('[data-test-id="node-creator"]').waitFor({ state: 'hidden' });
}

/**
 * Searches the node by its name, clicks it, and picks its first action or trigger event when n8n
 * lists them (or clicks "Add to workflow"); n8n then adds the node and opens its parameter panel,
 * which this returns.
 */
export async function addNode(page: Page, node: OurNode) {
	const found = await searchNodes(page, node.displayName);
	if (!found.includes(node.type)) throw new Error(`"${node.displayName}" is not in the nodes panel (it lists ${found.join(', ')})`);
	await page.locator(`[data-test-id="node-creator"] [data-keyboard-nav-id^="${node.type}-"]`).first().click();
	const ndv = page.locator('[data-test-id="ndv"]');
	const action = page.locator('[data-test-id="node-creator"] [data-keyboard-nav-type="action"]').first();
	// A node without actions shows its details with an "Add to workflow" button instead.
	const addButton = page.locator('[data-test-id="node-creator"]').getByRole('button', { name: 'Add to workflow' });
	await ndv.or(action).or(addButton).first().waitFor();
	if (await action.isVisible()) await action.click();
	else if (await addButton.isVisible()) await addButton.click();
	await ndv.locator('[data-test-id="node-parameters"]').waitFor();
	return ndv;
}

/** Fills the trigger's Path, clicks the panel's "Execute step" and waits until it listens. */
export async function listen(page: Page, webhookPath: string): Promise<void> {
	const ndv = page.locator('[data-test-id="ndv"]');
	const pathInput = ndv.locator('[data-test-id="parameter-input-path"] input');
	await pathInput.fill(webhookPath);
	// The parameter is taken over when the field loses focus.
	await pathInput.press('Tab');
	await page.waitForTimeout(300);
	await ndv.locator('[data-test-id="node-execute-button"]').first().click();
	await ndv.locator('[data-test-id="output-panel"]').getByText(/Stop Listening/i).waitFor();
}

/**
 * Opens the trigger's Test URL as a user would in a browser (a GET: the trigger emits its sample
 * event). n8n registers the test webhook just after the panel shows it listening: a 404 is retried.
 */
export async function sendSample(baseUrl: string, webhookPath: string): Promise<{ status: number; body: string }> {
	for (const started = Date.now(); ; await new Promise((resolve) => setTimeout(resolve, 300))) {
		const answer = await fetch(`${baseUrl}/webhook-test/${webhookPath}`);
		const reply = { status: answer.status, body: await answer.text() };
		if (reply.status !== 404 || Date.now() - started > 10_000) return reply;
	}
}

/** Waits for the trigger's output in its panel and returns it as JSON text, once it has the sample. */
export async function waitForSample(page: Page): Promise<string> {
	const output = page.locator('[data-test-id="ndv"] [data-test-id="output-panel"]');
	await output.locator('[data-test-id="ndv-items-count"]').waitFor({ timeout: 30_000 });
	await output.locator('[data-test-id="radio-button-json"]').click();
	let text = '';
	for (const started = Date.now(); Date.now() - started < 10_000; await page.waitForTimeout(200)) {
		text = await output.innerText();
		if (/"sample":\s*true/.test(text)) break;
	}
	return text;
}
