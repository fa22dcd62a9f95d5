/**
 * The trigger nodes' typeVersions (n8nDescription.ts triggerVersions): 1 keeps the body unparsed for
 * the node (an expression n8n reads on every request), 2 lets n8n parse it and reads no expression
 * in the webhook phase, so that with N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true n8n's default `vm`
 * engine takes no isolate for a request. Checked here with n8n-workflow 2.41's own helpers, the
 * ones n8n's webhook service and webhook-helpers.js call.
 */
import { createHash } from 'node:crypto';

import {
	NodeHelpers,
	nodeParametersAreStatic,
	resolveWebhookDescriptionField,
	webhookDescriptionIsNativelyResolvable,
	type INode,
	type INodeType,
} from 'n8n-workflow';

import { HesiApprovalEventTrigger } from '../../../../nodes/HesiApprovalEventTrigger/HesiApprovalEventTrigger.node';
import { HesiBusinessObjectTrigger } from '../../../../nodes/HesiBusinessObjectTrigger/HesiBusinessObjectTrigger.node';
import { HesiEbotTrigger } from '../../../../nodes/HesiEbotTrigger/HesiEbotTrigger.node';
import { HesiInternalMessageTrigger } from '../../../../nodes/HesiInternalMessageTrigger/HesiInternalMessageTrigger.node';
import { HesiLoanEventTrigger } from '../../../../nodes/HesiLoanEventTrigger/HesiLoanEventTrigger.node';
import { HesiMessageCenterTrigger } from '../../../../nodes/HesiMessageCenterTrigger/HesiMessageCenterTrigger.node';
import { JiandaoyunPushTrigger } from '../../../../nodes/JiandaoyunPushTrigger/JiandaoyunPushTrigger.node';
import { UnifiedTodoTrigger } from '../../../../nodes/UnifiedTodoTrigger/UnifiedTodoTrigger.node';
import { jiandaoyunSample } from '../../../../nodes/shared/events';
import { jiandaoyunSecret } from './fixtures';
import { emittedItems, startTriggerHarness, type TriggerHarness } from './webhookHarness';

const nodes: Array<[string, INodeType]> = [
	['Hesi Approval Event Trigger', new HesiApprovalEventTrigger()],
	['Hesi Business Object Trigger', new HesiBusinessObjectTrigger()],
	['Hesi EBot Trigger', new HesiEbotTrigger()],
	['Hesi Internal Message Trigger', new HesiInternalMessageTrigger()],
	['Hesi Loan Event Trigger', new HesiLoanEventTrigger()],
	['Hesi Message Center Trigger', new HesiMessageCenterTrigger()],
	['Jiandaoyun Push Trigger', new JiandaoyunPushTrigger()],
	['Unified Todo Trigger', new UnifiedTodoTrigger()],
];

/** The node as n8n's Workflow constructor builds it from stored parameters: defaults of its typeVersion applied. */
function workflowNode(node: INodeType, typeVersion: number, given: Record<string, unknown>): INode {
	const parameters = NodeHelpers.getNodeParameters(node.description.properties, given as never, true, false, { typeVersion }, node.description);
	return { id: 'n1', name: node.description.defaults.name ?? 'Trigger', type: node.description.name, typeVersion, position: [0, 0], parameters: parameters ?? {} };
}

