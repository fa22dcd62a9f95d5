import { connectN8n, nodeOutputs, postWebhook, startTarget, type TargetServer } from '../harness/n8n';

const n8n = connectN8n();

describe('foundation: our package inside a real n8n 2.41', () => {
	let target: TargetServer;

	afterEach(async () => await target?.close());

	it('lists our node among the node types n8n loaded from the community package', async () => {
		const types = (await n8n.getWithSession('/types/nodes.json')) as Array<{ name: string; displayName: string }>;
		const ours = types.find((t) => t.name === 'n8n-nodes-outbound-messages.sendOutboundMessage');
		expect(ours?.displayName).toBe('Send Outbound Message');
	});

	it('runs Send Outbound Message in an imported, published workflow and records the execution', async () => {
		target = await startTarget((req, res) => {
			res.writeHead(201, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ received: JSON.parse(req.body.toString()).orderId }));
		});
		const before = (await n8n.executions('e2eFoundationSend1', { includeData: false })).length;

		const reply = await postWebhook(n8n.baseUrl, 'e2e-foundation-send', JSON.stringify({ orderId: 'A-1001' }));
		expect(reply.status).toBe(200);

		expect(target.requests).toHaveLength(1);
		const [sent] = target.requests;
		expect(sent.method).toBe('POST');
		expect(sent.url).toBe('/foundation');
		expect(sent.headers['content-type']).toContain('application/json');
		// The Webhook node's item (headers, params, query, body) is what the node delivers.
		expect(JSON.parse(sent.body.toString()).body).toEqual({ orderId: 'A-1001' });

		const [execution] = await n8n.waitForExecutions('e2eFoundationSend1', before + 1);
		expect(execution.status).toBe('success');
		const [items] = nodeOutputs(execution, 'Send Outbound Message');
		expect(items).toHaveLength(1);
		expect(items[0].body).toEqual({ orderId: 'A-1001' });
		expect(items[0].delivery.attempts[0].response.status).toBe(201);
	});
});
