/**
 * The workflows and the state store credential of the queue-mode e2e (queueMode.e2e.test.ts), built
 * for one run: the credential points at a fresh schema, the workflows at the run's local targets.
 */
const pkg = 'n8n-nodes-outbound-messages';

export interface StoreCredential {
	id: string;
	name: string;
	type: 'outboundStateStore';
	data: Record<string, unknown>;
}

export function stateStoreCredential(database: string, schema: string): StoreCredential {
	return {
		id: 'e2eQueueStore1',
		name: 'e2e: Outbound State Store shared by main and workers (PostgreSQL)',
		type: 'outboundStateStore',
		// Pool Size at least the requests the main takes at once (the test sends 12): a duplicate check that
		// gets no connection within 10 s counts as the store being down and falls back to process memory for
		// 30 s (storeDuplicateCheck.ts), where a repeat of a delivery only another process knew would start a
		// second execution.
		data: { storeType: 'postgres', host: '127.0.0.1', port: 5432, database, user: 'postgres', password: '', ssl: 'disable', schema, tablePrefix: 'outbound_', poolSize: 16 },
	};
}

const node = (n: number) => `9a0e0000-0009-4000-8000-${String(n).padStart(12, '0')}`;

/** Unified Todo Trigger (duplicates remembered in the store) → HTTP Request telling the counting target which flow arrived. */
export function todoWorkflow(credential: StoreCredential, countingUrl: string, path: string) {
	return {
		id: 'e2eQueueTodo1',
		name: 'e2e queue mode: Unified Todo Trigger with the PostgreSQL store → counting target',
		active: true,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: node(1),
				name: 'Unified Todo Trigger',
				type: `${pkg}.unifiedTodoTrigger`,
				typeVersion: 1,
				position: [0, 0],
				webhookId: node(101),
				parameters: { path, signatureCheck: 'none', triggerOptions: {} },
				credentials: { outboundStateStore: { id: credential.id, name: credential.name } },
			},
			{
				id: node(2),
				name: 'Count',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [240, 0],
				parameters: {
					method: 'POST',
					url: countingUrl,
					sendHeaders: true,
					headerParameters: { parameters: [{ name: 'x-flow-id', value: '={{ $json.event.flowId }}' }] },
					options: {},
				},
			},
		],
		connections: { 'Unified Todo Trigger': { main: [[{ node: 'Count', type: 'main', index: 0 }]] } },
	};
}

/**
 * Step 7's deliver-with-compensation (examples/outbox-deliver-with-compensation.json), split in two
 * workflows so the test starts the compensation when it wants: "Deliver" sends a batch through the
 * breaker and parks Failure and Held, alerting on `justOpened`; "Compensate" claims what is due every
 * 2 s, re-pushes it and acknowledges.
 */
