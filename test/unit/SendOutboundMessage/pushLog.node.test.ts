import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { SendOutboundMessage } from '../../../nodes/SendOutboundMessage/SendOutboundMessage.node';
import type { DeliveryRecord } from '../../../nodes/shared/delivery';
import { cachedStateStore, closeCachedStateStores, defaultStatePath } from '../../../nodes/shared/store';
import { openSqliteStateStore } from '../../../nodes/shared/store/sqliteStore';
import type { MessageRecord, StateStore } from '../../../nodes/shared/store/types';
import { type FakeContextOptions, fakeExecuteContext } from '../fakeExecuteContext';
import { type LocalTarget, answer, closedPortUrl, startTarget } from '../shared/delivery/localTarget';

/**
 * The push log against real SQLite files: rows read back through a second handle on the file, as
 * the Outbox node (another execution, maybe another process) reads them.
 */

const node = new SendOutboundMessage();
const nodeName = 'Send to Hesi';

let folder: string;
let storeFile: string;
let target: LocalTarget;

const credentialFor = (filePath: string) => ({ outboundStateStore: { storeType: 'embedded', filePath } });
const withCredential = { outboundStateStore: { id: 'cred-1', name: 'Outbound State Store' } };

async function run(options: Omit<FakeContextOptions, 'node'> & { credentialSet?: boolean }) {
	const { credentialSet = true, ...rest } = options;
	const fake = fakeExecuteContext({
		node: { name: nodeName, type: 'n8n-nodes-outbound-messages.sendOutboundMessage', ...(credentialSet ? { credentials: withCredential } : {}) },
		credentials: credentialSet ? credentialFor(storeFile) : undefined,
		workflowName: 'Hesi to ERP',
		...rest,
	});
	const [success, retry, failure, held] = await node.execute.call(fake.context);
	return { success, retry, failure, held, customData: fake.customData };
}

async function rows(file = storeFile): Promise<MessageRecord[]> {
	if (!fs.existsSync(file)) return [];
	const store = openSqliteStateStore({ kind: 'embedded', path: file });
	try {
		return (await store.searchMessages({}, { limit: 1000 })).items.sort((a, b) => a.messageId.localeCompare(b.messageId));
	} finally {
		await store.close();
	}
}

const delivery = (item: INodeExecutionData) => item.json.delivery as unknown as DeliveryRecord;
const withIds = (...jsons: Array<Record<string, unknown>>): INodeExecutionData[] => jsons.map((json, n) => ({ json: { ...json, delivery: { messageId: `m${n}` } } }));

beforeAll(async () => {
	target = await startTarget((call, res) => {
		const { kind } = JSON.parse(call.body.toString()) as { kind?: string };
		if (kind === 'busy') answer(res, 503, 'busy');
		else if (kind === 'bad') answer(res, 400, 'bad');
		else answer(res, 200, 'ok');
	});
});

beforeEach(() => {
	folder = fs.mkdtempSync(path.join(os.tmpdir(), 'push-log-'));
	storeFile = path.join(folder, 'state.db');
});

afterEach(async () => {
	await closeCachedStateStores();
	fs.rmSync(folder, { recursive: true, force: true });
});

afterAll(async () => await target.close());

