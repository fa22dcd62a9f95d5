/**
 * Durable delivery in a real n8n (issue 12, "Proof"), once on the embedded store and once on
 * PostgreSQL. This file starts its own n8n per store (it kills one with SIGKILL), on folders of its own.
 *
 * 1. The target refuses connections. "Deliver" sends N messages through Send Outbound Message with the
 *    breaker on: the first ones fail, the breaker opens, the rest leave by Held; Failure and Held are
 *    parked in the Outbox; an alert branch fires once for the opening.
 * 2. The target comes back (slow: each answer takes a while, so a compensation run lasts seconds).
 *    "Compensate" (Schedule Trigger every few seconds → Outbox Claim Due → Send → Outbox Acknowledge)
 *    re-pushes what is due.
 * 3. While a compensation run is sending, n8n is killed with SIGKILL and started again; the records it
 *    had claimed come back when their lease runs out, and are sent again.
 * At the end the target has answered 2xx for every message id (duplicates only as re-sends of the
 * same id, none with an id it was not given: lost = 0), and Outbox Search and Stats say every message
 * succeeded with nothing left in the outbox.
 */
import fs from 'node:fs';
import http from 'node:http';

import { Client } from 'pg';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { N8nInstance, freePort } = require('../n8n/instance.js');

jest.setTimeout(900_000);

const messageCount = 60;
const pkg = 'n8n-nodes-outbound-messages';
const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

/** The target: answers each message after `delayMs`, counting requests and 2xx answers by message id. */
class Target {
	readonly requests = new Map<string, number>();
	readonly acknowledged = new Map<string, number>();
	private server: http.Server | undefined;

	constructor(
		readonly port: number,
		private readonly delayMs: number,
	) {}

	get requestCount(): number {
		let total = 0;
		for (const count of this.requests.values()) total += count;
		return total;
	}

	async start(): Promise<void> {
		this.server = http.createServer((req, res) => {
			const id = String(req.headers['x-message-id'] ?? '');
			this.requests.set(id, (this.requests.get(id) ?? 0) + 1);
			req.resume();
			req.on('end', () => {
				setTimeout(() => {
					res.writeHead(200, { 'content-type': 'application/json' }).end('{"code":"1"}', () => {
						this.acknowledged.set(id, (this.acknowledged.get(id) ?? 0) + 1);
					});
				}, this.delayMs);
			});
		});
		await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
	}

	async close(): Promise<void> {
		const server = this.server;
		this.server = undefined;
		if (!server) return;
		server.closeAllConnections();
		await new Promise((resolve) => server.close(resolve));
	}
}

interface StoreSetup {
	label: string;
	credential?: { id: string; name: string; type: string; data: Record<string, unknown> };
	cleanup(): Promise<void>;
}

