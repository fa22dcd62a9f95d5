// bench/volume's workflows: Manual Trigger → Code (N orders) → Format Fields (a 1 KiB JSON body) →
// Sign Request (Standard Webhooks) → Deliver, one workflow per item count and delivering node.
'use strict';

const credential = {
	id: 'benchVolumeSwCred1',
	name: 'bench: Standard Webhooks secret',
	type: 'outboundSigningSecret',
	data: { scheme: 'standardWebhooks', standardWebhooksVariant: 'v1', secret: 'whsec_SIaZt/6g9i8OZdcyVSzB0qvChB1jkbbL', previousSecrets: '', signWithAllSecrets: false },
};

// With orderId A-000000 … and amount 10.50 CNY, the formatted body is exactly 1,024 bytes.
const noteLength = 1024 - '{"orderId":"A-000000","amount":{"currency":"CNY","amount":"10.50"},"note":""}'.length;

function workflow(id, name, items, deliver) {
	const node = (suffix, rest) => ({ id: `${id}-${suffix}`, position: [200 * Number(suffix), 0], ...rest });
	return {
		id,
		name,
		settings: { executionOrder: 'v1' },
		nodes: [
			node('0', { name: 'Manual Trigger', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} }),
			node('1', {
				name: 'Orders',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				parameters: {
					jsCode: `const note = 'n'.repeat(${noteLength});\nreturn Array.from({ length: ${items} }, (_, i) => ({ json: { orderId: 'A-' + String(i).padStart(6, '0'), amount: '10.5', note } }));`,
				},
			}),
			node('2', {
				name: 'Format Fields',
				type: 'n8n-nodes-outbound-messages.formatFields',
				typeVersion: 2,
				parameters: {
					fields: {
						field: [
							{ name: 'orderId', type: 'text', value: '={{ $json.orderId }}' },
							{ name: 'amount', type: 'money', value: '={{ $json.amount }}' },
							{ name: 'note', type: 'text', value: '={{ $json.note }}' },
						],
					},
				},
			}),
			node('3', {
				name: 'Sign Request',
				type: 'n8n-nodes-outbound-messages.signRequest',
				typeVersion: 2,
				parameters: {},
				credentials: { outboundSigningSecret: { id: credential.id, name: credential.name } },
			}),
			node('4', { ...deliver, name: 'Deliver' }),
		],
		connections: {
			'Manual Trigger': { main: [[{ node: 'Orders', type: 'main', index: 0 }]] },
			Orders: { main: [[{ node: 'Format Fields', type: 'main', index: 0 }]] },
			'Format Fields': { main: [[{ node: 'Sign Request', type: 'main', index: 0 }]] },
			'Sign Request': { main: [[{ node: 'Deliver', type: 'main', index: 0 }]] },
		},
	};
}

function variants({ url, counts }) {
	const ours = { type: 'n8n-nodes-outbound-messages.sendOutboundMessage', typeVersion: 1, parameters: { url } };
	// The same signed request as ours sends: its body text byte for byte and its headers.
	const httpRequest = {
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: {
			method: 'POST',
			url,
			sendHeaders: true,
			specifyHeaders: 'json',
			jsonHeaders: '={{ JSON.stringify($json.request.headers) }}',
			sendBody: true,
			contentType: 'raw',
			rawContentType: 'application/json',
			body: '={{ $json.request.body }}',
			options: {},
		},
	};
	const byCount = (key, deliver) => Object.fromEntries(counts.map((n) => [n, workflow(`benchVolume${key}${n}`, `bench volume: ${key} ${n}`, n, deliver)]));
	return [
		{ key: 'ours', label: '(a) Send Outbound Message (ours)', credential, workflows: byCount('Ours', ours) },
		{ key: 'httpRequest', label: "(b) n8n's HTTP Request", credential, workflows: byCount('HttpRequest', httpRequest) },
	];
}

module.exports = { variants, noteLength };
