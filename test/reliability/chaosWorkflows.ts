/**
 * The chaos run's workflows, modelled on examples/outbox-deliver-with-compensation.json:
 * - "Deliver": Webhook → N messages → Send Outbound Message (retries, keyword `code` = 1, breaker on)
 *   → Failure and Held parked in the Outbox;
 * - "Compensate": Schedule Trigger every few seconds → Outbox Claim Due → Send → Outbox Acknowledge;
 * - "Stats" and "Search": webhooks answering with Outbox Stats / Search, to see what is left.
 */
const pkg = 'n8n-nodes-outbound-messages';
const nodeId = (n: number) => `c4a05000-0014-4000-8000-${String(n).padStart(12, '0')}`;

export const chaosPaths = { deliver: 'chaos-deliver', stats: 'chaos-stats', search: 'chaos-search' };
export const chaosIds = { deliver: 'relChaosDeliver1', compensate: 'relChaosCompens1', stats: 'relChaosStats001', search: 'relChaosSearch01' };

/** Sender's timeout; the target's slow answers take longer (chaosTarget.js, `slowMs`). */
export const senderTimeoutMs = 2000;

function send(id: number, name: string, url: string, retries: number) {
	return {
		id: nodeId(id),
		name,
		type: `${pkg}.sendOutboundMessage`,
		typeVersion: 1,
		position: [400, 0],
		parameters: {
			url,
			retries,
			retryOn: ['connectionErrors', 'timeouts', 'tooManyRequests', 'serverErrors', 'keywordMismatch'],
			keywordMatch: 'jsonPathEquals',
			keywordPath: 'code',
			keywordValue: '1',
			circuitBreaker: true,
			breakerConsecutiveFailures: 6,
			breakerCoolDownSeconds: 1,
			options: { messageId: '={{ $json.delivery?.messageId ?? $json.id }}', concurrency: 16, timeout: senderTimeoutMs },
		},
	};
}

const outbox = (id: number, name: string, parameters: Record<string, unknown>) => ({
	id: nodeId(id),
	name,
	type: `${pkg}.outbox`,
	typeVersion: 1,
	position: [650, 0],
	parameters,
});

const webhook = (id: number, path: string, responseMode: string) => ({
	id: nodeId(id),
	name: 'Webhook',
	type: 'n8n-nodes-base.webhook',
	typeVersion: 2,
	position: [0, 0],
	webhookId: nodeId(id),
	parameters: { httpMethod: 'POST', path, responseMode, ...(responseMode === 'lastNode' ? { responseData: 'allEntries' } : {}), options: {} },
});

export function chaosWorkflows(targetUrl: string) {
	const deliver = {
		id: chaosIds.deliver,
		name: 'reliability: deliver through the chaos target, park Failure and Held',
		active: true,
		settings: { executionOrder: 'v1' },
		nodes: [
			webhook(1, chaosPaths.deliver, 'onReceived'),
			{
				id: nodeId(2),
				name: 'Messages',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [200, 0],
				parameters: {
					jsCode: 'const { count } = $input.first().json.body;\nreturn Array.from({ length: count }, (_, n) => ({ json: { id: `chaos-${n}`, n, title: `报销单 ${n}` } }));',
				},
			},
			send(3, 'Send Outbound Message', targetUrl, 3),
			outbox(4, 'Park', { operation: 'park', intervalMinutes: 1 }),
		],
		connections: {
			Webhook: { main: [[{ node: 'Messages', type: 'main', index: 0 }]] },
			Messages: { main: [[{ node: 'Send Outbound Message', type: 'main', index: 0 }]] },
			'Send Outbound Message': {
				main: [[], [], [{ node: 'Park', type: 'main', index: 0 }], [{ node: 'Park', type: 'main', index: 0 }]],
			},
		},
	};
	const compensate = {
		id: chaosIds.compensate,
		name: 'reliability: compensation (Claim Due → Send → Acknowledge)',
		active: true,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: nodeId(11),
				name: 'Schedule Trigger',
				type: 'n8n-nodes-base.scheduleTrigger',
				typeVersion: 1.2,
				position: [0, 0],
				parameters: { rule: { interval: [{ field: 'seconds', secondsInterval: 5 }] } },
			},
			outbox(12, 'Claim Due', { operation: 'claimDue', batchSize: 1000, maxRepushes: 10, intervalMinutes: 1, claimOptions: { leaseMinutes: 5 } }),
			send(13, 'Re-push', targetUrl, 5),
			outbox(14, 'Acknowledge', { operation: 'acknowledge', acknowledgeOptions: { intervalMinutes: 1, maxRepushes: 10 } }),
		],
		connections: {
			'Schedule Trigger': { main: [[{ node: 'Claim Due', type: 'main', index: 0 }]] },
			'Claim Due': { main: [[{ node: 'Re-push', type: 'main', index: 0 }]] },
			'Re-push': { main: [0, 1, 2, 3].map(() => [{ node: 'Acknowledge', type: 'main', index: 0 }]) },
		},
	};
	const stats = {
		id: chaosIds.stats,
		name: 'reliability: outbox stats',
		active: true,
		settings: { executionOrder: 'v1' },
		nodes: [webhook(21, chaosPaths.stats, 'lastNode'), outbox(22, 'Stats', { operation: 'stats' })],
		connections: { Webhook: { main: [[{ node: 'Stats', type: 'main', index: 0 }]] } },
	};
	const search = {
		id: chaosIds.search,
		name: 'reliability: outbox search',
		active: true,
		settings: { executionOrder: 'v1' },
		nodes: [webhook(31, chaosPaths.search, 'lastNode'), outbox(32, 'Search', { operation: 'search', returnAll: true })],
		connections: { Webhook: { main: [[{ node: 'Search', type: 'main', index: 0 }]] } },
	};
	return [deliver, compensate, stats, search];
}
