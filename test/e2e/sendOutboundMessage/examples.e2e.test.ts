/**
 * The Send Outbound Message examples in examples/ (what `npm start` imports for users) run as they
 * are in a fresh n8n on a random port: each is created unchanged through the public API (its URL
 * reaches this n8n's Example Receiver through `$execution.resumeUrl`), published (the receiver
 * webhook goes live) and run from its Manual Trigger.
 */
import fs from 'node:fs';
import path from 'node:path';

import { type Execution, connectN8n, nodeOutputs } from '../harness/n8n';

const n8n = connectN8n();

// Jest reads testTimeout only from the global config, not from the e2e project's entry.
jest.setTimeout(180_000);

const examplesDir = path.resolve(__dirname, '..', '..', '..', 'examples');
const manualTrigger = 'When clicking ‘Execute workflow’';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Item = Record<string, any>;

function statuses(item: Item): Array<number | null> {
	return item.delivery.attempts.map((attempt: Item) => attempt.response?.status ?? null);
}

/** Creates and publishes the example `file` in this run's n8n; returns the new workflow's id. */
async function importExample(file: string): Promise<string> {
	const text = fs.readFileSync(path.join(examplesDir, file), 'utf8');
	const { name, nodes, connections, settings } = JSON.parse(text) as { name: string; nodes: Item[]; connections: unknown; settings: unknown };
	const created = (await n8n.api('POST', '/workflows', { name, nodes, connections, settings })) as { id: string };
	// Publishing returns before the Example Receiver answers: the harness waits for it.
	await n8n.activate({ id: created.id, nodes });
	return created.id;
}

describe('Send Outbound Message examples run out of the box', () => {
	it("keeps every send example a valid workflow with a Manual Trigger and a self-target on this n8n's own address", () => {
		const files = fs.readdirSync(examplesDir).filter((f) => /^send-.*\.json$/.test(f));
		expect(files.sort()).toEqual(['send-hand-off-to-wait.json', 'send-success-rule-and-retries.json']);
		for (const file of files) {
			const workflow = JSON.parse(fs.readFileSync(path.join(examplesDir, file), 'utf8'));
			const names = workflow.nodes.map((node: Item) => node.name);
			expect(names).toContain(manualTrigger);
			expect(names).toContain('Send Outbound Message');
			expect(workflow.nodes.find((node: Item) => node.name === 'Send Outbound Message').parameters.url).toMatch(
				/^=\{\{ \$execution\.resumeUrl\.split\('\/webhook-waiting\/'\)\[0\] \}\}\/webhook\//,
			);
		}
	});

	describe('send-success-rule-and-retries.json', () => {
		let execution: Execution;
		let success: Item[];
		let failure: Item[];

		beforeAll(async () => {
			const id = await importExample('send-success-rule-and-retries.json');
			execution = await n8n.runManually(id, manualTrigger);
			[success, , failure] = nodeOutputs(execution, 'Send Outbound Message');
		});

		it('delivers the accepted report and the one that met an outage, and refuses the negative amount', () => {
			expect(execution.status).toBe('success');
			expect(success.map((item) => item.reportId)).toEqual(['ER-1001', 'ER-1002']);
			expect(failure.map((item) => item.reportId)).toEqual(['ER-1003']);
			expect(nodeOutputs(execution, 'Delivered')[0]).toHaveLength(2);
		});

		it('records the retries of the report that met the outage', () => {
			const outage = success[1];
			expect(statuses(outage)[0]).toBe(503);
			expect(statuses(outage).at(-1)).toBe(200);
			expect(outage.delivery.attempts.length).toBeGreaterThanOrEqual(2);
			expect(outage.delivery.event).toBe('flow.paid');
		});

		it('fails the refused report by the keyword rule', () => {
			expect(failure[0].delivery.reason).toBe('keyword_mismatch');
			expect(statuses(failure[0])).toEqual([200]);
			expect(JSON.parse(failure[0].delivery.attempts[0].response.body)).toMatchObject({ code: '0' });
		});
	});

	describe('send-hand-off-to-wait.json', () => {
		it('loops Retry → Wait → Send until the receiver is back, then ends in Delivered', async () => {
			const id = await importExample('send-hand-off-to-wait.json');
			const execution = await n8n.runManually(id, manualTrigger);
			expect(execution.status).toBe('success');

			const runs = execution.data?.resultData?.runData?.['Send Outbound Message'] as unknown[];
			expect(runs.length).toBeGreaterThanOrEqual(2);
			const [[delivered]] = nodeOutputs(execution, 'Delivered');
			expect(delivered.delivery.status).toBe('succeeded');
			expect(statuses(delivered)[0]).toBe(503);
			expect(statuses(delivered).at(-1)).toBe(200);
			// One message id, from the node's Message ID option, on every attempt of the loop.
			expect(delivered.delivery.messageId).toBe('ID_example_flow01-backlog.approving');
			for (const attempt of delivered.delivery.attempts) {
				expect(attempt.request.headers['X-Message-Id']).toBe('ID_example_flow01-backlog.approving');
			}
			expect(JSON.parse(delivered.delivery.attempts.at(-1).response.body)).toEqual({
				code: '1',
				receivedMessageId: 'ID_example_flow01-backlog.approving',
			});
		});
	});
});
