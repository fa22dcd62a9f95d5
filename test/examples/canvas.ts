/**
 * What the examples' canvases show a user, modelled on n8n 2.41.1's editor: where nodes and sticky
 * notes sit, which trigger the "Execute workflow" button at the bottom runs by default, and which
 * buttons and menu items the sticky notes tell the user to click. Used by the static checks over
 * examples/*.json (test/unit/examples) and by the browser check (test/e2e/editor).
 */
import fs from 'node:fs';
import path from 'node:path';

export const examplesDir = path.resolve(__dirname, '..', '..', 'examples');

export interface ExampleNode {
	id: string;
	name: string;
	type: string;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	webhookId?: string;
	disabled?: boolean;
}

export interface ExampleWorkflow {
	id: string;
	name: string;
	nodes: ExampleNode[];
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
}

export interface DemoCredential {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

/** The prefix every demo credential's name starts with, so no one takes it for their own. */
export const demoCredentialPrefix = 'Demo secret: examples only — do not use';

export function loadExamples(): Array<{ file: string; workflow: ExampleWorkflow }> {
	return fs
		.readdirSync(examplesDir)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => ({ file, workflow: JSON.parse(fs.readFileSync(path.join(examplesDir, file), 'utf8')) as ExampleWorkflow }));
}

export function loadDemoCredentials(): Array<{ file: string; credential: DemoCredential }> {
	const dir = path.join(examplesDir, 'credentials');
	return fs
		.readdirSync(dir)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => ({ file, credential: JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as DemoCredential }));
}

export const stickyType = 'n8n-nodes-base.stickyNote';

export function isSticky(node: ExampleNode): boolean {
	return node.type === stickyType;
}

/** Trigger nodes as the editor counts them (each gets its own "Execute workflow" button on hover). */
export function isTrigger(node: ExampleNode): boolean {
	return /Trigger$/.test(node.type) || node.type === 'n8n-nodes-base.webhook';
}

/**
 * The trigger the "Execute workflow" button at the bottom of the canvas runs when a workflow opens:
 * n8n 2.41.1's editor ranks the enabled triggers by type (Form Trigger 10, Webhook 9, any trigger
 * outside n8n's "Core Nodes" 8, Schedule 7, Manual 6, Execute Workflow Trigger 5, Error Trigger 4,
 * other core triggers 0) and takes the first of the highest rank in node order.
 */
export function defaultTriggerName(nodes: ExampleNode[]): string | undefined {
	const ranks: Record<string, number> = {
		'n8n-nodes-base.formTrigger': 10,
		'n8n-nodes-base.webhook': 9,
		'n8n-nodes-base.scheduleTrigger': 7,
		'n8n-nodes-base.manualTrigger': 6,
		'n8n-nodes-base.executeWorkflowTrigger': 5,
		'n8n-nodes-base.errorTrigger': 4,
	};
	const rank = (node: ExampleNode) => ranks[node.type] ?? (node.type.startsWith('n8n-nodes-base.') ? 0 : 8);
	return nodes
		.filter((node) => isTrigger(node) && !node.disabled)
		.sort((a, b) => rank(b) - rank(a))[0]?.name; // stable: node order breaks ties
}

/** n8n's node size on the canvas (canvas units; the position is the top-left corner). */
export const nodeSize = 100;

export type Rect = [left: number, top: number, right: number, bottom: number];

/**
 * What a node occupies on the canvas besides its 100 × 100 box, in canvas units: the hover toolbar
 * above; its name and subtitle below; output labels and "+" handles to the right; for a trigger, the
 * bolt and the "Execute workflow" button that appears on hover to the left.
 */
export function nodeFootprint(node: ExampleNode): Rect {
	const [x, y] = node.position;
	return [x - (isTrigger(node) ? 180 : 40), y - 40, x + nodeSize + 120, y + nodeSize + 60];
}

export function stickyRect(node: ExampleNode): Rect {
	const [x, y] = node.position;
	const width = Number(node.parameters.width ?? 240);
	const height = Number(node.parameters.height ?? 160);
	return [x, y, x + width, y + height];
}

export function overlaps(a: Rect, b: Rect): boolean {
	return a[0] < b[2] && a[2] > b[0] && a[1] < b[3] && a[3] > b[1];
}

/** What a sticky note tells the user to do on the canvas, read from its Markdown. */
export interface StickyInstructions {
	/** Nodes to point at (`point at **Node**`): their own "Execute workflow" button appears on hover. */
	pointAt: string[];
	/** Buttons to click (`click the **Label** button`, `click **Label**`). */
	buttons: string[];
	/** The trigger the bottom button is said to run by default (`runs *from Trigger*`). */
	bottomRunsFrom?: string;
	/** Entries of the bottom button's trigger menu (`Pick *from Trigger*`). */
	menuItems: string[];
}

export function stickyInstructions(content: string): StickyInstructions {
	const all = (re: RegExp) => [...content.matchAll(re)].map((match) => match[1]);
	return {
		pointAt: all(/point at \*\*([^*]+)\*\*/g),
		buttons: all(/click (?:the |its )?\*\*([^*]+)\*\*/gi),
		bottomRunsFrom: /runs \*from ([^*]+)\*/.exec(content)?.[1],
		menuItems: all(/Pick \*from ([^*]+)\*/g),
	};
}
