/**
 * The signing examples in examples/ (what `npm start` imports for users) run as they are in a fresh
 * n8n on a random port: their demo credentials (examples/credentials/) are created through the
 * public API, each workflow is created unchanged (its sender reaches this n8n's Example Receiver
 * through `$execution.resumeUrl`), published (the receiver goes live) and run from its Manual Trigger.
 */
import fs from 'node:fs';
import path from 'node:path';

import { Webhook } from 'standardwebhooks';

import { type Execution, connectN8n, nodeOutputs, postWebhook } from '../harness/n8n';

const n8n = connectN8n();

// Jest reads testTimeout only from the global config, not from the e2e project's entry.
jest.setTimeout(180_000);

const examplesDir = path.resolve(__dirname, '..', '..', '..', 'examples');
const manualTrigger = 'When clicking ‘Execute workflow’';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Item = Record<string, any>;

interface DemoCredential {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

function demoCredential(file: string): DemoCredential {
	return JSON.parse(fs.readFileSync(path.join(examplesDir, 'credentials', file), 'utf8')) as DemoCredential;
}

/**
 * Creates the demo credential through the public API and returns its id in this run. (The API
 * chooses the id; `npm start` imports the file with its own id, which the example names.)
 */
async function createCredential(credential: DemoCredential): Promise<string> {
	const { name, type, data } = credential;
	return ((await n8n.api('POST', '/credentials', { name, type, data })) as { id: string }).id;
}

/** Creates and publishes the example with its credential ids mapped to this run's; returns its id. */
async function importExample(file: string, credentialIds: Record<string, string>): Promise<string> {
	let text = fs.readFileSync(path.join(examplesDir, file), 'utf8');
	for (const [demoId, runId] of Object.entries(credentialIds)) text = text.split(`"id": "${demoId}"`).join(`"id": "${runId}"`);
	const { name, nodes, connections, settings } = JSON.parse(text) as { name: string; nodes: Item[]; connections: unknown; settings: unknown };
	const created = (await n8n.api('POST', '/workflows', { name, nodes, connections, settings })) as { id: string };
	await n8n.activate({ id: created.id, nodes });
	return created.id;
}

/** The receiver's executions: one per delivery attempt, besides the manual run. */
async function receiverRuns(workflowId: string, manualRun: Execution, deliveries: number): Promise<Execution[]> {
	const executions = await n8n.waitForExecutions(workflowId, deliveries + 1);
	return executions.filter((run) => run.id !== manualRun.id);
}

function leaks(execution: Execution, forms: string[]): string[] {
	const text = JSON.stringify(execution);
	return forms.filter((form) => text.includes(form));
}

describe('the signing examples run out of the box', () => {
	it('names each example credential clearly as a demo, and each example uses one of them', () => {
		const credentials = fs.readdirSync(path.join(examplesDir, 'credentials')).filter((f) => /^sign-.*\.json$/.test(f));
		expect(credentials.sort()).toEqual(['sign-demo-jiandaoyun.json', 'sign-demo-standard-webhooks.json']);
		const ids = credentials.map((file) => demoCredential(file)).map((credential) => {
			expect(credential.name).toMatch(/^Demo secret: examples only — do not use \(.+\)$/);
			expect(credential.type).toBe('outboundSigningSecret');
			return credential.id;
		});
		for (const file of ['sign-standard-webhooks.json', 'sign-jiandaoyun-each-attempt.json']) {
			const workflow = JSON.parse(fs.readFileSync(path.join(examplesDir, file), 'utf8')) as { nodes: Item[] };
			const used = workflow.nodes.flatMap((node) => (node.credentials ? [node.credentials.outboundSigningSecret.id] : []));
			expect(used.length).toBeGreaterThan(0);
			for (const id of used) expect(ids).toContain(id);
			expect(workflow.nodes.map((node) => node.name)).toContain(manualTrigger);
		}
	});

	describe('sign-standard-webhooks.json', () => {
		const credential = demoCredential('sign-demo-standard-webhooks.json');
		const secret = String(credential.data.secret);
		let workflowId: string;
		let execution: Execution;

		beforeAll(async () => {
			workflowId = await importExample('sign-standard-webhooks.json', { [credential.id]: await createCredential(credential) });
			execution = await n8n.runManually(workflowId, manualTrigger);
		});

		it('signs both events and the Example Receiver accepts both (HTTP 200 with the message id)', () => {
			expect(execution.status).toBe('success');
			const [success, retry, failure] = nodeOutputs(execution, 'Send Outbound Message');
			expect([retry, failure]).toEqual([[], []]);
			expect(success.map((item) => [item.delivery.attempts.length, item.delivery.attempts[0].response.status])).toEqual([
				[1, 200],
				[1, 200],
			]);
			expect(success.map((item) => JSON.parse(item.delivery.attempts[0].response.body).received)).toEqual([
				'msg_INV-1001_invoice_paid',
				'msg_INV-1002_invoice_voided',
			]);
		});

		it('signs requests the official standardwebhooks library verifies with the demo secret', () => {
			const [signed] = nodeOutputs(execution, 'Sign Request');
			for (const item of signed) {
				expect(new Webhook(secret).verify(item.request.body, item.request.headers)).toEqual(JSON.parse(item.request.body));
			}
		});

		it('answers 401 with the reason when a signed body is changed on the way', async () => {
			const body = '{"type":"invoice.paid","invoiceId":"INV-1001","amount":"1280.50"}';
			const at = new Date();
			const headers = {
				'content-type': 'application/json',
				'webhook-id': 'msg_tampered',
				'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
				'webhook-signature': new Webhook(secret).sign('msg_tampered', at, body),
			};
			const reply = await postWebhook(n8n.baseUrl, 'sign-example-receiver', body.replace('1280.50', '9280.50'), headers);
			expect(reply.status).toBe(401);
			expect(JSON.parse(reply.body)).toEqual({ error: 'signature_mismatch', message: 'No signature in header webhook-signature matched' });
		});

		it('keeps the demo secret out of the execution data', () => {
			expect(leaks(execution, [secret, secret.slice('whsec_'.length)])).toEqual([]);
		});
	});

	describe('sign-jiandaoyun-each-attempt.json', () => {
		const credential = demoCredential('sign-demo-jiandaoyun.json');
		const secret = String(credential.data.secret);
		let workflowId: string;
		let execution: Execution;
		let delivery: Item;

		beforeAll(async () => {
			workflowId = await importExample('sign-jiandaoyun-each-attempt.json', { [credential.id]: await createCredential(credential) });
			execution = await n8n.runManually(workflowId, manualTrigger);
			delivery = nodeOutputs(execution, 'Send Outbound Message')[0][0]?.delivery;
		});

		it('retries through the 3-second outage and is delivered once the receiver answers success', () => {
			expect(execution.status).toBe('success');
			expect(delivery.status).toBe('succeeded');
			const statuses = delivery.attempts.map((attempt: Item) => attempt.response.status);
			expect(statuses.length).toBeGreaterThanOrEqual(2);
			expect(statuses).toEqual([...Array(statuses.length - 1).fill(503), 200]);
			expect(delivery.attempts.at(-1).response.body).toBe('success');
		});

		it('signs every attempt afresh: a new nonce each time, the same X-JDY-DeliverId', () => {
			const urls = delivery.attempts.map((attempt: Item) => new URL(attempt.request.url));
			const nonces = urls.map((url: URL) => url.searchParams.get('nonce'));
			expect(new Set(nonces).size).toBe(nonces.length);
			const deliverIds = delivery.attempts.map((attempt: Item) => attempt.request.headers['X-JDY-DeliverId']);
			expect(new Set(deliverIds)).toEqual(new Set([delivery.messageId]));
		});

		it('has every attempt verified as Valid by the receiver\'s Sign Request', async () => {
			const runs = await receiverRuns(workflowId, execution, delivery.attempts.length);
			expect(runs).toHaveLength(delivery.attempts.length);
			for (const run of runs) {
				const [valid, invalid] = nodeOutputs(run, 'Verify Signature');
				expect(invalid).toEqual([]);
				expect(valid.map((item) => [item.verification.valid, item.verification.deliveryId])).toEqual([[true, delivery.messageId]]);
			}
		});

		it('keeps the demo secret out of the execution data', () => {
			expect(leaks(execution, [secret])).toEqual([]);
		});
	});
});