describe('trigger typeVersions', () => {
	it.each(nodes)('%s: a new node is typeVersion 1 (every body answered by the trigger); 2 is loadable', (_name, node) => {
		expect(node.description).toMatchObject({ version: [1, 2], defaultVersion: 1 });
		// n8n evaluates `={{$parameter["options"]["binaryData"]}}` for typeVersion 1 only (webhook-helpers.js parseRequestBody).
		expect(workflowNode(node, 1, { path: 'p' }).parameters.options).toEqual({ binaryData: true });
		expect(workflowNode(node, 2, { path: 'p' }).parameters).not.toHaveProperty('options');
	});

	it.each(nodes)('%s, typeVersion 2: its POST and GET webhooks resolve every field without the expression engine', (_name, node) => {
		const workflow = workflowNode(node, 2, { path: 'orders-in' });
		// Stored parameters with no expression: the defaults of typeVersion 2 add none either.
		expect(nodeParametersAreStatic(workflow)).toBe(true);
		const [post, get] = node.description.webhooks ?? [];
		expect([post.name, get.name]).toEqual(['default', 'setup']);
		for (const webhook of [post, get]) {
			expect(webhookDescriptionIsNativelyResolvable(webhook)).toBe(true);
			expect(resolveWebhookDescriptionField(workflow, webhook, 'path')).toEqual({ resolved: true, value: 'orders-in' });
		}
		expect(resolveWebhookDescriptionField(workflow, post, 'responseCode')).toEqual({ resolved: true, value: 200 });
		expect(post).toMatchObject({ httpMethod: 'POST', responseMode: 'onReceived', isFullPath: true });
	});

	it('Unified Todo Trigger: its five OFS endpoint paths still need the engine (an empty Path falls back to the webhook id)', () => {
		const endpoints = (new UnifiedTodoTrigger().description.webhooks ?? []).slice(2);
		expect(endpoints).toHaveLength(5);
		for (const webhook of endpoints) expect(webhookDescriptionIsNativelyResolvable(webhook)).toBe(false);
	});

	it('a node parameter set by an expression makes n8n fall back to the engine for the description', () => {
		const node = new JiandaoyunPushTrigger();
		const workflow = workflowNode(node, 2, { path: '={{ "orders-in" }}' });
		expect(resolveWebhookDescriptionField(workflow, node.description.webhooks![0], 'path')).toEqual({ resolved: false });
	});
});

describe('typeVersion 2 with the body n8n parsed', () => {
	let harness: TriggerHarness | undefined;
	afterEach(async () => await harness?.close());

	/** A Jiandaoyun push signed over the exact text sent, here pretty-printed as some senders do. */
	function prettyPush(deliverId: string, secret = jiandaoyunSecret) {
		const body = JSON.stringify({ ...jiandaoyunSample('data_create'), note: 'spaced  out' }, null, 2);
		const timestamp = String(Math.floor(Date.now() / 1000));
		const nonce = 'a1b2c3d4';
		const signature = createHash('sha1').update(`${nonce}:${body}:${secret}:${timestamp}`, 'utf8').digest('hex');
		return { query: `?timestamp=${timestamp}&nonce=${nonce}`, headers: { 'x-jdy-signature': signature, 'x-jdy-deliverid': deliverId }, body };
	}

	it('verifies the bytes n8n kept in rawBody, not the parsed body, and emits what typeVersion 1 emits', async () => {
		const items: Record<number, unknown> = {};
		for (const typeVersion of [1, 2]) {
			harness = await startTriggerHarness(new JiandaoyunPushTrigger(), { typeVersion, n8nParsesBody: true, credentials: { secret: jiandaoyunSecret } });
			const call = await harness.send(prettyPush(`pretty-${typeVersion}`));
			expect(call).toMatchObject({ status: 200, body: 'success' });
			items[typeVersion] = emittedItems(call)?.map(({ event: _event, ...rest }) => rest);
			await harness.close();
			harness = undefined;
		}
		expect(items[2]).toEqual(items[1]);
		expect(items[2]).toEqual([expect.objectContaining({ op: 'data_create', note: 'spaced  out' })]);
	});

	it('refuses a bad signature with 401 and starts nothing', async () => {
		harness = await startTriggerHarness(new JiandaoyunPushTrigger(), { typeVersion: 2, n8nParsesBody: true, credentials: { secret: jiandaoyunSecret } });
		const call = await harness.send(prettyPush('bad-signature', 'not-the-secret'));
		expect(call.status).toBe(401);
		expect(call.result).toEqual({ noWebhookResponse: true });
	});
});