describe('Send Outbound Message push log', () => {
	it('writes one row per item with a State Store credential set, statuses in the seed\'s terms', async () => {
		const dead = await closedPortUrl();
		const parameters: INodeParameters = { url: '={{ $json.url }}', handOffLongRetries: true, options: { timeout: 2000 } };
		const expressions = { '={{ $json.url }}': (item: INodeExecutionData) => item.json.url };
		const { success, retry, failure } = await run({
			parameters,
			expressions,
			items: withIds(
				{ url: target.url, kind: 'ok', flowId: 'F-1', receiver: 'u-1' },
				{ url: target.url, kind: 'bad', flowid: 'F-2' },
				{ url: dead, kind: 'ok' },
				{ url: target.url, kind: 'busy' },
			),
		});
		expect([success.length, failure.length, retry.length]).toEqual([1, 1, 2]);
		const logged = await rows();
		expect(logged.map((row) => [row.messageId, row.status, row.reason, row.flowId, row.receiver, row.attempts])).toEqual([
			['m0', 'succeeded', null, 'F-1', 'u-1', 1],
			['m1', 'failed', 'status_not_accepted', 'F-2', null, 1],
			['m2', 'retrying', 'connection_error', null, null, 1],
			['m3', 'retrying', 'status_not_accepted', null, null, 1],
		]);
		expect(logged[0]).toMatchObject({ source: 'Hesi to ERP / Send to Hesi', target: `${target.url}/`, nextDueAt: null });
		expect(logged[1].delivery).toMatchObject({ status: 'failed', reason: 'status_not_accepted', responseStatus: 400, lastAttemptAt: delivery(failure[0]).lastAttemptAt });
		expect([...success, ...failure, ...retry].map((item) => delivery(item).log)).toEqual(Array(4).fill({ written: true }));
	});

	it('keeps the item as it came in (without its delivery record) on rows not delivered, none on delivered ones', async () => {
		await run({ parameters: { url: target.url }, items: withIds({ kind: 'ok', orderId: 'A-1' }, { kind: 'bad', orderId: 'A-2' }) });
		const [delivered, refused] = await rows();
		expect(delivered.payload).toBeNull();
		expect(refused.payload).toEqual({ kind: 'bad', orderId: 'A-2' });
	});

	it('keeps the payloads of successes with "Keep Payloads of Successes"', async () => {
		await run({ parameters: { url: target.url, pushLogKeepSuccessPayloads: true }, items: withIds({ kind: 'ok', orderId: 'A-1' }) });
		expect((await rows())[0].payload).toEqual({ kind: 'ok', orderId: 'A-1' });
	});

	it('logs a failure without any answer as no_response', async () => {
		const { failure } = await run({ parameters: { url: await closedPortUrl() }, items: withIds({ kind: 'ok' }) });
		expect(delivery(failure[0]).reason).toBe('connection_error');
		expect((await rows())[0]).toMatchObject({ status: 'no_response', reason: 'connection_error', payload: { kind: 'ok' } });
	});

	it('logs held items with their payload, so the Outbox can send them again', async () => {
		const dead = await closedPortUrl();
		const { held } = await run({ parameters: { url: dead, circuitBreaker: true, options: { concurrency: 1 } }, items: withIds(...Array.from({ length: 6 }, (_, n) => ({ n }))) });
		expect(held).toHaveLength(1);
		const row = (await rows()).find((candidate) => candidate.messageId === 'm5');
		expect(row).toMatchObject({ status: 'held', reason: 'circuit_open', attempts: 0, payload: { n: 5 }, delivery: { status: 'held', circuit: { state: 'open', justOpened: true } } });
	});

	it('reads the flow ID and receiver from the expressions set for them', async () => {
		await run({
			parameters: { url: target.url, pushLogFlowId: '={{ $json.form.billNo }}', pushLogReceiver: '={{ $json.to }}' },
			expressions: { '={{ $json.form.billNo }}': (item) => (item.json.form as { billNo: string }).billNo, '={{ $json.to }}': (item) => item.json.to },
			items: withIds({ kind: 'ok', form: { billNo: 'B-77' }, to: 'zhang.san' }),
		});
		expect((await rows())[0]).toMatchObject({ flowId: 'B-77', receiver: 'zhang.san' });
	});

	it('updates the row of a message sent again under its id (from the Outbox), adding its attempts', async () => {
		await run({ parameters: { url: target.url }, items: withIds({ kind: 'busy' }) });
		// The Outbox hands the payload back with the message id; this time the target takes it.
		const { success } = await run({ parameters: { url: target.url }, items: [{ json: { kind: 'ok', delivery: { messageId: 'm0' } } }] });
		expect(delivery(success[0]).messageId).toBe('m0');
		expect(await rows()).toEqual([expect.objectContaining({ messageId: 'm0', status: 'succeeded', attempts: 2, payload: null })]);
	});

	it('writes nothing without a State Store credential, by default', async () => {
		const { success } = await run({ credentialSet: false, parameters: { url: target.url }, items: withIds({ kind: 'ok' }) });
		expect(delivery(success[0]).log).toBeUndefined();
		expect(fs.existsSync(defaultStatePath())).toBe(false);
	});

	it('writes to the embedded file in the n8n folder with "Always" and no credential', async () => {
		const { success } = await run({ credentialSet: false, parameters: { url: target.url, pushLog: 'always' }, items: withIds({ kind: 'ok' }) });
		expect(delivery(success[0]).log).toEqual({ written: true });
		await closeCachedStateStores();
		expect((await rows(defaultStatePath())).map((row) => row.messageId)).toEqual(['m0']);
		fs.rmSync(defaultStatePath());
	});

	it('writes nothing with "Never", even with a credential set', async () => {
		await run({ parameters: { url: target.url, pushLog: 'never' }, items: withIds({ kind: 'ok' }) });
		expect(await rows()).toEqual([]);
	});

	it('writes every row of a run larger than one batch', async () => {
		const many = Array.from({ length: 1201 }, (_, n) => ({ json: { kind: 'ok', n, delivery: { messageId: `m${String(n).padStart(4, '0')}` } } }));
		const { success } = await run({ parameters: { url: target.url, options: { concurrency: 64 } }, items: many });
		expect(success.every((item) => delivery(item).log?.written === true)).toBe(true);
		const store = openSqliteStateStore({ kind: 'embedded', path: storeFile });
		try {
			expect((await store.searchMessages({}, { limit: 1 })).total).toBe(1201);
		} finally {
			await store.close();
		}
	});

	it('logs handed-off items with the time they leave by, aligned across the run, though earlier batches are written during delivery', async () => {
		// 600 items: the first 500 finished are written while the rest are in flight; the two busy ones wait for the aligned time.
		const many = Array.from({ length: 600 }, (_, n) => ({
			json: { kind: n === 0 || n === 599 ? 'busy' : 'ok', delivery: { messageId: `m${String(n).padStart(4, '0')}` } },
		}));
		const { success, retry } = await run({ parameters: { url: target.url, handOffLongRetries: true, options: { concurrency: 4 } }, items: many });
		expect([success.length, retry.length]).toEqual([598, 2]);
		const aligned = delivery(retry[0]).nextAttemptAt;
		expect(delivery(retry[1]).nextAttemptAt).toBe(aligned);
		const logged = await rows();
		expect(logged).toHaveLength(600);
		expect(logged.filter((row) => row.status === 'retrying').map((row) => [row.messageId, row.delivery?.nextAttemptAt])).toEqual([
			['m0000', aligned],
			['m0599', aligned],
		]);
		expect([...success, ...retry].every((item) => delivery(item).log?.written === true)).toBe(true);
	});

	it('delivers every item and says why the log is missing when the store cannot be opened', async () => {
		const blocker = path.join(folder, 'not-a-folder');
		fs.writeFileSync(blocker, 'a file where the store folder should be');
		storeFile = path.join(blocker, 'state.db');
		const { success, failure } = await run({ parameters: { url: target.url }, items: withIds({ kind: 'ok' }, { kind: 'bad' }) });
		expect(success).toHaveLength(1);
		expect(failure).toHaveLength(1);
		expect(target.calls.length).toBeGreaterThan(0);
		for (const item of [...success, ...failure]) {
			expect(delivery(item).log).toEqual({ written: false, error: expect.stringMatching(/^Cannot open the state store of node "Send to Hesi": Cannot open the state store file .*not-a-folder.*EEXIST/) });
		}
		expect(delivery(success[0]).status).toBe('succeeded');
	});

	it('delivers every item and says why the log is missing when the store fails to write', async () => {
		// The process's cached handle, closed under the node: every write fails.
		const store: StateStore = cachedStateStore({ kind: 'embedded', path: storeFile });
		await store.close();
		const { success } = await run({ parameters: { url: target.url }, items: withIds({ kind: 'ok' }, { kind: 'ok' }) });
		expect(success.map((item) => delivery(item).status)).toEqual(['succeeded', 'succeeded']);
		expect(delivery(success[0]).log).toEqual({ written: false, error: expect.stringMatching(/^The push log could not be written to the state store \(.*state\.db\): /) });
	});
});

describe('Send Outbound Message custom execution data', () => {
	it('sets the first message id, the count, the source, the event, the flow ID and the outcome', async () => {
		const { customData } = await run({
			credentialSet: false,
			parameters: { url: target.url, event: 'flow.paid' },
			items: withIds({ kind: 'ok', flowId: 'F-9' }, { kind: 'bad' }),
		});
		expect(customData).toEqual({ messageId: 'm0', messageCount: '2', source: 'Hesi to ERP / Send to Hesi', event: 'flow.paid', flowId: 'F-9', outcome: 'partly failed' });
	});

	it.each([
		['succeeded', [{ kind: 'ok' }, { kind: 'ok' }]],
		['failed', [{ kind: 'bad' }, { kind: 'bad' }]],
	])('says %s when every item was', async (outcome, jsons) => {
		const { customData } = await run({ credentialSet: false, parameters: { url: target.url }, items: withIds(...jsons) });
		expect(customData.outcome).toBe(outcome);
	});
});
