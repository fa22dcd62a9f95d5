import { randomUUID } from 'node:crypto';
import net from 'node:net';
import zlib from 'node:zlib';

import { hesiApprovalSample, jiandaoyunSample, ofsTodoSample } from '../../../../nodes/shared/events';
import { HesiApprovalEventTrigger } from '../../../../nodes/HesiApprovalEventTrigger/HesiApprovalEventTrigger.node';
import { JiandaoyunPushTrigger } from '../../../../nodes/JiandaoyunPushTrigger/JiandaoyunPushTrigger.node';
import { UnifiedTodoTrigger } from '../../../../nodes/UnifiedTodoTrigger/UnifiedTodoTrigger.node';
import { deliveryDigest } from '../../../../nodes/shared/trigger/deliveryMemory';
import { savedCopyOf, storeDeliveries } from '../../../../nodes/shared/trigger/storedDeliveries';
import { jiandaoyunRequest, jiandaoyunSecret, standardSecret, standardWebhooksRequest } from './fixtures';
import { emittedItems, startTriggerHarness, type TriggerHarness } from './webhookHarness';

/** Sends a request built by the fixtures (signed for `now` = wall clock) through the harness. */
async function sendSigned(harness: TriggerHarness, request: ReturnType<typeof jiandaoyunRequest>) {
	const [, query] = request.url.split('?');
	return await harness.send({
		query: query ? `?${query}` : '',
		headers: Object.fromEntries(Object.entries(request.headers).map(([key, value]) => [key, String(value)])),
		body: request.body.toString('utf8'),
	});
}

