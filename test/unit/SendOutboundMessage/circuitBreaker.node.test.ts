import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { INode, INodeExecutionData, INodeParameters, INodeType, INodeTypes } from 'n8n-workflow';
import { NodeHelpers, NodeOperationError, Workflow } from 'n8n-workflow';

import { SendOutboundMessage } from '../../../nodes/SendOutboundMessage/SendOutboundMessage.node';
import { type DeliveryRecord, defaultCircuitBreakerSettings } from '../../../nodes/shared/delivery';
import { closeCachedStateStores, defaultStatePath } from '../../../nodes/shared/store';
import { openSqliteStateStore } from '../../../nodes/shared/store/sqliteStore';
import { type FakeContextOptions, fakeExecuteContext } from '../fakeExecuteContext';
import { type LocalTarget, answer, delay, startTarget } from '../shared/delivery/localTarget';

/**
 * The circuit breaker in the node, against real local targets and the embedded store in the test's
 * n8n folder (no credential: the default file). Each test has its own target, so its own circuit.
 */

const node = new SendOutboundMessage();
const sendNode = { name: 'Send Outbound Message', type: 'n8n-nodes-outbound-messages.sendOutboundMessage' };

async function run(options: Omit<FakeContextOptions, 'node'>) {
	const fake = fakeExecuteContext({ node: sendNode, ...options });
	const outputs = await node.execute.call(fake.context);
	const [success, retry, failure, held] = outputs;
	return { outputs, success, retry, failure, held, customData: fake.customData };
}

const delivery = (item: INodeExecutionData) => item.json.delivery as unknown as DeliveryRecord;
const items = (count: number): INodeExecutionData[] => Array.from({ length: count }, (_, n) => ({ json: { n } }));
const breaker = (url: string, extra: INodeParameters = {}): INodeParameters => ({
	url,
	circuitBreaker: true,
	breakerCoolDownSeconds: 1,
	options: { concurrency: 1 },
	...extra,
});

/** The node's outputs as n8n computes them for a workflow: its own Workflow class evaluating the description's expression. */
function outputsInWorkflow(parameters: INodeParameters) {
	const description = node.description;
	const nodeTypes: INodeTypes = {
		getByName: () => node,
		getByNameAndVersion: () => node as INodeType,
		getKnownTypes: () => ({}),
	};
	const workflowNode: INode = { id: 'send-1', name: sendNode.name, type: sendNode.type, typeVersion: 1, position: [0, 0], parameters };
	const workflow = new Workflow({ nodes: [workflowNode], connections: {}, active: false, nodeTypes });
	return NodeHelpers.getNodeOutputs(workflow, workflow.getNode(sendNode.name) as INode, description);
}

