/**
 * Our triggers under n8n 2.41's default expression engine (`vm`, isolated-vm) with
 * N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true, the setting `npm start` uses (issue 15). This file starts
 * its OWN n8n with that setting and n8n's metrics on, and one Jiandaoyun Push Trigger → NoOp
 * workflow per typeVersion. n8n counts the expression isolates it takes
 * (`n8n_expression_pool_acquired_total`, about 100 ms of n8n CPU each here): a request to a
 * typeVersion 2 trigger takes none, one to typeVersion 1 takes one (n8n evaluates its
 * `$parameter["options"]["binaryData"]`). And who answers a malformed JSON body: in typeVersion 2
 * n8n parses it before the node runs and answers 422 in its own shape (no execution, an error line
 * in its log); in typeVersion 1, and in 2 for a body sent with a Content-Type n8n does not parse,
 * the trigger answers 400 with the reason.
 */
import fs from 'node:fs';

import { jiandaoyunPush, jiandaoyunSignature } from './senders';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { N8nInstance } = require('../n8n/instance.js');

jest.setTimeout(300_000);

const secret = 'jdy-lazy-isolate-secret';
const credential = { id: 'e2eLazyJdyCred1', name: 'e2e lazy Jiandaoyun secret', type: 'outboundSigningSecret', data: { scheme: 'jiandaoyun', secret } };

function workflow(typeVersion: 1 | 2) {
	const id = `e2eTrigLazyV${typeVersion}`;
	return {
		id,
		name: `e2e: Jiandaoyun Push Trigger v${typeVersion} under lazy isolate acquire → NoOp`,
		active: true,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: `7e2a0c5d-0150-4000-8000-00000000000${typeVersion}`,
				name: 'Jiandaoyun Push Trigger',
				type: 'n8n-nodes-outbound-messages.jiandaoyunPushTrigger',
				typeVersion,
				position: [0, 0],
				webhookId: `7e2a0c5d-0150-4000-8000-00000000f00${typeVersion}`,
				parameters: { path: `e2e-lazy-jdy-v${typeVersion}`, events: ['data_create'] },
				credentials: { outboundSigningSecret: { id: credential.id, name: credential.name } },
			},
			{ id: `7e2a0c5d-0150-4000-8000-00000000010${typeVersion}`, name: 'Received', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [240, 0], parameters: {} },
		],
		connections: { 'Jiandaoyun Push Trigger': { main: [[{ node: 'Received', type: 'main', index: 0 }]] } },
	};
}
const v1 = workflow(1);
const v2 = workflow(2);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
let n8n: any;

const record = (id: string) => ({ op: 'data_create', data: { _id: id, appId: 'app-1', entryId: 'entry-1', 名称: '报销单' }, send_time: '2026-12-03T08:00:00.000Z' });

async function post(pathAndQuery: string, headers: Record<string, string>, body: string) {
	const res = await fetch(`${n8n.baseUrl}/webhook/${pathAndQuery}`, { method: 'POST', headers, body });
	return { status: res.status, body: await res.text() };
}

/** A Jiandaoyun push of `body` as is (valid JSON or not), correctly signed over its bytes. */
function signedRaw(path: string, body: string, contentType = 'application/json') {
	const nonce = 'c0ffee01';
	const timestamp = String(Math.floor(Date.now() / 1000));
	return post(`${path}?nonce=${nonce}&timestamp=${timestamp}`, { 'content-type': contentType, 'X-JDY-Signature': jiandaoyunSignature(nonce, body, secret, timestamp), 'X-JDY-DeliverId': `raw-${Date.now()}` }, body);
}

/** Expression isolates n8n has taken from its pool since it started. */
async function isolatesTaken(): Promise<number> {
	const text = await (await fetch(`${n8n.baseUrl}/metrics`)).text();
	const line = text.split('\n').find((entry) => entry.startsWith('n8n_expression_pool_acquired_total'));
	return line === undefined ? 0 : Number(line.split(' ').pop());
}

async function executionCount(workflowId: string): Promise<number> {
	return (await n8n.executions(workflowId, { includeData: false })).length;
}

async function expectNoNewExecution(workflowId: string, before: number): Promise<void> {
	await new Promise((resolve) => setTimeout(resolve, 1000));
	expect(await executionCount(workflowId)).toBe(before);
}

function logText(): string {
	return fs.readFileSync(n8n.logFile, 'utf8');
}