export function compensationWorkflows(credential: StoreCredential, targetUrl: string, deliverPath: string) {
	const store = { credentials: { outboundStateStore: { id: credential.id, name: credential.name } } };
	const send = (id: string, name: string, position: [number, number]) => ({
		id,
		name,
		type: `${pkg}.sendOutboundMessage`,
		typeVersion: 1,
		position,
		parameters: {
			url: targetUrl,
			retries: 0,
			circuitBreaker: true,
			breakerConsecutiveFailures: 3,
			breakerCoolDownSeconds: 20,
			pushLog: 'always',
			options: { messageId: '={{ $json.delivery?.messageId ?? $json.messageId }}', concurrency: 2, timeout: 5000 },
		},
		...store,
	});
	const outbox = (id: string, name: string, position: [number, number], parameters: Record<string, unknown>) => ({
		id,
		name,
		type: `${pkg}.outbox`,
		typeVersion: 1,
		position,
		parameters,
		...store,
	});
	const deliver = {
		id: 'e2eQueueDeliver1',
		name: 'e2e queue mode: deliver with the breaker, park Failure and Held',
		active: true,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: node(11),
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: node(111),
				parameters: { httpMethod: 'POST', path: deliverPath, responseMode: 'onReceived', options: {} },
			},
			{
				id: node(12),
				name: 'Messages',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [200, 0],
				parameters: {
					jsCode:
						'const { batch, count } = $input.first().json.body;\nreturn Array.from({ length: count }, (_, n) => ({ json: { messageId: `q-${batch}-${n}`, title: `报销单 ${batch}-${n}` } }));',
				},
			},
			send(node(13), 'Send Outbound Message', [400, 0]),
			outbox(node(14), 'Park', [650, 0], { operation: 'park', intervalMinutes: 1 }),
			{
				id: node(15),
				name: 'Just Opened?',
				type: 'n8n-nodes-base.if',
				typeVersion: 2.2,
				position: [650, 200],
				parameters: {
					conditions: {
						options: { caseSensitive: true, leftValue: '', typeValidation: 'loose', version: 2 },
						conditions: [{ id: 'c1', leftValue: '={{ $json.delivery.circuit?.justOpened }}', rightValue: true, operator: { type: 'boolean', operation: 'true', singleValue: true } }],
						combinator: 'and',
					},
					options: {},
				},
			},
			{ id: node(16), name: 'Alert Administrators', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [900, 200], parameters: {} },
		],
		connections: {
			Webhook: { main: [[{ node: 'Messages', type: 'main', index: 0 }]] },
			Messages: { main: [[{ node: 'Send Outbound Message', type: 'main', index: 0 }]] },
			'Send Outbound Message': {
				main: [
					[],
					[{ node: 'Park', type: 'main', index: 0 }],
					[{ node: 'Park', type: 'main', index: 0 }],
					[
						{ node: 'Park', type: 'main', index: 0 },
						{ node: 'Just Opened?', type: 'main', index: 0 },
					],
				],
			},
			'Just Opened?': { main: [[{ node: 'Alert Administrators', type: 'main', index: 0 }]] },
		},
	};
	const compensate = {
		id: 'e2eQueueCompensate1',
		name: 'e2e queue mode: compensation every 2 s',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: node(21),
				name: 'Schedule Trigger',
				type: 'n8n-nodes-base.scheduleTrigger',
				typeVersion: 1.2,
				position: [0, 0],
				parameters: { rule: { interval: [{ field: 'seconds', secondsInterval: 2 }] } },
			},
			outbox(node(22), 'Claim Due', [200, 0], { operation: 'claimDue', batchSize: 10, maxRepushes: 10, intervalMinutes: 1, claimOptions: { leaseMinutes: 5 } }),
			send(node(23), 'Re-push', [400, 0]),
			outbox(node(24), 'Acknowledge', [650, 0], { operation: 'acknowledge', acknowledgeOptions: { intervalMinutes: 1, maxRepushes: 10 } }),
			{
				id: node(25),
				name: 'Just Opened?',
				type: 'n8n-nodes-base.if',
				typeVersion: 2.2,
				position: [650, 200],
				parameters: {
					conditions: {
						options: { caseSensitive: true, leftValue: '', typeValidation: 'loose', version: 2 },
						conditions: [{ id: 'c1', leftValue: '={{ $json.delivery.circuit?.justOpened }}', rightValue: true, operator: { type: 'boolean', operation: 'true', singleValue: true } }],
						combinator: 'and',
					},
					options: {},
				},
			},
			{ id: node(26), name: 'Alert Administrators', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [900, 200], parameters: {} },
		],
		connections: {
			'Schedule Trigger': { main: [[{ node: 'Claim Due', type: 'main', index: 0 }]] },
			'Claim Due': { main: [[{ node: 'Re-push', type: 'main', index: 0 }]] },
			'Re-push': {
				main: [
					[{ node: 'Acknowledge', type: 'main', index: 0 }],
					[{ node: 'Acknowledge', type: 'main', index: 0 }],
					[{ node: 'Acknowledge', type: 'main', index: 0 }],
					[
						{ node: 'Acknowledge', type: 'main', index: 0 },
						{ node: 'Just Opened?', type: 'main', index: 0 },
					],
				],
			},
			'Just Opened?': { main: [[{ node: 'Alert Administrators', type: 'main', index: 0 }]] },
		},
	};
	return { deliver, compensate };
}