describe('n8n webhook adapter', () => {
	let harness: TriggerHarness | undefined;
	afterEach(async () => await harness?.close());

	it('verifies the exact bytes n8n buffered in rawBody and answers success', async () => {
		harness = await startTriggerHarness(new JiandaoyunPushTrigger(), { credentials: { secret: jiandaoyunSecret } });
		const call = await sendSigned(harness, jiandaoyunRequest(jiandaoyunSample('data_create'), { at: Date.now() }));
		expect(call).toMatchObject({ status: 200, body: 'success', contentType: 'text/plain; charset=utf-8' });
		expect(emittedItems(call)?.[0]).toMatchObject({ op: 'data_create', event: { verified: true } });
	});

	it('hands an accepted event to n8n as items plus the body n8n answers with once the execution exists', async () => {
		harness = await startTriggerHarness(new JiandaoyunPushTrigger(), { credentials: { secret: jiandaoyunSecret } });
		const call = await sendSigned(harness, jiandaoyunRequest(jiandaoyunSample('data_create'), { at: Date.now() }));
		expect(call.result?.noWebhookResponse).toBeUndefined();
		expect(call.result?.webhookResponse).toBe('success');
		expect(call.result?.workflowData?.[0]).toHaveLength(1);
	});

	it('suppresses a repeat sent while the first request is still in flight', async () => {
		harness = await startTriggerHarness(new JiandaoyunPushTrigger(), { credentials: { secret: jiandaoyunSecret }, arriveTogether: 8 });
		const request = jiandaoyunRequest(jiandaoyunSample('data_create'), { at: Date.now(), deliverId: 'concurrent-1' });
		const calls = await Promise.all(Array.from({ length: 8 }, async () => await sendSigned(harness as TriggerHarness, request)));
		expect(calls.map((call) => call.status)).toEqual(Array(8).fill(200));
		expect(calls.filter((call) => emittedItems(call) !== undefined)).toHaveLength(1);
	});

	it('reads the stream itself when the server installed no raw-body reader', async () => {
		harness = await startTriggerHarness(new JiandaoyunPushTrigger(), { credentials: { secret: jiandaoyunSecret }, rawBodyReader: false });
		const call = await sendSigned(harness, jiandaoyunRequest(jiandaoyunSample('flow_message'), { at: Date.now() }));
		expect(call.status).toBe(200);
		expect(emittedItems(call)).toHaveLength(3);
	});

	it("answers a body over n8n's size limit with 413 in the sender's failure shape, and starts no execution", async () => {
		harness = await startTriggerHarness(new JiandaoyunPushTrigger(), { credentials: { secret: jiandaoyunSecret }, bodyLimitBytes: 1024 * 1024 });
		const call = await sendSigned(harness, jiandaoyunRequest({ ...jiandaoyunSample('data_create'), padding: 'x'.repeat(1024 * 1024) }, { at: Date.now() }));
		expect(call).toMatchObject({ status: 413, result: { noWebhookResponse: true } });
		expect(JSON.parse(call.body)).toEqual({
			error: 'payload_too_large',
			message: "The request body is larger than this n8n accepts (1 MiB); n8n's N8N_PAYLOAD_SIZE_MAX sets the limit",
		});
		expect(emittedItems(call)).toBeUndefined();
	});

	it('answers an oversized OFS push with 413 in the OFS answer shape', async () => {
		harness = await startTriggerHarness(new UnifiedTodoTrigger(), { bodyLimitBytes: 100 });
		const call = await harness.send({ name: 'ReceiveRequestInfoByJson', body: JSON.stringify(ofsTodoSample('todo')) });
		expect(call.status).toBe(413);
		expect(JSON.parse(call.body)).toMatchObject({ operResult: '0', message: expect.stringContaining('N8N_PAYLOAD_SIZE_MAX') });
	});

	describe('a body that cannot be read starts nothing', () => {
		// typeVersion 1, where the node reads the body itself; in 2, n8n reads a JSON body first and answers junk itself (n8nDescription.ts triggerVersions).
		const junk = Buffer.from('this is not compressed at all');

		it("answers a corrupt gzip body with 400 naming the reason in the sender's failure shape", async () => {
			harness = await startTriggerHarness(new HesiApprovalEventTrigger(), { typeVersion: 1, parameters: { signatureCheck: 'none' } });
			const call = await harness.send({ headers: { 'content-encoding': 'gzip' }, body: junk });
			expect(call).toMatchObject({ status: 400, result: { noWebhookResponse: true } });
			expect(call.error).toBeUndefined();
			expect(JSON.parse(call.body)).toEqual({
				error: 'unreadable_body',
				message: 'The request body could not be read: gzip: incorrect header check',
			});
		});

		it('answers a corrupt deflate body on an OFS endpoint with 400 in the OFS shape', async () => {
			harness = await startTriggerHarness(new UnifiedTodoTrigger(), { typeVersion: 1 });
			const call = await harness.send({ name: 'ReceiveRequestInfoByJson', headers: { 'content-encoding': 'deflate' }, body: junk });
			expect(call).toMatchObject({ status: 400, result: { noWebhookResponse: true } });
			expect(JSON.parse(call.body)).toEqual({
				syscode: '',
				dataType: 'OfsTodoData',
				operType: 'AutoNew',
				operResult: '0',
				message: 'The request body could not be read: deflate: incorrect header check',
			});
		});

		it('answers a gzip body cut short with 400', async () => {
			harness = await startTriggerHarness(new UnifiedTodoTrigger(), { typeVersion: 1 });
			const whole = zlib.gzipSync(JSON.stringify(ofsTodoSample('todo')));
			const call = await harness.send({ name: 'ReceiveRequestInfoByJson', headers: { 'content-encoding': 'gzip' }, body: whole.subarray(0, whole.length - 12) });
			expect(call.status).toBe(400);
			expect(JSON.parse(call.body)).toMatchObject({ operResult: '0', message: 'The request body could not be read: gzip: unexpected end of file' });
			expect(emittedItems(call)).toBeUndefined();
		});

		it('still accepts a well-formed gzip body (n8n decodes it)', async () => {
			harness = await startTriggerHarness(new UnifiedTodoTrigger(), { typeVersion: 1 });
			const body = zlib.gzipSync(JSON.stringify(ofsTodoSample('todo')));
			const call = await harness.send({ name: 'ReceiveRequestInfoByJson', headers: { 'content-encoding': 'gzip' }, body });
			expect(call.status).toBe(200);
			expect(emittedItems(call)).toHaveLength(1);
		});

		it('returns quietly, with no execution and no error, when the sender disconnects mid-body', async () => {
			harness = await startTriggerHarness(new UnifiedTodoTrigger(), { typeVersion: 1 });
			const { port } = new URL(harness.url);
			const socket = net.connect(Number(port), '127.0.0.1');
			socket.on('error', () => undefined);
			socket.write(
				'POST /ReceiveRequestInfoByJson HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
					'Content-Length: 1000\r\nx-harness-call: cut-1\r\n\r\n{"syscode":"EC9",',
			);
			setTimeout(() => socket.destroy(), 100);
			const outcome = await harness.outcomeOf('cut-1');
			expect(outcome.error).toBeUndefined();
			expect(outcome.result).toEqual({ noWebhookResponse: true });
		});
	});

	it('answers 401 and starts no execution when the signature does not match', async () => {
		harness = await startTriggerHarness(new JiandaoyunPushTrigger(), { credentials: { secret: 'another-secret' } });
		const call = await sendSigned(harness, jiandaoyunRequest(jiandaoyunSample('data_create'), { at: Date.now() }));
		expect(call.status).toBe(401);
		expect(call.result).toEqual({ noWebhookResponse: true });
	});

	it('remembers an accepted delivery in the node static data and suppresses its repeat', async () => {
		harness = await startTriggerHarness(new JiandaoyunPushTrigger(), { credentials: { secret: jiandaoyunSecret } });
		const request = jiandaoyunRequest(jiandaoyunSample('data_update'), { at: Date.now(), deliverId: 'deliver-42' });
		expect(emittedItems(await sendSigned(harness, request))).toHaveLength(1);
		expect([...(savedCopyOf(harness.staticData.deliveries)?.keys() ?? [])]).toEqual([[deliveryDigest('deliver-42'), expect.any(Number)]]);
		const repeat = await sendSigned(harness, request);
		expect(repeat).toMatchObject({ status: 200, body: 'success', result: { noWebhookResponse: true } });
		expect(repeat.result?.workflowData).toBeUndefined();
		expect(emittedItems(repeat)).toBeUndefined();
	});

	it('honours deliveries an earlier version saved in the static data and saves them in the new format', async () => {
		const expiresAt = Math.floor(Date.now() / 1000) + 3600;
		harness = await startTriggerHarness(new JiandaoyunPushTrigger(), {
			credentials: { secret: jiandaoyunSecret },
			staticData: { deliveries: { [deliveryDigest('deliver-old')]: expiresAt } },
		});
		const repeat = await sendSigned(harness, jiandaoyunRequest(jiandaoyunSample('data_update'), { at: Date.now(), deliverId: 'deliver-old' }));
		expect(repeat).toMatchObject({ status: 200, body: 'success', result: { noWebhookResponse: true } });
		expect(emittedItems(await sendSigned(harness, jiandaoyunRequest(jiandaoyunSample('data_update'), { at: Date.now(), deliverId: 'deliver-new' })))).toHaveLength(1);
		expect(harness.staticData.deliveries).toMatchObject({ version: 2 });
		const saved = [...(savedCopyOf(harness.staticData.deliveries)?.keys() ?? [])];
		expect(saved).toEqual([
			[deliveryDigest('deliver-old'), expiresAt],
			[deliveryDigest('deliver-new'), expect.any(Number)],
		]);
	});

	it('remembers accepted deliveries across a restart, although n8n 2.41.1 drops the static data written while accepting', async () => {
		/** The node from a fresh copy of the package's modules: a restarted n8n process (empty memory). */
		const restartedNode = (): UnifiedTodoTrigger => {
			let node: UnifiedTodoTrigger | undefined;
			jest.isolateModules(() => {
				// eslint-disable-next-line @typescript-eslint/no-require-imports
				const fresh = require('../../../../nodes/UnifiedTodoTrigger/UnifiedTodoTrigger.node') as { UnifiedTodoTrigger: new () => UnifiedTodoTrigger };
				node = new fresh.UnifiedTodoTrigger();
			});
			return node as UnifiedTodoTrigger;
		};
		const workflowId = randomUUID();
		const pushes = ['A', 'B'].map((flowid) => JSON.stringify({ ...ofsTodoSample('todo'), flowid }));
		const first = await startTriggerHarness(restartedNode(), { workflowId, staticDataOfRuns: 'dropped' });
		for (const body of pushes) expect(emittedItems(await first.send({ name: 'ReceiveRequestInfoByJson', body }))).toHaveLength(1);
		const saved = first.staticData;
		await first.close();

		harness = await startTriggerHarness(restartedNode(), { workflowId, staticData: saved, staticDataOfRuns: 'dropped' });
		for (const body of pushes) {
			const call = await harness.send({ name: 'ReceiveRequestInfoByJson', body });
			expect(call.status).toBe(200);
			expect(JSON.parse(call.body)).toMatchObject({ operResult: '1', message: 'Received; this delivery was already received' });
			expect(emittedItems(call)).toBeUndefined();
		}
	});

	it('honours a delivery another process saved in the static data', async () => {
		const saved = storeDeliveries([[deliveryDigest('deliver-elsewhere'), Math.floor(Date.now() / 1000) + 3600]], { writer: 'other-process', revision: 12 });
		harness = await startTriggerHarness(new JiandaoyunPushTrigger(), { credentials: { secret: jiandaoyunSecret }, staticData: { deliveries: saved } });
		const repeat = await sendSigned(harness, jiandaoyunRequest(jiandaoyunSample('data_update'), { at: Date.now(), deliverId: 'deliver-elsewhere' }));
		expect(repeat).toMatchObject({ status: 200, body: 'success', result: { noWebhookResponse: true } });
	});

	it('verifies Standard Webhooks signatures with the scheme of the credential', async () => {
		harness = await startTriggerHarness(new HesiApprovalEventTrigger(), {
			parameters: { signatureCheck: 'credential' },
			credentials: { scheme: 'standardWebhooks', secret: standardSecret },
		});
		const call = await sendSigned(harness, standardWebhooksRequest(hesiApprovalSample('flow.paid'), { at: Date.now() }));
		expect(call).toMatchObject({ status: 200, body: '{"code":"1"}', contentType: 'application/json; charset=utf-8' });
		expect(emittedItems(call)?.[0]).toMatchObject({ action: 'flow.paid', event: { verified: true, deliveryId: 'msg_2hKZ1fD7v3Qm8pWn0sXy4Tb6' } });
	});

	it('checks a Hesi signKey sent in the body and keeps it out of the items', async () => {
		harness = await startTriggerHarness(new HesiApprovalEventTrigger(), {
			parameters: { signatureCheck: 'credential' },
			credentials: { scheme: 'hesiSignKey', secret: 'hesi-shared-key', hesiLocation: 'body' },
		});
		const call = await harness.send({ body: JSON.stringify({ ...hesiApprovalSample('flow.paid'), signKey: 'hesi-shared-key' }) });
		expect(call.status).toBe(200);
		expect(emittedItems(call)?.[0]).toMatchObject({ action: 'flow.paid', event: { verified: true } });
		expect(emittedItems(call)?.[0]).not.toHaveProperty('signKey');
		const wrong = await harness.send({ body: JSON.stringify({ ...hesiApprovalSample('flow.paid'), signKey: 'guess' }) });
		expect(wrong.status).toBe(401);
	});

	it('answers malformed JSON with 400 when the Hesi signKey is expected in the body', async () => {
		harness = await startTriggerHarness(new HesiApprovalEventTrigger(), {
			parameters: { signatureCheck: 'credential' },
			credentials: { scheme: 'hesiSignKey', secret: 'hesi-shared-key', hesiLocation: 'body' },
		});
		const call = await harness.send({ body: '{"signKey":"hesi-shared-key","flowId":' });
		expect(call.status).toBe(400);
		expect(JSON.parse(call.body)).toMatchObject({ error: 'malformed_json' });
		expect(call.result).toEqual({ noWebhookResponse: true });
	});

	it('answers malformed JSON with 400 when the Feishu signature is expected in the body', async () => {
		harness = await startTriggerHarness(new HesiApprovalEventTrigger(), {
			parameters: { signatureCheck: 'credential' },
			credentials: { scheme: 'feishu', secret: 'feishu-bot-secret' },
		});
		const call = await harness.send({ body: '{"timestamp":"1717205400","sign":' });
		expect(call.status).toBe(400);
		expect(JSON.parse(call.body)).toMatchObject({ error: 'malformed_json' });
	});

	it('answers a body that is not JSON with 401 when the signKey is expected in a header and missing', async () => {
		harness = await startTriggerHarness(new HesiApprovalEventTrigger(), {
			parameters: { signatureCheck: 'credential' },
			credentials: { scheme: 'hesiSignKey', secret: 'hesi-shared-key', hesiLocation: 'header' },
		});
		const call = await harness.send({ body: '{"flowId":' });
		expect(call.status).toBe(401);
	});

	it('answers 503 with a message naming the field when the credential is incomplete, starting nothing', async () => {
		harness = await startTriggerHarness(new HesiApprovalEventTrigger(), {
			parameters: { signatureCheck: 'credential' },
			credentials: { scheme: 'standardWebhooks', secret: '' },
		});
		const call = await harness.send({ body: JSON.stringify(hesiApprovalSample()) });
		expect(call.status).toBe(503);
		expect(JSON.parse(call.body)).toMatchObject({ error: 'not_configured', message: expect.stringMatching(/"Secret" is empty/) });
		expect(call.result).toEqual({ noWebhookResponse: true });
	});

	it('emits the sample event for a GET in test mode', async () => {
		harness = await startTriggerHarness(new HesiApprovalEventTrigger(), { mode: 'manual', parameters: { events: ['freeflow.comment'] } });
		const call = await harness.send({ method: 'GET', name: 'setup' });
		expect(call.status).toBe(200);
		expect(emittedItems(call)?.[0]).toMatchObject({ action: 'freeflow.comment', event: { sample: true } });
	});

	it('does not suppress a repeated delivery in test mode, so a re-sent sample reaches the editor every time', async () => {
		harness = await startTriggerHarness(new JiandaoyunPushTrigger(), { mode: 'manual', credentials: { secret: jiandaoyunSecret } });
		const request = jiandaoyunRequest(jiandaoyunSample('data_update'), { at: Date.now(), deliverId: 'deliver-test-1' });
		expect(emittedItems(await sendSigned(harness, request))).toHaveLength(1);
		expect(emittedItems(await sendSigned(harness, request))).toHaveLength(1);
		expect(harness.staticData.deliveries).toBeUndefined();
	});

	it('answers a GET in production with a note and starts no execution', async () => {
		harness = await startTriggerHarness(new HesiApprovalEventTrigger());
		const call = await harness.send({ method: 'GET', name: 'setup' });
		expect(call).toMatchObject({ status: 200, body: 'This URL receives Hesi events by POST.', result: { noWebhookResponse: true } });
	});

	it('applies the configured response code and body', async () => {
		harness = await startTriggerHarness(new HesiApprovalEventTrigger(), { parameters: { signatureCheck: 'none', triggerOptions: { responseCode: 201, responseBody: 'OK' } } });
		const call = await harness.send({ body: JSON.stringify(hesiApprovalSample()) });
		expect(call).toMatchObject({ status: 201, body: 'OK', contentType: 'text/plain; charset=utf-8' });
	});

	it('answers 204 without a body', async () => {
		harness = await startTriggerHarness(new HesiApprovalEventTrigger(), { parameters: { signatureCheck: 'none', triggerOptions: { responseCode: 204 } } });
		const call = await harness.send({ body: JSON.stringify(hesiApprovalSample()) });
		expect(call).toMatchObject({ status: 204, body: '' });
		expect(emittedItems(call)).toHaveLength(1);
	});

	it('answers malformed JSON with 400 and the parser message', async () => {
		harness = await startTriggerHarness(new HesiApprovalEventTrigger(), { parameters: { signatureCheck: 'none' } });
		const call = await harness.send({ body: '{"action":' });
		expect(call.status).toBe(400);
		expect(JSON.parse(call.body)).toMatchObject({ error: 'malformed_json' });
		expect(call.result).toEqual({ noWebhookResponse: true });
	});
});

