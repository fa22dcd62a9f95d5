/**
 * Issue 11, item 1, in a real n8n: Format Fields → Send Outbound Message and Format Fields → Sign
 * Request → Send Outbound Message, with every parameter at its default but the ones a user must
 * fill in (the fields, Send's URL, Sign's credential). The workflow stores nothing else, so n8n
 * itself supplies every default, for the node versions it adds today.
 * Workflow: test/e2e/workflows/body-defaults.json.
 */
import { createHash } from 'node:crypto';

import { Webhook } from 'standardwebhooks';

import { type Execution, type ReceivedRequest, type TargetServer, connectN8n, nodeOutputs, startTarget } from '../harness/n8n';
import { loadCredential } from '../harness/workflows';

const n8n = connectN8n();
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

// Jest reads testTimeout only from the global config, not from the e2e project's entry.
jest.setTimeout(180_000);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Item = Record<string, any>;

const secret = String(loadCredential('e2eSignSwCred1').data.secret);

/** What Format Fields makes of the Orders node's items (the money and dates in seed 000's shapes). */
const formattedBodies = [
	'{"orderId":"A-1","amount":{"currency":"CNY","amount":"10.50"},"paidAt":1796112000000,"customer":{"name":"张三"},"note":"café ✓ \\"quoted\\""}',
	'{"orderId":"A-2","amount":{"currency":"CNY","amount":"3.00"},"paidAt":1796203800250,"customer":{"name":"李四"},"note":""}',
];

function headersOf(request: ReceivedRequest): Record<string, string> {
	return Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : String(value)]));
}

describe('Format Fields → (Sign Request →) Send Outbound Message at their defaults, in a real n8n', () => {
	let target: TargetServer;
	let execution: Execution;
	let plain: ReceivedRequest[];
	let signed: ReceivedRequest[];

	beforeAll(async () => {
		target = await startTarget();
		execution = await n8n.runManually('e2eBodyDefaults1');
		plain = target.requests.filter((request) => request.url === '/defaults/plain');
		signed = target.requests.filter((request) => request.url === '/defaults/signed');
	});

	afterAll(async () => await target.close());

	it('finishes the execution successfully', () => {
		expect(execution.status).toBe('success');
	});

	it('Format Fields → Send: the target receives exactly the formatted body bytes', () => {
		const [formatted] = nodeOutputs(execution, 'Format Fields');
		expect(formatted.map((item) => JSON.stringify(item.body))).toEqual(formattedBodies);
		expect(plain.map((request) => request.body.toString('utf8'))).toEqual(formattedBodies);
		expect(plain.map((request) => request.body.equals(Buffer.from(formattedBodies[plain.indexOf(request)], 'utf8')))).toEqual([true, true]);
		expect(plain.map((request) => [request.method, request.headers['content-type']])).toEqual([
			['POST', 'application/json'],
			['POST', 'application/json'],
		]);
	});

	it("Format Fields → Send: the delivery record identifies the body sent (its SHA-256) and says it came from the item's request", () => {
		const [success, retry, failure] = nodeOutputs(execution, 'Send Outbound Message');
		expect([success.length, retry.length, failure.length]).toEqual([2, 0, 0]);
		expect(success.map((item: Item) => [item.delivery.bodyFrom, item.delivery.attempts[0].request.bodySha256])).toEqual([
			['request', sha256(formattedBodies[0])],
			['request', sha256(formattedBodies[1])],
		]);
	});

	it('Format Fields → Sign → Send: the target receives exactly the formatted body, and the official library verifies the signature over those bytes', () => {
		expect(signed.map((request) => request.body.toString('utf8'))).toEqual(formattedBodies);
		for (const [index, request] of signed.entries()) {
			const payload = new Webhook(secret).verify(request.body.toString('utf8'), headersOf(request));
			expect(payload).toEqual(JSON.parse(formattedBodies[index]));
		}
	});

	it('Format Fields → Sign → Send: Sign Request leaves nothing on Failure, and the record says the signed request was sent', () => {
		const [signedItems, unsigned] = nodeOutputs(execution, 'Sign Request');
		expect([signedItems.length, unsigned.length]).toEqual([2, 0]);
		const [success] = nodeOutputs(execution, 'Send Outbound Message (Signed)');
		expect(success.map((item: Item) => [item.delivery.bodyFrom, item.delivery.attempts[0].request.bodySha256])).toEqual([
			['request', sha256(formattedBodies[0])],
			['request', sha256(formattedBodies[1])],
		]);
	});
});
