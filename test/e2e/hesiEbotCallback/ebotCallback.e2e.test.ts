/**
 * examples/hesi-ebot-approval.json in a real n8n: Hesi EBot Trigger → IF on the amount → Hesi EBot
 * Callback accept / refuse, against a local fake of Hesi's token and approval endpoints
 * (test/fakes/hesi/ebotApi.ts). The example is created as it is; its demo Hesi API credential is
 * created with the fake's address and app key instead of Hesi's, so nothing leaves 127.0.0.1.
 */
import fs from 'node:fs';
import path from 'node:path';

import { type DemoCredential, examplesDir, loadDemoCredentials } from '../../examples/canvas';
import { type FakeHesi, startFakeHesi } from '../../fakes/hesi/ebotApi';
import { type Execution, connectN8n, nodeOutputs } from '../harness/n8n';
import { releaseWebhookPaths, unpublish } from '../harness/webhookPaths';
import { hesiHeaderPost, send, waitForTrigger } from '../triggers/senders';

const n8n = connectN8n();
jest.setTimeout(180_000);

const exampleFile = 'hesi-ebot-approval.json';
const manualTrigger = 'When clicking ‘Execute workflow’';
const appSecurity = 'e2e-app-security-3b7d90';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Item = Record<string, any>;

let hesi: FakeHesi;
let workflowId: string;
let signKey: string;
let triggerPath: string;

/** The example's demo credentials, the Hesi API one pointed at the fake. */
async function createCredentials(text: string): Promise<string> {
	for (const { credential } of loadDemoCredentials()) {
		if (!text.includes(`"${credential.id}"`)) continue;
		const data: DemoCredential['data'] =
			credential.type === 'hesiApi' ? { baseUrl: hesi.baseUrl, appKey: 'e2e-app-key', appSecurity } : credential.data;
		if (credential.type === 'outboundSigningSecret') signKey = String(credential.data.secret);
		const { id } = (await n8n.api('POST', '/credentials', { name: credential.name, type: credential.type, data })) as { id: string };
		text = text.split(`"${credential.id}"`).join(`"${id}"`);
	}
	return text;
}

function ebotMessage(amount: string): Item {
	return {
		flowId: `ID01e2e${Math.random().toString(36).slice(2, 10)}`,
		nodeId: 'FLOW:1171302470:1592882963',
		nodeName: 'EBot 预算校验',
		code: 'B24000123',
		title: '差旅报销-张三',
		expenseMoney: { currency: 'CNY', amount },
	};
}

/** Sends one EBot message as Hesi does (signKey header) and returns the execution it started. */
async function deliverEbot(message: Item): Promise<Execution> {
	const before = (await n8n.executions(workflowId, { includeData: false })).length;
	const reply = await send(n8n, hesiHeaderPost(triggerPath, message, { key: signKey }));
	expect(reply).toMatchObject({ status: 200, body: '{"code":"1"}' });
	const [execution] = await n8n.waitForExecutions(workflowId, before + 1);
	expect(execution.mode).toBe('webhook');
	return execution;
}

const approvalsFor = (flowId: string) => hesi.approvalRequests().filter((request) => request.body?.flowId === flowId);

beforeAll(async () => {
	const workflowText = fs.readFileSync(path.join(examplesDir, exampleFile), 'utf8');
	const probe = JSON.parse(workflowText) as { nodes: Item[] };
	triggerPath = probe.nodes.find((node) => node.type === 'n8n-nodes-outbound-messages.hesiEbotTrigger')?.parameters.path;
	// The fake accepts the signKey of the example's demo credential (the one its trigger checks).
	const demoSignKey = String(loadDemoCredentials().find(({ credential }) => workflowText.includes(`"${credential.id}"`) && credential.type === 'outboundSigningSecret')?.credential.data.secret);
	hesi = await startFakeHesi({ appKey: 'e2e-app-key', appSecurity, signKey: demoSignKey });
	const text = await createCredentials(workflowText);
	const { name, nodes, connections, settings } = JSON.parse(text) as { name: string; nodes: Item[]; connections: unknown; settings: unknown };
	workflowId = ((await n8n.api('POST', '/workflows', { name, nodes, connections, settings })) as { id: string }).id;
	await releaseWebhookPaths(n8n, nodes as Array<{ type: string; parameters?: Record<string, unknown> }>);
	await n8n.activate(workflowId);
	await waitForTrigger(n8n, triggerPath);
});

afterAll(async () => {
	if (workflowId) await unpublish(n8n, workflowId);
	await hesi?.close();
});