describe('a signature check whose credential is missing or unusable', () => {
	let harness: TriggerHarness | undefined;
	afterEach(async () => await harness?.close());

	it('answers 503 in the sender\'s failure shape, naming the missing credential by its label, and starts nothing (a Hesi trigger at its defaults, imported without credentials)', async () => {
		const logs: string[] = [];
		harness = await startTriggerHarness(new HesiApprovalEventTrigger(), { logs, defaultHeaders: { signKey: 'some-key' } });
		const call = await harness.send({ body: JSON.stringify(hesiApprovalSample('flow.rejected')) });
		expect(call.error).toBeUndefined();
		expect(call.status).toBe(503);
		expect(call.contentType).toBe('application/json; charset=utf-8');
		const answer = JSON.parse(call.body) as { error: string; message: string };
		expect(answer.error).toBe('not_configured');
		expect(answer.message).toContain('Signature Check is Hesi signKey');
		expect(answer.message).toContain('Credential for Outbound Signing Secret');
		// n8n's own words (which can carry a credential id) go to n8n's log only.
		expect(answer.message).not.toContain('Node does not have any credentials set');
		expect(call.result).toEqual({ noWebhookResponse: true });
		expect(logs.filter((line) => line.startsWith('warn: '))).toEqual([
			expect.stringMatching(/^warn: Hesi Approval Event Trigger: .*Credential for Outbound Signing Secret.*\(Node does not have any credentials set\)$/),
		]);
	});

	it('warns in n8n\'s log at most once a minute per node, however many requests arrive', async () => {
		const logs: string[] = [];
		harness = await startTriggerHarness(new HesiApprovalEventTrigger(), { logs });
		for (let i = 0; i < 5; i++) expect((await harness.send({ body: JSON.stringify(hesiApprovalSample('flow.paid')) })).status).toBe(503);
		expect(logs.filter((line) => line.startsWith('warn: '))).toHaveLength(1);
	});

	it('answers the Unified Todo Trigger\'s sender in the OFS shape (operResult "0")', async () => {
		harness = await startTriggerHarness(new UnifiedTodoTrigger(), { parameters: { signatureCheck: 'credential' } });
		const call = await harness.send({ name: 'ReceiveRequestInfoByJson', body: JSON.stringify(ofsTodoSample('todo')) });
		expect(call.status).toBe(503);
		expect(JSON.parse(call.body)).toMatchObject({ operResult: '0', message: expect.stringContaining('Credential for Outbound Signing Secret') });
		expect(call.result).toEqual({ noWebhookResponse: true });
	});

	it('treats a selected credential that cannot be used (no Secret) the same way: 503, no execution', async () => {
		harness = await startTriggerHarness(new JiandaoyunPushTrigger(), { credentials: { scheme: 'jiandaoyun', secret: '' } });
		const call = await sendSigned(harness, jiandaoyunRequest(jiandaoyunSample('data_create'), { at: Date.now() }));
		expect(call.error).toBeUndefined();
		expect(call.status).toBe(503);
		expect(JSON.parse(call.body)).toMatchObject({ error: 'not_configured' });
		expect(call.result).toEqual({ noWebhookResponse: true });
	});

	it('still reads and refuses an unreadable body with 400 first', async () => {
		harness = await startTriggerHarness(new HesiApprovalEventTrigger());
		const call = await harness.send({ headers: { 'content-encoding': 'gzip' }, body: 'not gzip' });
		expect(call.status).toBe(400);
		expect(JSON.parse(call.body)).toMatchObject({ error: 'unreadable_body' });
	});
});