describe('Send Outbound Message with the circuit breaker', () => {
	let target: LocalTarget;

	afterEach(async () => await target?.close());
	afterAll(async () => await closeCachedStateStores());

	it('has three outputs in a workflow with the breaker off, and a fourth, Held, with it on', () => {
		const names = (parameters: INodeParameters) => outputsInWorkflow(parameters).map((output) => (typeof output === 'string' ? output : output.displayName));
		expect(names({ url: 'https://example.com' })).toEqual(['Success', 'Retry', 'Failure']);
		expect(names({ url: 'https://example.com', circuitBreaker: true })).toEqual(['Success', 'Retry', 'Failure', 'Held']);
		expect(outputsInWorkflow({ circuitBreaker: true }).every((output) => typeof output !== 'string' && output.type === 'main')).toBe(true);
	});

	it("shows the engine's defaults in the panel: 70 %, 10 attempts, 5 minutes, 5 in a row, 30 s", () => {
		const defaultOf = (name: string) => node.description.properties.find((property) => property.name === name)?.default;
		expect({
			failureRatePercent: defaultOf('breakerFailureRate'),
			minimumAttempts: defaultOf('breakerMinimumAttempts'),
			windowMs: (defaultOf('breakerWindowMinutes') as number) * 60_000,
			consecutiveFailures: defaultOf('breakerConsecutiveFailures'),
			coolDownMs: (defaultOf('breakerCoolDownSeconds') as number) * 1000,
		}).toEqual(defaultCircuitBreakerSettings);
		expect(defaultOf('circuitBreaker')).toBe(false);
	});

	it('returns three outputs with the breaker off and four with it on', async () => {
		target = await startTarget((_call, res) => answer(res, 200));
		expect((await run({ parameters: { url: target.url }, items: items(1) })).outputs).toHaveLength(3);
		expect((await run({ parameters: breaker(target.url), items: items(1) })).outputs).toHaveLength(4);
	});

	it('marks items sent while the circuit is closed with the circuit they met', async () => {
		target = await startTarget((_call, res) => answer(res, 200));
		const { success } = await run({ parameters: breaker(`${target.url}/in`), items: items(2) });
		expect(delivery(success[0]).circuit).toEqual({ state: 'closed', target: target.url, openedAt: null, recoveredAt: null, justOpened: false, cause: null, probeAt: null });
	});

	it('holds every item after 5 failures in a row without sending it, the first held one marked justOpened', async () => {
		target = await startTarget((_call, res) => answer(res, 503, 'down'));
		const { failure, held } = await run({ parameters: breaker(target.url), items: items(8) });
		expect(target.calls).toHaveLength(5);
		expect(failure.map((item) => item.json.n)).toEqual([0, 1, 2, 3, 4]);
		expect(delivery(failure[4]).circuit).toMatchObject({ state: 'open', cause: '5 attempts in a row failed' });
		expect(held.map((item) => [item.json.n, item.pairedItem])).toEqual([
			[5, { item: 5 }],
			[6, { item: 6 }],
			[7, { item: 7 }],
		]);
		const records = held.map(delivery);
		expect(records.map((record) => record.circuit?.justOpened)).toEqual([true, false, false]);
		expect(records[0]).toMatchObject({ status: 'held', reason: 'circuit_open', attempts: [], circuit: { state: 'open', target: target.url } });
		expect(records[0].message).toBe(
			`Not sent: the circuit of ${target.url} is open since ${records[0].circuit?.openedAt} (5 attempts in a row failed); the next probe is due at ${records[0].circuit?.probeAt}`,
		);
		expect(Date.parse(records[0].circuit?.probeAt ?? '') - Date.parse(records[0].circuit?.openedAt ?? '')).toBe(1000);
	});

	it('marks no held item justOpened in a later run of the same outage', async () => {
		target = await startTarget((_call, res) => answer(res, 503, 'down'));
		await run({ parameters: breaker(target.url, { breakerCoolDownSeconds: 60 }), items: items(6) });
		const { held } = await run({ parameters: breaker(target.url, { breakerCoolDownSeconds: 60 }), items: items(3) });
		expect(held.map((item) => delivery(item).circuit?.justOpened)).toEqual([false, false, false]);
	});

	it('sends one probe after the cool-down; its success closes the circuit, recorded on the items and in the fuse table', async () => {
		let up = false;
		target = await startTarget((_call, res) => answer(res, up ? 200 : 503));
		await run({ parameters: breaker(target.url), items: items(5) });
		up = true;
		await delay(1100);
		const { success, held } = await run({ parameters: breaker(target.url), items: items(3) });
		expect(held).toEqual([]);
		expect(success.map((item) => delivery(item).circuit)).toEqual(
			Array(3).fill(expect.objectContaining({ state: 'closed', recoveredAt: expect.any(String), openedAt: expect.any(String) })),
		);
		const store = openSqliteStateStore({ kind: 'embedded', path: defaultStatePath() });
		try {
			const fuses = await store.listFuses({ target: target.url }, { limit: 10 });
			expect(fuses.items).toEqual([expect.objectContaining({ recoveredAt: Date.parse(delivery(success[0]).circuit?.recoveredAt ?? '') })]);
		} finally {
			await store.close();
		}
	});

	it('holds the probe item, with its one attempt, when the probe fails, and the others without sending them', async () => {
		target = await startTarget((_call, res) => answer(res, 503, 'still down'));
		await run({ parameters: breaker(target.url, { retries: 2 }), items: items(2) });
		const calls = target.calls.length;
		await delay(1100);
		const { held, failure } = await run({ parameters: breaker(target.url, { retries: 2 }), items: items(3) });
		expect(failure).toEqual([]);
		expect(target.calls.length - calls).toBe(1);
		const probe = delivery(held[0]);
		expect(probe).toMatchObject({ status: 'held', reason: 'circuit_open', circuit: { state: 'open' } });
		expect(probe.attempts).toHaveLength(1);
		expect(probe.message).toMatch(/^Sent as the probe of the open circuit of .*, which failed \(.*503.*\): the circuit is open again; the next probe is due at /);
		expect(held.slice(1).map((item) => delivery(item).attempts)).toEqual([[], []]);
	});

	it('counts a refused connection as a failure of the target', async () => {
		target = await startTarget((_call, res) => answer(res, 200));
		const url = target.url;
		await target.close();
		const { failure, held } = await run({ parameters: breaker(url), items: items(7) });
		expect(failure.map((item) => delivery(item).reason)).toEqual(Array(5).fill('connection_error'));
		expect(held).toHaveLength(2);
	});

	it('does not count 4xx answers: the target works, the messages are wrong', async () => {
		target = await startTarget((_call, res) => answer(res, 400, 'bad'));
		const { failure, held } = await run({ parameters: breaker(target.url), items: items(12) });
		expect(failure).toHaveLength(12);
		expect(held).toEqual([]);
		expect(delivery(failure[11]).circuit?.state).toBe('closed');
	});

	it('stops before sending when the store the breaker needs cannot be opened; with continue on fail it delivers without the breaker', async () => {
		target = await startTarget((_call, res) => answer(res, 200));
		const blocker = path.join(os.tmpdir(), `not-a-folder-${process.pid}`);
		fs.writeFileSync(blocker, '');
		const node = { ...sendNode, credentials: { outboundStateStore: { id: 'cred-1', name: 'Outbound State Store' } } };
		const options = { parameters: breaker(target.url), items: items(2), credentials: { outboundStateStore: { storeType: 'embedded', filePath: path.join(blocker, 'state.db') } } };
		try {
			await expect(new SendOutboundMessage().execute.call(fakeExecuteContext({ node, ...options }).context)).rejects.toThrow(NodeOperationError);
			expect(target.calls).toHaveLength(0);
			const [success, , , held] = await new SendOutboundMessage().execute.call(fakeExecuteContext({ node, ...options, continueOnFail: true }).context);
			expect(success.map((item) => delivery(item).circuit)).toEqual([undefined, undefined]);
			expect(held).toEqual([]);
		} finally {
			fs.rmSync(blocker);
		}
	});

	it('keeps the breaker off by default: a dead target fails every item, none is held', async () => {
		target = await startTarget((_call, res) => answer(res, 503));
		const { outputs, failure } = await run({ parameters: { url: target.url, options: { concurrency: 1 } }, items: items(7) });
		expect(outputs).toHaveLength(3);
		expect(failure).toHaveLength(7);
		expect(delivery(failure[0]).circuit).toBeUndefined();
	});
});
