// The bench's workflows: Manual Trigger → Code (N items) → the delivering node, one per variant.
'use strict';

function workflow(items, id, name, deliveringNode) {
	return {
		id,
		name,
		settings: { executionOrder: 'v1' },
		nodes: [
			{ id: `${id}-1`, name: 'Manual Trigger', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: `${id}-2`,
				name: 'Items',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [200, 0],
				parameters: {
					jsCode: `return Array.from({ length: ${items} }, (_, i) => ({ json: { orderId: 'A-' + i, action: 'backlog.approving', amount: { currency: 'CNY', amount: '10.00' } } }));`,
				},
			},
			{ id: `${id}-3`, position: [400, 0], ...deliveringNode, name: 'Deliver' },
		],
		connections: {
			'Manual Trigger': { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
			Items: { main: [[{ node: 'Deliver', type: 'main', index: 0 }]] },
		},
	};
}

function variants({ url, items, concurrency }) {
	const httpRequest = (options) => ({
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: { method: 'POST', url, sendBody: true, specifyBody: 'json', jsonBody: '={{ $json }}', options },
	});
	return [
		{
			key: 'ours',
			label: `(a) Send Outbound Message (ours, ${concurrency} in flight)`,
			workflow: workflow(items, 'benchDeliveryOurs', 'bench: Send Outbound Message', {
				type: 'n8n-nodes-outbound-messages.sendOutboundMessage',
				typeVersion: 1,
				parameters: { url, options: { concurrency } },
			}),
		},
		{
			key: 'oursLogged',
			label: `(a′) Send Outbound Message with the push log (Always: the embedded file), ${concurrency} in flight`,
			workflow: workflow(items, 'benchDeliveryOursLogged', 'bench: Send Outbound Message + push log', {
				type: 'n8n-nodes-outbound-messages.sendOutboundMessage',
				typeVersion: 1,
				parameters: { url, pushLog: 'always', options: { concurrency } },
			}),
			pushLog: true,
		},
		{
			key: 'limit',
			label: `(d) the limit inside n8n: bare undici Pool loop in a minimal node, ${concurrency} in flight`,
			workflow: workflow(items, 'benchDeliveryLimit', 'bench: undici limit inside n8n', {
				type: 'CUSTOM.benchDeliveryLimit',
				typeVersion: 1,
				parameters: { url, concurrency, api: 'request' },
			}),
		},
		{
			key: 'limitDispatch',
			label: `(d′) the limit inside n8n with pool.dispatch() (the call our client makes), ${concurrency} in flight`,
			workflow: workflow(items, 'benchDeliveryLimitDispatch', 'bench: undici dispatch limit inside n8n', {
				type: 'CUSTOM.benchDeliveryLimit',
				typeVersion: 1,
				parameters: { url, concurrency, api: 'dispatch' },
			}),
		},
		{
			key: 'httpDefault',
			label: "(b) n8n HTTP Request, default settings",
			workflow: workflow(items, 'benchDeliveryHttpDefault', 'bench: HTTP Request (default)', httpRequest({})),
		},
		{
			key: 'httpBatched',
			label: '(b′) n8n HTTP Request, batching 16 items / 0 ms',
			workflow: workflow(
				items,
				'benchDeliveryHttpBatched',
				'bench: HTTP Request (batching 16/0)',
				httpRequest({ batching: { batch: { batchSize: 16, batchInterval: 0 } } }),
			),
		},
	];
}

module.exports = { variants };
