/**
 * Static checks over examples/*.json, the workflows `npm start` imports for users: they run on any
 * n8n address, their demo credentials cannot be taken for real ones, no sticky note covers a node,
 * and the sticky notes' instructions match what n8n 2.41.1's editor shows. The browser check
 * (test/e2e/editor) looks at the same things on the rendered canvas.
 */
import {
	defaultTriggerName,
	demoCredentialPrefix,
	isSticky,
	isTrigger,
	loadDemoCredentials,
	loadExamples,
	nodeFootprint,
	overlaps,
	stickyInstructions,
	stickyRect,
} from '../../examples/canvas';

const examples = loadExamples();
const demoCredentials = loadDemoCredentials();
const manualTrigger = 'When clicking ‘Execute workflow’';
/** This n8n's own webhook base URL, from inside a workflow: its resume URL without `webhook-waiting/<id>`. */
const ownBase = "{{ $execution.resumeUrl.split('/webhook-waiting/')[0] }}";

describe.each(examples.map(({ file, workflow }) => [file, workflow] as const))('%s', (file, workflow) => {
	const nodes = workflow.nodes.filter((node) => !isSticky(node));
	const stickies = workflow.nodes.filter(isSticky);
	const webhookPaths = nodes.filter(isTrigger).map((node) => String(node.parameters.path ?? node.webhookId));

	it('names no fixed n8n address: senders reach this n8n through $execution.resumeUrl', () => {
		const text = JSON.stringify(workflow);
		expect(text).not.toMatch(/(127\.0\.0\.1|localhost):5678/);
		const urls = nodes.filter((node) => typeof node.parameters.url === 'string').map((node) => String(node.parameters.url));
		// An example that sends has a URL to send to (one that only keeps the store, like the nightly clean-up, has none).
		const sends = nodes.some((node) => /\.(sendOutboundMessage|signRequest)$/.test(node.type) && node.parameters.operation !== 'verify');
		if (sends) expect(urls.length).toBeGreaterThan(0);
		for (const url of urls) {
			expect(url.startsWith(`=${ownBase}/webhook/`)).toBe(true);
			// ...and to a webhook of this same workflow (a query may follow its path), so the sample branch needs nothing outside it.
			const hookPath = url.slice(`=${ownBase}/webhook/`.length);
			expect(webhookPaths.some((p) => hookPath === p || hookPath.startsWith(`${p}/`) || hookPath.startsWith(`${p}?`))).toBe(true);
		}
	});

	it('uses only the demo credentials of examples/credentials, by their id and name', () => {
		for (const node of nodes) {
			for (const { id, name } of Object.values(node.credentials ?? {})) {
				const demo = demoCredentials.find(({ credential }) => credential.id === id)?.credential;
				expect(demo).toBeDefined();
				expect(name).toBe(demo?.name);
			}
		}
	});

	it('has a Manual Trigger branch, and no sticky note over a node (n8n node size, labels, hover buttons)', () => {
		expect(nodes.find((node) => node.name === manualTrigger)?.type).toBe('n8n-nodes-base.manualTrigger');
		const covered = stickies.flatMap((sticky) =>
			nodes.filter((node) => overlaps(stickyRect(sticky), nodeFootprint(node))).map((node) => `${sticky.name} covers ${node.name}`),
		);
		expect(covered).toEqual([]);
		const stacked = stickies.flatMap((a, i) =>
			stickies.slice(i + 1).filter((b) => overlaps(stickyRect(a), stickyRect(b))).map((b) => `${a.name} / ${b.name}`),
		);
		expect(stacked).toEqual([]);
	});

	it("tells how to run the sample branch with buttons n8n 2.41.1 shows, and what the bottom button runs by default", () => {
		const instructions = stickies.map((sticky) => stickyInstructions(String(sticky.parameters.content)));
		const triggers = nodes.filter(isTrigger).map((node) => node.name);
		// The sample branch runs from its Manual Trigger's own button...
		expect(instructions.flatMap((i) => i.pointAt)).toContain(manualTrigger);
		expect(instructions.flatMap((i) => i.buttons)).toContain('Execute workflow');
		for (const name of instructions.flatMap((i) => i.pointAt)) expect(triggers).toContain(name);
		for (const label of instructions.flatMap((i) => i.buttons)) expect(['Execute workflow']).toContain(label);
		// ...and the bottom button starts where n8n's editor says, which the sticky names.
		const claimed = instructions.flatMap((i) => (i.bottomRunsFrom ? [i.bottomRunsFrom] : []));
		expect(claimed).toEqual([defaultTriggerName(nodes)]);
		expect(instructions.flatMap((i) => i.menuItems)).toEqual([manualTrigger]);
	});

	it(`names no credential of ours in a sticky except by its "${demoCredentialPrefix}" name`, () => {
		const text = stickies.map((sticky) => String(sticky.parameters.content)).join('\n');
		expect(text).not.toMatch(/demo: replace/);
		for (const name of text.match(/Demo secret[^*]*/g) ?? []) {
			expect(demoCredentials.map(({ credential }) => credential.name)).toContain(name);
		}
	});

	it(`is imported by \`npm start\` under a fixed id (${file})`, () => {
		expect(workflow.id).toMatch(/^[A-Za-z0-9]+$/);
		expect(new Set(workflow.nodes.map((node) => node.name)).size).toBe(workflow.nodes.length);
	});
});

describe('the demo credentials (examples/credentials)', () => {
	it.each(demoCredentials.map(({ file, credential }) => [file, credential] as const))(
		'%s is named so no one takes it for their own',
		(_file, credential) => {
			expect(credential.name.startsWith(`${demoCredentialPrefix} (`)).toBe(true);
			expect(['outboundSigningSecret', 'hesiApi']).toContain(credential.type);
		},
	);

	it('have distinct names and ids, and each is used by an example', () => {
		const used = new Set(
			examples.flatMap(({ workflow }) => workflow.nodes.flatMap((node) => Object.values(node.credentials ?? {}).map((c) => c.id))),
		);
		expect(new Set(demoCredentials.map(({ credential }) => credential.name)).size).toBe(demoCredentials.length);
		for (const { credential } of demoCredentials) expect(used.has(credential.id)).toBe(true);
	});
});