describe('an accepted delivery n8n could not start', () => {
	let harness: TriggerHarness | undefined;
	afterEach(async () => await harness?.close());

	it('is forgotten when the connection closes before n8n answered (n8n stopped or killed): the sender\'s retry runs, once', async () => {
		harness = await startTriggerHarness(new UnifiedTodoTrigger(), { dropConnectionOf: [1] });
		const push = { name: 'ReceiveRequestInfoByJson', body: JSON.stringify(ofsTodoSample('todo')) };
		await expect(harness.send(push)).rejects.toThrow();
		const retry = await harness.send(push);
		expect(retry.status).toBe(200);
		expect(emittedItems(retry)).toHaveLength(1);
		const again = await harness.send(push);
		expect(JSON.parse(again.body)).toMatchObject({ message: expect.stringContaining('already received') });
		expect(emittedItems(again)).toBeUndefined();
	});

	it('is forgotten when n8n answers a failure instead of the success (e.g. 500 while shutting down): the sender\'s retry runs, once', async () => {
		harness = await startTriggerHarness(new UnifiedTodoTrigger(), { failExecutionStartOf: [1] });
		const push = { name: 'ReceiveRequestInfoByJson', body: JSON.stringify(ofsTodoSample('todo')) };
		const first = await harness.send(push);
		expect(first.status).toBe(500);
		const retry = await harness.send(push);
		expect(retry.status).toBe(200);
		expect(emittedItems(retry)).toHaveLength(1);
		const again = await harness.send(push);
		expect(again.status).toBe(200);
		expect(JSON.parse(again.body)).toMatchObject({ message: expect.stringContaining('already received') });
		expect(emittedItems(again)).toBeUndefined();
	});
});
