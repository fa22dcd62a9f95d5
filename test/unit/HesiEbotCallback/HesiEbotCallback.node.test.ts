import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { HesiApi } from '../../../credentials/HesiApi.credentials';
import { HesiEbotCallback } from '../../../nodes/HesiEbotCallback/HesiEbotCallback.node';
import type { DeliveryRecord } from '../../../nodes/shared/delivery';
import { forgetAccessTokens } from '../../../nodes/shared/hesi';
import { hesiEbotSample } from '../../../nodes/shared/events';
import { type FakeHesi, startFakeHesi } from '../../fakes/hesi/ebotApi';
import { type FakeContextOptions, fakeExecuteContext, parametersWithDefaults } from '../fakeExecuteContext';

const node = new HesiEbotCallback();
const callbackNode = { name: 'Tell Hesi', type: 'n8n-nodes-outbound-messages.hesiEbotCallback' };
const signKey = 'ebot-sign-key-7d41a2c9';

let hesi: FakeHesi;

beforeEach(async () => {
	forgetAccessTokens();
	hesi = await startFakeHesi({ signKey });
});
afterEach(async () => await hesi.close());

/** The Hesi EBot Trigger's item: the sample it emits, with the `event` stamp it adds. */
function triggerItem(fields: Record<string, unknown> = {}): INodeExecutionData {
	return { json: { ...hesiEbotSample(), ...fields, event: { source: 'hesi', type: 'ebot.arrived', flowId: fields.flowId ?? 'ID01uJ2x8gHZ7N' } } };
}

/** Runs the node with its parameters at their defaults plus `stored`, n8n's expressions for the defaults resolved per item. */
async function run(stored: INodeParameters, items: INodeExecutionData[], options: Partial<FakeContextOptions> = {}) {
	const parameters = parametersWithDefaults(node.description, stored, 1);
	const fake = fakeExecuteContext({
		node: callbackNode,
		parameters,
		items,
		credentials: {
			hesiApi: { baseUrl: `${hesi.baseUrl}/`, appKey: 'fake-app-key', appSecurity: 'fake-app-security-9f2c' },
			outboundSigningSecret: { scheme: 'hesiSignKey', secret: signKey, hesiLocation: 'body', hesiFieldName: 'signKey' },
		},
		expressions: {
			'={{ $json.flowId }}': (item) => item.json.flowId,
			'={{ $json.nodeId }}': (item) => item.json.nodeId,
			...options.expressions,
		},
		...options,
	});
	const [success, fallback, failure] = await node.execute.call(fake.context);
	return { success, fallback, failure };
}

const delivery = (item: INodeExecutionData) => item.json.delivery as unknown as DeliveryRecord;

