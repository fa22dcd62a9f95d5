/**
 * Format Fields → (Sign Request →) Send Outbound Message with every parameter at its default but
 * the ones a user must fill in (the fields, the URL, the credential): the target must get exactly
 * the formatted body, and the delivery record must say what was sent and where it came from.
 * Defaults come from the nodes' own descriptions, completed by n8n's NodeHelpers as when a workflow
 * runs (issue 11, item 1). The same chains run in a real n8n in test/e2e/sendOutboundMessage/defaults.
 */
import { createHash } from 'node:crypto';

import type { IDataObject, INodeExecutionData, INodeParameters, INodeType } from 'n8n-workflow';
import { Webhook } from 'standardwebhooks';

import { FormatFields } from '../../../nodes/FormatFields/FormatFields.node';
import { SendOutboundMessage } from '../../../nodes/SendOutboundMessage/SendOutboundMessage.node';
import { SignRequest } from '../../../nodes/SignRequest/SignRequest.node';
import type { DeliveryRecord } from '../../../nodes/shared/delivery';
import { fakeExecuteContext, parametersWithDefaults } from '../fakeExecuteContext';
import { type LocalTarget, answer, startTarget } from '../shared/delivery/localTarget';

const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

/** The only Format Fields setting a user must make: the fields. */
const orderFields: INodeParameters = {
	fields: {
		field: [
			{ name: 'orderId', type: 'text', value: '={{ $json.orderId }}' },
			{ name: 'amount', type: 'money', value: '={{ $json.amount }}' },
			{ name: 'paidAt', type: 'date', value: '={{ $json.paidAt }}' },
		],
	},
};

const expressions = {
	'={{ $json.orderId }}': (item: INodeExecutionData) => item.json.orderId,
	'={{ $json.amount }}': (item: INodeExecutionData) => item.json.amount,
	'={{ $json.paidAt }}': (item: INodeExecutionData) => item.json.paidAt,
};

const orders: INodeExecutionData[] = [
	{ json: { orderId: 'A-1', amount: '10.5', paidAt: '2026-12-01T08:00:00Z', customer: '张三' } },
	{ json: { orderId: 'A-2', amount: 3, paidAt: '2026-12-02T09:30:00Z', customer: '李四' } },
];

async function runNode(
	nodeType: INodeType,
	typeVersion: number,
	stored: INodeParameters,
	items: INodeExecutionData[],
	credentials?: Record<string, Record<string, unknown>>,
): Promise<INodeExecutionData[][]> {
	const { description } = nodeType;
	const { context } = fakeExecuteContext({
		node: { name: description.defaults.name as string, type: `n8n-nodes-outbound-messages.${description.name}` },
		typeVersion,
		parameters: parametersWithDefaults(description, stored, typeVersion),
		items,
		expressions,
		credentials,
		timezone: 'Asia/Shanghai',
	});
	return (await nodeType.execute!.call(context)) as INodeExecutionData[][];
}

const record = (item: INodeExecutionData) => item.json.delivery as unknown as DeliveryRecord;

const pick = ({ body, truncated, bodyBytes, bodySha256 }: { body: unknown; truncated: unknown; bodyBytes: unknown; bodySha256: unknown }) => ({
	body,
	truncated,
	bodyBytes,
	bodySha256,
});

describe('Format Fields → (Sign Request →) Send Outbound Message at their defaults', () => {
	let target: LocalTarget;

	beforeEach(async () => {
		target = await startTarget((_call, res) => answer(res, 200, { received: true }));
	});

	afterEach(async () => await target.close());

	it('delivers exactly the formatted body, and the record shows it came from the ready request', async () => {
		const [formatted] = await runNode(new FormatFields(), 2, orderFields, orders);
		const [success, retry, failure] = await runNode(new SendOutboundMessage(), 1, { url: `${target.url}/orders` }, formatted);

		expect([success.length, retry.length, failure.length]).toEqual([2, 0, 0]);
		const bodies = formatted.map((item) => JSON.stringify(item.json.body));
		expect(bodies[0]).toBe('{"orderId":"A-1","amount":{"currency":"CNY","amount":"10.50"},"paidAt":1796112000000}');
		expect(target.calls.map((call) => call.body.toString('utf8'))).toEqual(bodies);
		expect(target.calls.map((call) => [call.method, call.headers['content-type']])).toEqual([
			['POST', 'application/json'],
			['POST', 'application/json'],
		]);
		// The item carries its body (request.body): the record keeps its length and the hash of the bytes the target got.
		const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
		expect(success.map((item) => [record(item).bodyFrom, pick(record(item).attempts[0].request)])).toEqual([
			['request', { body: null, truncated: true, bodyBytes: target.calls[0].body.length, bodySha256: sha256(target.calls[0].body) }],
			['request', { body: null, truncated: true, bodyBytes: target.calls[1].body.length, bodySha256: sha256(target.calls[1].body) }],
		]);
	});

	it('signs exactly the bytes Send Outbound Message sends, so the official library verifies what the target got', async () => {
		const credentials = { outboundSigningSecret: { scheme: 'standardWebhooks', secret, previousSecrets: '' } };
		const [formatted] = await runNode(new FormatFields(), 2, orderFields, orders);
		const [signed, unsigned] = await runNode(new SignRequest(), 2, {}, formatted, credentials);
		expect(unsigned).toEqual([]);
		const [success] = await runNode(new SendOutboundMessage(), 1, { url: `${target.url}/orders` }, signed);

		expect(success).toHaveLength(2);
		target.calls.forEach((call, index) => {
			expect(call.body.toString('utf8')).toBe(JSON.stringify(formatted[index].json.body));
			const headers = Object.fromEntries(Object.entries(call.headers).map(([name, value]) => [name, String(value)]));
			expect(new Webhook(secret).verify(call.body.toString('utf8'), headers)).toEqual(formatted[index].json.body);
		});
		expect(success.map((item) => record(item).bodyFrom)).toEqual(['request', 'request']);
	});

	it("leaves the method to Send Outbound Message: the ready request names none unless Format Fields' Request Method is set", async () => {
		const [formatted] = await runNode(new FormatFields(), 2, orderFields, orders.slice(0, 1));
		expect(formatted[0].json.request).toEqual({ headers: { 'content-type': 'application/json' }, body: JSON.stringify(formatted[0].json.body) });
		await runNode(new SendOutboundMessage(), 1, { url: target.url, method: 'PUT' }, formatted);
		expect(target.calls[0].method).toBe('PUT');
	});

	it('keeps version 1 of Format Fields as saved workflows have it: no ready request, so Send sends the whole item', async () => {
		const [formatted] = await runNode(new FormatFields(), 1, orderFields, orders.slice(0, 1));
		expect(formatted[0].json.request).toBeUndefined();
		const [success] = await runNode(new SendOutboundMessage(), 1, { url: target.url }, formatted);
		expect(target.calls[0].body.toString('utf8')).toBe(JSON.stringify({ body: formatted[0].json.body as IDataObject }));
		expect(record(success[0]).bodyFrom).toBe('wholeItem');
	});
});