function workflows(prefix: string, targetUrl: string, credential: StoreSetup['credential']) {
	const storeCredential = credential ? { credentials: { outboundStateStore: { id: credential.id, name: credential.name } } } : {};
	const send = (id: string, name: string, position: [number, number], concurrency: number) => ({
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
			options: { messageId: '={{ $json.delivery?.messageId ?? "comp-" + $json.n }}', concurrency, timeout: 5000 },
		},
		...storeCredential,
	});
	const outbox = (id: string, name: string, position: [number, number], parameters: Record<string, unknown>) => ({
		id,
		name,
		type: `${pkg}.outbox`,
		typeVersion: 1,
		position,
		parameters,
		...storeCredential,
	});
	const webhook = (id: string, path: string, responseMode: string) => ({
		id,
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId: id,
		parameters: { httpMethod: 'POST', path, responseMode, ...(responseMode === 'lastNode' ? { responseData: 'allEntries' } : {}), options: {} },
	});
	const node = (n: number) => `c0a5e000-${prefix === 'emb' ? '0001' : '0002'}-4000-8000-${String(n).padStart(12, '0')}`;

	const deliver = {
		id: `e2eComp${prefix}Deliver`,
		name: `e2e: deliver with the breaker, park Failure and Held (${prefix})`,
		active: true,
		settings: { executionOrder: 'v1' },
		nodes: [
			webhook(node(1), `e2e-comp-${prefix}-deliver`, 'onReceived'),
			{
				id: node(2),
				name: 'Messages',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [200, 0],
				parameters: { jsCode: 'const { count } = $input.first().json.body;\nreturn Array.from({ length: count }, (_, n) => ({ json: { n, flowId: `F-${n}`, title: `报销单 ${n}` } }));' },
			},
			send(node(3), 'Send Outbound Message', [400, 0], 4),
			outbox(node(4), 'Park', [650, 0], { operation: 'park', intervalMinutes: 1 }),
			{
				id: node(5),
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
			{ id: node(6), name: 'Alert Administrators', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [900, 200], parameters: {} },
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
		id: `e2eComp${prefix}Compensate`,
		name: `e2e: compensation every few seconds (${prefix})`,
		active: true,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: node(11),
				name: 'Schedule Trigger',
				type: 'n8n-nodes-base.scheduleTrigger',
				typeVersion: 1.2,
				position: [0, 0],
				parameters: { rule: { interval: [{ field: 'seconds', secondsInterval: 4 }] } },
			},
			outbox(node(12), 'Claim Due', [200, 0], { operation: 'claimDue', batchSize: 20, maxRepushes: 10, intervalMinutes: 1, claimOptions: { leaseMinutes: 1 } }),
			send(node(13), 'Re-push', [400, 0], 2),
			outbox(node(14), 'Acknowledge', [650, 0], { operation: 'acknowledge', acknowledgeOptions: { intervalMinutes: 1, maxRepushes: 10 } }),
		],
		connections: {
			'Schedule Trigger': { main: [[{ node: 'Claim Due', type: 'main', index: 0 }]] },
			'Claim Due': { main: [[{ node: 'Re-push', type: 'main', index: 0 }]] },
			'Re-push': {
				main: [0, 1, 2, 3].map(() => [{ node: 'Acknowledge', type: 'main', index: 0 }]),
			},
		},
	};

	const stats = {
		id: `e2eComp${prefix}Stats`,
		name: `e2e: outbox stats and search (${prefix})`,
		active: true,
		settings: { executionOrder: 'v1' },
		nodes: [
			webhook(node(21), `e2e-comp-${prefix}-stats`, 'lastNode'),
			outbox(node(22), 'Stats', [200, 0], { operation: 'stats' }),
		],
		connections: { Webhook: { main: [[{ node: 'Stats', type: 'main', index: 0 }]] } },
	};

	const search = {
		id: `e2eComp${prefix}Search`,
		name: `e2e: outbox search (${prefix})`,
		active: true,
		settings: { executionOrder: 'v1' },
		nodes: [
			webhook(node(31), `e2e-comp-${prefix}-search`, 'lastNode'),
			outbox(node(32), 'Search', [200, 0], { operation: 'search', returnAll: true }),
		],
		connections: { Webhook: { main: [[{ node: 'Search', type: 'main', index: 0 }]] } },
	};
	const paths = { deliver: `e2e-comp-${prefix}-deliver`, stats: `e2e-comp-${prefix}-stats`, search: `e2e-comp-${prefix}-search` };
	return { deliver, compensate, stats, search, paths };
}

async function postJson(url: string, body: unknown): Promise<unknown> {
	const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	expect(res.status).toBe(200);
	return await res.json();
}

const stores: Array<() => Promise<StoreSetup>> = [
	async () => ({ label: 'embedded store (node:sqlite file in the n8n folder)', cleanup: async () => undefined }),
	async () => {
		const schema = `om_e2e_comp_${process.pid}_${Date.now()}`;
		return {
			label: 'PostgreSQL store (127.0.0.1)',
			credential: {
				id: 'e2eCompPgStore1',
				name: 'e2e: Outbound State Store on PostgreSQL',
				type: 'outboundStateStore',
				data: { storeType: 'postgres', host: '127.0.0.1', port: 5432, database: 'test', user: 'postgres', password: '', ssl: 'disable', schema, tablePrefix: 'outbound_' },
			},
			cleanup: async () => {
				const client = new Client({ host: '127.0.0.1', port: 5432, database: 'test', user: 'postgres' });
				await client.connect();
				await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
				await client.end();
			},
		};
	},
];