beforeAll(async () => {
	n8n = new N8nInstance({ logs: 'file', env: { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true', N8N_METRICS: 'true' } });
	await n8n.installPackage();
	await n8n.importCredentials([credential]);
	await n8n.importWorkflows([v1, v2]);
	await n8n.start();
});

afterAll(async () => {
	await n8n?.stop();
	if (n8n && !process.env.E2E_KEEP) fs.rmSync(n8n.userFolder, { recursive: true, force: true });
});

describe('Jiandaoyun Push Trigger typeVersion 2 under N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true', () => {
	it('accepts a signed event: 200 "success", one execution with the event, no expression isolate taken', async () => {
		const before = await executionCount(v2.id);
		const taken = await isolatesTaken();
		const request = jiandaoyunPush('e2e-lazy-jdy-v2', record('lazy-accepted'), { secret, deliverId: 'lazy-accepted-1' });
		expect(await post(request.pathAndQuery, request.headers, request.body)).toEqual({ status: 200, body: 'success' });
		const [execution] = await n8n.waitForExecutions(v2.id, before + 1);
		expect(execution.status).toBe('success');
		expect(execution.data.resultData.runData.Received[0].data.main[0][0].json).toMatchObject({ op: 'data_create', data: { _id: 'lazy-accepted' } });
		expect(await isolatesTaken()).toBe(taken);
	});

	it('refuses a bad signature with our 401 and its reason, starts nothing, takes no isolate', async () => {
		const before = await executionCount(v2.id);
		const taken = await isolatesTaken();
		const request = jiandaoyunPush('e2e-lazy-jdy-v2', record('lazy-forged'), { secret: 'not-the-secret', deliverId: 'lazy-forged-1' });
		const reply = await post(request.pathAndQuery, request.headers, request.body);
		expect(reply.status).toBe(401);
		expect(JSON.parse(reply.body)).toEqual({ error: 'signature_mismatch', message: 'No signature in header X-JDY-Signature matched' });
		await expectNoNewExecution(v2.id, before);
		expect(await isolatesTaken()).toBe(taken);
	});

	it('typeVersion 1 answers the same bad signature the same way, but n8n takes an isolate for it', async () => {
		const before = await executionCount(v1.id);
		const taken = await isolatesTaken();
		const request = jiandaoyunPush('e2e-lazy-jdy-v1', record('lazy-forged'), { secret: 'not-the-secret', deliverId: 'lazy-forged-v1' });
		expect((await post(request.pathAndQuery, request.headers, request.body)).status).toBe(401);
		await expectNoNewExecution(v1.id, before);
		expect(await isolatesTaken()).toBe(taken + 1);
	});

	it('malformed JSON sent as application/json: n8n answers 422 in its own shape before the node runs; no execution', async () => {
		const before = await executionCount(v2.id);
		const logBefore = logText().length;
		const reply = await signedRaw('e2e-lazy-jdy-v2', '{"op": "data_create", "data": ');
		expect(reply.status).toBe(422);
		expect(JSON.parse(reply.body)).toEqual({ code: 422, message: 'Failed to parse request body', hint: expect.stringContaining('JSON') });
		await expectNoNewExecution(v2.id, before);
		// n8n logs each such request as an error.
		expect(logText().slice(logBefore)).toContain('Error in handling webhook request POST /webhook/e2e-lazy-jdy-v2: Failed to parse request body');
	});

	it('the same body to typeVersion 1: our 400 naming what is wrong; no execution', async () => {
		const before = await executionCount(v1.id);
		const reply = await signedRaw('e2e-lazy-jdy-v1', '{"op": "data_create", "data": ');
		expect(reply.status).toBe(400);
		expect(JSON.parse(reply.body)).toMatchObject({ error: 'malformed_json', message: expect.stringContaining('not valid JSON') });
		await expectNoNewExecution(v1.id, before);
	});

	// Why a new node is still typeVersion 1 (n8nDescription.ts triggerVersions): n8n's own body reader
	// answers a gzip body that does not inflate with a 5xx for typeVersion 2; typeVersion 1 gets the
	// body unread and answers it 400 in the sender's shape.
	it('a corrupt gzip body: typeVersion 2 gets n8n\'s 500, typeVersion 1 our 400; no execution either way', async () => {
		const before2 = await executionCount(v2.id);
		const before1 = await executionCount(v1.id);
		const corrupt = async (path: string) => {
			const res = await fetch(`${n8n.baseUrl}/webhook/${path}?nonce=c0ffee02&timestamp=${Math.floor(Date.now() / 1000)}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', 'X-JDY-Signature': 'x' },
				body: Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xde, 0xad, 0xbe, 0xef, 0x00, 0x03, 0x01, 0x02, 0x03]),
			});
			return { status: res.status, body: await res.text() };
		};
		const v2Reply = await corrupt('e2e-lazy-jdy-v2');
		expect(v2Reply.status).toBeGreaterThanOrEqual(500);
		const v1Reply = await corrupt('e2e-lazy-jdy-v1');
		expect(v1Reply.status).toBe(400);
		expect(JSON.parse(v1Reply.body)).toHaveProperty('error');
		await expectNoNewExecution(v2.id, before2);
		await expectNoNewExecution(v1.id, before1);
	});

	it('typeVersion 2, malformed JSON under a Content-Type n8n does not parse (application/octet-stream): our 400', async () => {
		const before = await executionCount(v2.id);
		const reply = await signedRaw('e2e-lazy-jdy-v2', '{"op": "data_create", "data": ', 'application/octet-stream');
		expect(reply.status).toBe(400);
		expect(JSON.parse(reply.body)).toMatchObject({ error: 'malformed_json', message: expect.stringContaining('not valid JSON') });
		await expectNoNewExecution(v2.id, before);
	});
});