describe('Hesi EBot approval example in real n8n', () => {
	it('accepts a document within budget: Hesi receives accept with the flowId, nodeId, signKey and comment', async () => {
		const message = ebotMessage('1280.50');
		const execution = await deliverEbot(message);
		expect(execution.status).toBe('success');
		const [success, fallback, failure] = nodeOutputs(execution, 'Accept');
		expect([success.length, fallback.length, failure.length]).toEqual([1, 0, 0]);
		expect(success[0].ebot).toMatchObject({ action: 'accept', outcome: 'completed', appliedAction: 'accept', code: '204' });
		const [approval] = approvalsFor(message.flowId);
		expect(approval.body).toEqual({ signKey, flowId: message.flowId, nodeId: message.nodeId, action: 'accept', comment: '金额在预算内，n8n 自动通过' });
		expect(approval.query.accessToken).toMatch(/^fake-token-/);
		expect(hesi.tokenRequests()[0].body).toEqual({ appKey: 'e2e-app-key', appSecurity });
	});

	it('refuses a document over budget, back to the EBot node on resubmission', async () => {
		const message = ebotMessage('8600.00');
		const execution = await deliverEbot(message);
		const [success] = nodeOutputs(execution, 'Refuse');
		expect(success).toHaveLength(1);
		expect(approvalsFor(message.flowId).map((request) => request.body)).toEqual([
			{ signKey, flowId: message.flowId, nodeId: message.nodeId, action: 'refuse', comment: '金额超过 5000 元，请补充预算说明后重新提交', resubmitMethod: 'TO_REJECTOR' },
		]);
		// The token of the first execution was kept by this n8n process.
		expect(hesi.tokenRequests()).toHaveLength(1);
	});

	it('sends a 412 (the flow moved on) to Failure without retrying, and on to Ask Finance to Decide', async () => {
		hesi.scriptApprovals({ code: '412', message: '单据已不在此节点' });
		const message = ebotMessage('9999.00');
		const execution = await deliverEbot(message);
		const [success, fallback, failure] = nodeOutputs(execution, 'Refuse');
		expect([success.length, fallback.length, failure.length]).toEqual([0, 0, 1]);
		expect(failure[0].ebot).toMatchObject({ outcome: 'failed', appliedAction: null, code: '412' });
		expect(failure[0].ebot.message).toContain('"单据已不在此节点"');
		expect(failure[0].delivery).toMatchObject({ status: 'failed', reason: 'gone' });
		expect(approvalsFor(message.flowId)).toHaveLength(1);
		expect(nodeOutputs(execution, 'Ask Finance to Decide')[0]).toHaveLength(1);
	});

	it('keeps the signKey, the access token and the app security out of the saved executions', async () => {
		const executions = await n8n.executions(workflowId, { includeData: true });
		const saved = JSON.stringify(executions);
		expect(saved).toContain('accessToken=***');
		expect(saved).not.toContain(signKey);
		expect(saved).not.toContain(appSecurity);
		expect(saved).not.toMatch(/fake-token-/);
	});

	it("runs the example's sample branch: two messages, one accepted and one refused", async () => {
		const before = hesi.approvalRequests().length;
		const manual = await n8n.runManually(workflowId, manualTrigger);
		expect(manual.status).toBe('success');
		const [delivered] = nodeOutputs(manual, 'Send Like Hesi');
		expect(delivered).toHaveLength(2);
		for (let waited = 0; hesi.approvalRequests().length < before + 2 && waited < 30_000; waited += 200) {
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
		const actions = hesi
			.approvalRequests()
			.slice(before)
			.map((request) => [request.body?.flowId, request.body?.action]);
		expect(actions.sort((a, b) => String(a[1]).localeCompare(String(b[1])))).toEqual([
			[delivered[0].flowId, 'accept'],
			[delivered[1].flowId, 'refuse'],
		]);
	});
});

describe('Hesi API credential in real n8n', () => {
	/** What the editor's Test button sends for a credential being edited (n8n 2.41: POST /rest/credentials/test). */
	const testCredential = async (data: Record<string, unknown>) =>
		(await n8n.rest('POST', '/rest/credentials/test', { credentials: { id: '', name: 'Hesi API account', type: 'hesiApi', data } })) as { status: string; message: string };

	it('passes the Test button when the token endpoint gives a token', async () => {
		const before = hesi.tokenRequests().length;
		expect(await testCredential({ baseUrl: `${hesi.baseUrl}/`, appKey: 'e2e-app-key', appSecurity })).toMatchObject({ status: 'OK' });
		expect(hesi.tokenRequests().slice(before).map((request) => request.body)).toEqual([{ appKey: 'e2e-app-key', appSecurity }]);
	});

	it('fails the Test button, saying what to check, when Hesi gives no token', async () => {
		expect(await testCredential({ baseUrl: hesi.baseUrl, appKey: 'e2e-app-key', appSecurity: 'wrong' })).toEqual({
			status: 'Error',
			message: 'Hesi gave no access token: check App Key and App Security',
		});
	});
});