describe.each(stores.map((setup, index) => [index === 0 ? 'embedded' : 'postgres', setup] as const))('durable delivery on the %s store', (prefix, makeSetup) => {
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	let n8n: any;
	let setup: StoreSetup;
	let target: Target;
	let flows: ReturnType<typeof workflows>;

	beforeAll(async () => {
		setup = await makeSetup();
		target = new Target(await freePort(), 400);
		flows = workflows(prefix === 'embedded' ? 'emb' : 'pg', `http://127.0.0.1:${target.port}/todo`, setup.credential);
		n8n = new N8nInstance({ logs: 'file' });
		await n8n.installPackage();
		if (setup.credential) await n8n.importCredentials([setup.credential]);
		await n8n.importWorkflows([flows.deliver, flows.compensate, flows.stats, flows.search]);
		await n8n.start();
	});

	afterAll(async () => {
		await n8n?.stop();
		await target?.close();
		await setup?.cleanup();
		if (n8n && !process.env.E2E_KEEP) fs.rmSync(n8n.userFolder, { recursive: true, force: true });
	});

	it('parks every message while the target is down, re-pushes them when it is back, survives a SIGKILL mid-run, and loses none', async () => {
		const stats = async () => ((await postJson(`${n8n.baseUrl}/webhook/${flows.paths.stats}`, {})) as Array<Record<string, any>>)[0];

		// 1. Target down: every message fails or is held, and is parked.
		await postJson(`${n8n.baseUrl}/webhook/${flows.paths.deliver}`, { count: messageCount });
		const [delivered] = await n8n.waitForExecutions(flows.deliver.id, 1, { timeoutMs: 60_000 });
		expect(delivered.status).toBe('success');
		const runData = delivered.data.resultData.runData;
		const [success, retry, failure, held] = runData['Send Outbound Message'][0].data.main.map((items: unknown[] | null) => items ?? []);
		expect(success).toHaveLength(0);
		expect(retry).toHaveLength(0);
		expect(failure.length).toBeGreaterThanOrEqual(3);
		expect(failure.length + held.length).toBe(messageCount);
		expect(held.length).toBeGreaterThan(0);
		for (const item of held) expect(item.json.delivery).toMatchObject({ status: 'held', reason: 'circuit_open' });
		// The alert branch runs once for the opening, not once per held message.
		expect(runData['Alert Administrators'][0].data.main[0]).toHaveLength(1);
		// Park runs once per branch that reaches it (Failure, then Held).
		const parked = runData.Park.flatMap((run: { data: { main: unknown[][] } }) => run.data.main[0] ?? []);
		expect(parked).toHaveLength(messageCount);
		const afterPark = await stats();
		expect(afterPark.queued).toBe(messageCount);
		expect(target.requestCount).toBe(0);

		// 2. The target comes back; compensation claims the parked messages once they are due (a minute).
		await target.start();
		for (let waited = 0; target.requestCount < 6; waited += 250) {
			if (waited > 150_000) throw new Error(`compensation sent ${target.requestCount} requests in ${waited} ms`);
			await sleep(250);
		}

		// 3. SIGKILL while a compensation run is sending (each answer takes 400 ms, two at a time).
		const sentBeforeKill = target.requestCount;
		n8n.process.kill('SIGKILL');
		await n8n.exited;
		await n8n.start();

		// Everything is delivered in the end: claimed-but-unacknowledged records come back after their lease.
		let final: Record<string, any> = {};
		for (let waited = 0; ; waited += 2000) {
			final = await stats();
			if ((final.byStatus?.succeeded ?? 0) === messageCount && final.queued === 0) break;
			if (waited > 400_000) throw new Error(`not all delivered: ${JSON.stringify(final)}`);
			await sleep(2000);
		}

		const expected = Array.from({ length: messageCount }, (_, n) => `comp-${n}`);
		const lost = expected.filter((id) => (target.acknowledged.get(id) ?? 0) === 0);
		expect(lost).toEqual([]);
		// Nothing but the given ids arrived: duplicates only as re-sends of the same id.
		expect([...target.requests.keys()].filter((id) => !expected.includes(id))).toEqual([]);

		const rows = (await postJson(`${n8n.baseUrl}/webhook/${flows.paths.search}`, {})) as Array<Record<string, unknown>>;
		expect(rows).toHaveLength(messageCount);
		expect(new Set(rows.map((row) => row.messageId))).toEqual(new Set(expected));
		expect(rows.every((row) => row.status === 'succeeded')).toBe(true);

		const resent = [...target.requests.values()].filter((count) => count > 1).length;
		// The figures of the closing note.
		console.log(
			`[${prefix}] messages ${messageCount}; first run: failed ${failure.length}, held ${held.length}, parked ${parked.length}; ` +
				`requests before the kill ${sentBeforeKill}, requests in all ${target.requestCount}, ids sent more than once ${resent}; ` +
				`acknowledged ${expected.length - lost.length}; lost ${lost.length}`,
		);
	});
});
