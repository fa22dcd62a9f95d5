/**
 * Test mode in a real n8n ("Execute step" on the trigger, or "Execute workflow" on the canvas, in
 * n8n 2.41.1's editor): the editor's run request registers the trigger's test
 * webhooks (`/webhook-test/<path>`); a GET there emits the sample event, a signed POST a real one,
 * and a refused request leaves the editor listening.
 */
import { type Execution, connectN8n, nodeOutputs } from '../harness/n8n';
import { jiandaoyunPush, send, standardWebhooksPost, withBodyChanged } from './senders';

const n8n = connectN8n();
jest.setTimeout(180_000);

/** test/e2e/credentials/trigger-jiandaoyun.json and trigger-standard-webhooks.json */
const jiandaoyunSecret = 'e2eJdyPushSecret77e14c8202a99a83';
const standardSecret = 'whsec_tEUisnvkS/qJj2p/dInQYCiM4jEDFF25';

/** What the editor does on "Execute step" for one trigger of a stored workflow. */
async function listen(workflowId: string, trigger: string): Promise<void> {
	const result = (await n8n.rest('POST', `/rest/workflows/${workflowId}/run`, { triggerToStartFrom: { name: trigger } })) as {
		waitingForWebhook?: boolean;
	};
	expect(result).toEqual({ waitingForWebhook: true });
}

/** The newest execution of the workflow in a mode, once there are more than `before` of that mode. */
async function newExecutionOfMode(workflowId: string, mode: 'manual' | 'webhook', before: number): Promise<Execution> {
	const started = Date.now();
	for (;;) {
		const runs = (await n8n.executions(workflowId, { includeData: false })).filter((execution) => execution.mode === mode);
		if (runs.length > before && (runs[0].finished || runs[0].status === 'success')) return await n8n.execution(runs[0].id);
		if (Date.now() - started > 30_000) throw new Error(`no new ${mode} execution of ${workflowId}`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

const newManualExecution = async (workflowId: string, before: number) => await newExecutionOfMode(workflowId, 'manual', before);

async function manualCount(workflowId: string): Promise<number> {
	return (await n8n.executions(workflowId, { includeData: false })).filter((execution) => execution.mode === 'manual').length;
}

async function testGet(path: string): Promise<{ status: number; body: string }> {
	const res = await fetch(`${n8n.baseUrl}/webhook-test/${path}`);
	return { status: res.status, body: await res.text() };
}

describe('Test mode (Execute step / Execute workflow)', () => {
	it('emits the sample of the first selected event for a GET on the Test URL (Jiandaoyun: one item per recipient)', async () => {
		const before = await manualCount('e2eTrigJdy1');
		await listen('e2eTrigJdy1', 'Jiandaoyun Push Trigger');
		expect(await testGet('e2e-trig-jdy')).toEqual({ status: 200, body: 'Sample event sent to the workflow editor.' });

		const [items] = nodeOutputs(await newManualExecution('e2eTrigJdy1', before), 'Jiandaoyun Push Trigger');
		expect(items.map((item) => item.data.to.length)).toEqual([1, 1, 1]);
		for (const item of items) {
			expect(item.op).toBe('flow_message');
			expect(item.data.flow_action).toBe('flow_forward');
			expect(item.event).toMatchObject({ source: 'jiandaoyun', type: 'flow_message', sample: true, verified: false, deliveryId: null });
		}
	});

	it('keeps listening after a refused request and runs the editor with the next signed push', async () => {
		const before = await manualCount('e2eTrigJdy1');
		await listen('e2eTrigJdy1', 'Jiandaoyun Push Trigger');
		const push = { op: 'data_update', data: { _id: '66a1f0c2e4b0d2a1c3f9e802', _widget_1432728651402: '事假' }, send_time: '2024-07-25T06:20:00.000Z' };
		const signed = jiandaoyunPush('e2e-trig-jdy', push, { secret: jiandaoyunSecret, deliverId: `e2e-test-mode-${Date.now()}` });
		const testUrl = `${n8n.baseUrl}/webhook-test/${signed.pathAndQuery}`;

		const refused = await fetch(testUrl, { method: 'POST', headers: signed.headers, body: withBodyChanged(signed, '事假', '病假').body });
		expect(refused.status).toBe(401);
		await refused.arrayBuffer();

		const accepted = await fetch(testUrl, { method: 'POST', headers: signed.headers, body: signed.body });
		expect([accepted.status, await accepted.text()]).toEqual([200, 'success']);
		const [items] = nodeOutputs(await newManualExecution('e2eTrigJdy1', before), 'Jiandaoyun Push Trigger');
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({ ...push, event: { type: 'data_update', verified: true } });
		expect(items[0].event).not.toHaveProperty('sample');
	});

	it('answers an OFS endpoint of the Test URL in the OFS shape (Unified Todo Trigger)', async () => {
		const before = await manualCount('e2eTrigOfs1');
		await listen('e2eTrigOfs1', 'Unified Todo Trigger');
		const body = { syscode: 'EC9', flowid: `20240725${Date.now() % 1_000_000}`, userid: 'lisi' };
		const signed = standardWebhooksPost('e2e-trig-ofs/rest/ofs/deleteUserRequestInfoByJson', body, { secret: standardSecret });
		const res = await fetch(`${n8n.baseUrl}/webhook-test/${signed.pathAndQuery}`, { method: 'POST', headers: signed.headers, body: signed.body });
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({ syscode: 'EC9', dataType: 'OfsTodoData', operType: 'AutoDel', operResult: '1', message: 'success' });
		const [items] = nodeOutputs(await newManualExecution('e2eTrigOfs1', before), 'Unified Todo Trigger');
		expect(items[0]).toMatchObject({ ...body, event: { source: 'ofs', type: 'deleteUser', verified: true } });
	});
});

describe('production next to a listening editor', () => {
	it('still answers production pushes and runs them in production mode', async () => {
		await listen('e2eTrigJdy1', 'Jiandaoyun Push Trigger');
		const before = (await n8n.executions('e2eTrigJdy1', { includeData: false })).filter((execution) => execution.mode === 'webhook').length;
		const push = { op: 'data_create', data: { _id: `prod-${Date.now()}` }, send_time: '2024-07-25T06:21:00.000Z' };
		const reply = await send(n8n, jiandaoyunPush('e2e-trig-jdy', push, { secret: jiandaoyunSecret, deliverId: `e2e-prod-${Date.now()}` }));
		expect(reply.status).toBe(200);
		const execution = await newExecutionOfMode('e2eTrigJdy1', 'webhook', before);
		expect(nodeOutputs(execution, 'Jiandaoyun Push Trigger')[0][0]).toMatchObject(push);
		// Stop listening: the GET emits the sample, which ends the test registration.
		expect((await testGet('e2e-trig-jdy')).status).toBe(200);
	});
});