describe('Hesi EBot Callback node', () => {
	it('has outputs Success, Fallback and Failure, and the Hesi API credential', () => {
		expect(node.description.outputNames).toEqual(['Success', 'Fallback', 'Failure']);
		expect(node.description.credentials?.map((credential) => credential.name)).toEqual(['hesiApi', 'outboundSigningSecret']);
	});

	it("accepts with the flowId and nodeId of the Hesi EBot Trigger's item, by default", async () => {
		const { success } = await run({ operation: 'accept', comment: 'ok' }, [triggerItem()]);
		expect(success).toHaveLength(1);
		expect(hesi.approvalRequests()[0].body).toEqual({ signKey, flowId: 'ID01uJ2x8gHZ7N', nodeId: 'FLOW:1171302470:1592882963', action: 'accept', comment: 'ok' });
		expect(success[0].json).toMatchObject({ title: '3月北京出差报销', ebot: { outcome: 'completed', appliedAction: 'accept' } });
		expect(success[0].pairedItem).toEqual({ item: 0 });
	});

	it('refuses to a node with a resubmit method', async () => {
		await run({ operation: 'refuse', comment: '超预算', rejectTo: 'FLOW:1171302470:1592882960', resubmitMethod: 'TO_REJECTOR' }, [triggerItem()]);
		expect(hesi.approvalRequests()[0].body).toMatchObject({ action: 'refuse', comment: '超预算', rejectTo: 'FLOW:1171302470:1592882960', resubmitMethod: 'TO_REJECTOR' });
	});

	it('asks for one token for a batch and sends each item its own callback', async () => {
		const { success } = await run({ operation: 'accept' }, [triggerItem({ flowId: 'F1' }), triggerItem({ flowId: 'F2' }), triggerItem({ flowId: 'F3' })]);
		expect(success.map((item) => item.json.flowId)).toEqual(['F1', 'F2', 'F3']);
		expect(hesi.tokenRequests()).toHaveLength(1);
		expect(hesi.approvalRequests().map((request) => request.body?.flowId).sort()).toEqual(['F1', 'F2', 'F3']);
	});

	it('keeps the signKey and the token out of every output item', async () => {
		hesi.scriptApprovals({ code: '500' });
		const { failure } = await run({ operation: 'accept', retrySchedule: '' }, [triggerItem()]);
		const text = JSON.stringify(failure);
		expect(text).not.toContain(signKey);
		expect(text).not.toMatch(/fake-token-/);
		expect(delivery(failure[0]).attempts[0].request.url).toContain('accessToken=***');
	});

	it('fails only the item without a flowId, naming the node, the parameter label and the fix', async () => {
		const { success, failure } = await run({ operation: 'accept' }, [triggerItem({ flowId: 'F1' }), { json: { nodeId: 'FLOW:1' } }, triggerItem({ flowId: 'F3' })]);
		expect(success.map((item) => item.json.flowId)).toEqual(['F1', 'F3']);
		expect(failure).toHaveLength(1);
		expect(failure[0].pairedItem).toEqual({ item: 1 });
		expect(failure[0].json.error).toBe(
			"Tell Hesi (Hesi EBot Callback), item 1: \"Flow ID\" is empty: map the Hesi EBot Trigger's field (the default reads $json.flowId and $json.nodeId) or type the ID",
		);
		expect(hesi.approvalRequests()).toHaveLength(2);
	});

	it('fails an item whose Retry Schedule cannot be read, saying how to write one', async () => {
		const { failure } = await run({ operation: 'accept', retrySchedule: 'soon' }, [triggerItem()]);
		expect(failure[0].json.error).toMatch(/^Tell Hesi \(Hesi EBot Callback\), item 0: "Retry Schedule" is not readable: .*list waits such as "60s, 180s, 600s"/);
		expect(hesi.requests).toHaveLength(0);
	});

	it('takes the signKey from an item field when told to, and fails the item that has none', async () => {
		const { success, failure } = await run({ operation: 'accept', signKeyFrom: 'itemField', signKeyField: 'hesi.key' }, [
			{ json: { ...triggerItem().json, hesi: { key: signKey } } },
			triggerItem(),
		]);
		expect(success).toHaveLength(1);
		expect(failure[0].json.error).toContain('"Sign Key Field (hesi.key)" is empty: the item has no signKey in "hesi.key"');
	});

	it('stops with the credential named when the Outbound Signing Secret is not a Hesi signKey', async () => {
		const fakeOptions = {
			credentials: {
				hesiApi: { baseUrl: hesi.baseUrl, appKey: 'fake-app-key', appSecurity: 'fake-app-security-9f2c' },
				outboundSigningSecret: { scheme: 'standardWebhooks', secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' },
			},
		};
		await expect(run({ operation: 'accept' }, [triggerItem()], fakeOptions)).rejects.toThrow(/Scheme is not "Hesi signKey \(合思\)"/);
		const { failure } = await run({ operation: 'accept' }, [triggerItem()], { ...fakeOptions, continueOnFail: true });
		expect(failure[0].json.error).toMatch(/Outbound Signing Secret credential/);
	});

	it('routes a confirmed fallback to Fallback, with both records', async () => {
		hesi.scriptApprovals({ code: '500' });
		const { fallback } = await run({ operation: 'accept', retrySchedule: '', whenCallbackFails: 'refuse', fallbackComment: '自动驳回' }, [triggerItem()]);
		expect(fallback).toHaveLength(1);
		expect(fallback[0].json).toMatchObject({ ebot: { outcome: 'fallbackApplied', appliedAction: 'refuse' }, delivery: { status: 'failed' }, fallbackDelivery: { status: 'succeeded' } });
		expect(hesi.approvalRequests()[1].body).toMatchObject({ action: 'refuse', comment: '自动驳回' });
	});

	it('routes a 412 to Failure after one attempt, whatever the policy', async () => {
		hesi.scriptApprovals({ code: '412', message: '单据已流转' });
		const { failure } = await run({ operation: 'refuse', whenCallbackFails: 'accept' }, [triggerItem()]);
		expect(hesi.approvalRequests()).toHaveLength(1);
		expect(failure[0].json).toMatchObject({ ebot: { outcome: 'failed', code: '412' } });
		expect(String((failure[0].json.ebot as { message: string }).message)).toContain('"单据已流转"');
	});
});

describe('Hesi API credential', () => {
	const credential = new HesiApi();

	it('defaults the base URL to https://app.ekuaibao.com and hides the app security', () => {
		const fields = Object.fromEntries(credential.properties.map((property) => [property.name, property]));
		expect(fields.baseUrl.default).toBe('https://app.ekuaibao.com');
		expect(fields.appSecurity.typeOptions?.password).toBe(true);
	});

	it('is tested against the token endpoint and fails when no token comes back', () => {
		expect(credential.test.request).toMatchObject({ url: '/api/openapi/v1/auth/getAccessToken', method: 'POST' });
		expect(credential.test.rules?.[0]).toMatchObject({ type: 'responseSuccessBody', properties: { key: 'value.accessToken', value: undefined } });
	});
});
