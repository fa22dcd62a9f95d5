import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { UnifiedTodoPush } from '../../../nodes/UnifiedTodoPush/UnifiedTodoPush.node';
import type { DeliveryRecord } from '../../../nodes/shared/delivery';
import { ofsTodoSample } from '../../../nodes/shared/events/samples';
import { closeCachedStateStores } from '../../../nodes/shared/store';
import { openSqliteStateStore } from '../../../nodes/shared/store/sqliteStore';
import type { MessageRecord } from '../../../nodes/shared/store/types';
import { type LandrayFake, startLandrayFake } from '../../fakes/todo/landray';
import { type OfsFake, startOfsFake } from '../../fakes/todo/ofs';
import { fakeExecuteContext, parametersWithDefaults } from '../fakeExecuteContext';

/**
 * Unified Todo Push as n8n runs it (parameters completed with the description's defaults), against
 * the e-cology OFS and Landray fakes on 127.0.0.1 and a real embedded state store per test, so the
 * records the rules keep outlive one run as they do in n8n.
 */

const node = new UnifiedTodoPush();
let folder: string;
let storeFile: string;
let ofs: OfsFake;
let landray: LandrayFake;

const withStore = { outboundStateStore: { id: 'cred-1', name: 'Outbound State Store' } };

async function run(stored: INodeParameters, items: INodeExecutionData[], options: { continueOnFail?: boolean } = {}) {
	const parameters = parametersWithDefaults(node.description, stored, 1);
	const fake = fakeExecuteContext({
		node: { name: 'Push to Portal', type: 'n8n-nodes-outbound-messages.unifiedTodoPush', credentials: withStore },
		credentials: { outboundStateStore: { storeType: 'embedded', filePath: storeFile } },
		parameters,
		items,
		continueOnFail: options.continueOnFail,
		workflowName: 'OA to-do hub',
	});
	const [success, ignored, failure, held] = await node.execute.call(fake.context);
	return { success, ignored, failure, held, customData: fake.customData };
}

const ofsTarget = () => ({ sysCode: 'EC9', serverAddress: ofs.url });
const item = (json: Record<string, unknown>): INodeExecutionData => ({ json: json as IDataObject });
const todo = (flowid: string, extra: Record<string, string> = {}) => item({ ...ofsTodoSample('todo'), flowid, ...extra });
const done = (flowid: string, extra: Record<string, string> = {}) => item({ ...ofsTodoSample('done'), flowid, ...extra });
const delivery = (output: INodeExecutionData) => output.json.delivery as unknown as DeliveryRecord;
const bodies = () => ofs.requests.map((request) => ({ path: request.path, body: JSON.parse(request.text) as Record<string, string> }));

async function pushLogRows(): Promise<MessageRecord[]> {
	const store = openSqliteStateStore({ kind: 'embedded', path: storeFile });
	try {
		return (await store.searchMessages({}, { limit: 100 })).items;
	} finally {
		await store.close();
	}
}

beforeAll(async () => {
	ofs = await startOfsFake();
	landray = await startLandrayFake({ user: 'oa', password: 'secret-pw' });
});

afterAll(async () => {
	await ofs.close();
	await landray.close();
});

beforeEach(() => {
	folder = fs.mkdtempSync(path.join(os.tmpdir(), 'todo-push-'));
	storeFile = path.join(folder, 'state.db');
	ofs.requests.length = 0;
	ofs.failWith(undefined);
	landray.requests.length = 0;
	landray.calls.length = 0;
	landray.failWith(undefined);
});

afterEach(async () => {
	await closeCachedStateStores();
	fs.rmSync(folder, { recursive: true, force: true });
});

describe('Unified Todo Push at its defaults (e-cology OFS REST)', () => {
	it('pushes an OFS to-do from the Unified Todo Trigger as e-cology receives it, and leaves by Success with its record', async () => {
		const { success, ignored, failure } = await run(ofsTarget(), [todo('1001')]);
		expect([success.length, ignored.length, failure.length]).toEqual([1, 0, 0]);
		expect(bodies()).toEqual([
			{
				path: '/rest/ofs/ReceiveRequestInfoByJson',
				body: expect.objectContaining({ syscode: 'EC9', flowid: '1001', isremark: '0', receiver: 'lisi', receivets: '1717205405000', createdatetime: '2024-06-01 09:30:00' }),
			},
		]);
		expect(delivery(success[0])).toMatchObject({ status: 'succeeded', event: 'todo.todo', messageId: expect.stringMatching(/^todo_/) });
		expect(success[0].json.todo).toMatchObject({ operation: 'todo', flowId: '1001', receiver: 'lisi', oaReceiver: 'lisi' });
	});

	it('gives the same to-do the same message ID in every run, so the push log and the Outbox see one message', async () => {
		const first = await run(ofsTarget(), [todo('1002')]);
		const second = await run(ofsTarget(), [todo('1002')]);
		expect(delivery(second.success[0]).messageId).toBe(delivery(first.success[0]).messageId);
	});

	it('fails an item whose target answers operResult "0", with the target\'s message, and pushes the others', async () => {
		const { success, failure } = await run({ ...ofsTarget(), retries: 0 }, [todo('1003'), { json: { hello: 'not a to-do' } }]);
		expect(success).toHaveLength(1);
		expect(failure).toHaveLength(1);
		expect(delivery(failure[0])).toMatchObject({ status: 'failed', reason: 'invalid_request', message: expect.stringMatching(/^Item 2 cannot be pushed by node "Push to Portal": The item is not a to-do event: expected an item of the Unified Todo Trigger/) });
		ofs.failWith('operResult0', '接收人不存在');
		const refused = await run({ ...ofsTarget(), retries: 0 }, [todo('1004')]);
		expect(refused.failure).toHaveLength(1);
		expect(delivery(refused.failure[0]).message).toContain('接收人不存在');
	});

	it('ignores every item with reason "disabled" when Enabled is off, and sends nothing', async () => {
		const { ignored } = await run({ ...ofsTarget(), enabled: false }, [todo('1005')]);
		expect(delivery(ignored[0])).toMatchObject({ status: 'ignored', reason: 'disabled' });
		expect(ofs.requests).toHaveLength(0);
	});

	it('stops with the label, the node and the fix when System Identifier is empty', async () => {
		await expect(run({ serverAddress: ofs.url }, [todo('1006')])).rejects.toThrow('Invalid "System Identifier" in node "Push to Portal": it is empty');
		await expect(run({ sysCode: 'EC9', serverAddress: 'ftp://x' }, [todo('1006')])).rejects.toThrow('Invalid "Server Address"');
	});

	it('writes every pushed and ignored to-do to the push log when a state store credential is set', async () => {
		await run({ ...ofsTarget(), workflowInterception: 'blacklist', workflowIds: 'wf-blocked' }, [todo('1007'), todo('1008', { workflowid: 'wf-blocked' })]);
		const rows = await pushLogRows();
		expect(rows.map((row) => [row.flowId, row.status, row.event]).sort()).toEqual([
			['1007', 'succeeded', 'todo.todo'],
			['1008', 'ignored', 'todo.todo'],
		]);
	});
});

describe('the circuit breaker', () => {
	it('holds the to-dos after the target failed the set number of times in a row, with a Held output and one justOpened', async () => {
		ofs.failWith('http500');
		const breaker = { circuitBreaker: true, breakerConsecutiveFailures: 2, retries: 0 };
		const items = ['a', 'b', 'c', 'd'].map((receiver) => todo('5001', { receiver }));
		const { failure, held } = await run({ ...ofsTarget(), ...breaker }, items);
		expect(failure.map((output) => (output.json.todo as { receiver: string }).receiver)).toEqual(['a', 'b']);
		expect(held.map((output) => delivery(output).reason)).toEqual(['circuit_open', 'circuit_open']);
		expect(held.filter((output) => delivery(output).circuit?.justOpened)).toHaveLength(1);
		expect(ofs.requests).toHaveLength(2);
	});
});

describe('the rules of seed 002', () => {
	it('ignores a to-do of a blacklisted workflow with the rule that matched', async () => {
		const { ignored } = await run({ ...ofsTarget(), workflowInterception: 'blacklist', workflowIds: 'wf-9, wf-blocked' }, [todo('2001', { workflowid: 'wf-blocked' })]);
		expect(delivery(ignored[0])).toMatchObject({ reason: 'intercepted_workflow', message: expect.stringContaining('wf-blocked') });
		expect(ofs.requests).toHaveLength(0);
	});

	it('with Filter Duplicate To-Dos, a to-do pushed in an earlier run is Ignored as duplicate', async () => {
		await run({ ...ofsTarget(), duplicateFilter: true }, [todo('2002')]);
		const again = await run({ ...ofsTarget(), duplicateFilter: true }, [todo('2002', { receivets: '1717205406000' })]);
		expect(delivery(again.ignored[0])).toMatchObject({ reason: 'duplicate' });
		expect(ofs.requests).toHaveLength(1);
	});

	it('with Compensate Missing To-Dos, a done with no to-do on record pushes a to-do first, then the done', async () => {
		const { success } = await run({ ...ofsTarget(), compensation: true }, [done('2003')]);
		expect(bodies().map(({ body }) => body.isremark)).toEqual(['0', '2']);
		expect(success).toHaveLength(1);
		expect(success[0].json.todo).toMatchObject({ operation: 'done', compensation: expect.objectContaining({ status: 'succeeded', event: 'todo.todo' }) });
		// The to-do is on record now: the next done of the flow is pushed alone.
		ofs.requests.length = 0;
		await run({ ...ofsTarget(), compensation: true }, [done('2003', { receivets: '1717205499000' })]);
		expect(bodies().map(({ body }) => body.isremark)).toEqual(['2']);
	});

	it('maps the receiver by the Person Mapping Table before pushing, and fails an unmapped one naming the fix', async () => {
		const mapping = { personMapping: 'table', mappingField: 'workCode', mappingTable: { rows: [{ oaUserId: 'lisi', workCode: 'A017' }] } };
		const { success } = await run({ ...ofsTarget(), ...mapping }, [todo('2004')]);
		expect(bodies()[0].body.receiver).toBe('A017');
		// The creator is not in the table: shown with its OA id, the to-do still goes.
		expect(bodies()[0].body.creator).toBe('zhangsan');
		expect(success[0].json.todo).toMatchObject({ receiver: 'A017', oaReceiver: 'lisi' });
		const { failure } = await run({ ...ofsTarget(), ...mapping }, [todo('2005', { receiver: 'wangwu' })]);
		expect(delivery(failure[0]).message).toContain('The receiver wangwu is not in the person mapping');
	});

	it('renders the PC link from a push-address template', async () => {
		const addresses = {
			pc: { template: { prefix: 'https://portal.example.com/sso', redirect: true, parameters: { parameter: [{ name: 'target', kind: 'parameter', parameter: 'encodedUrl' }] } } },
			oaAddress: 'https://oa.example.com',
		};
		await run({ ...ofsTarget(), addresses }, [todo('2006')]);
		const pcurl = bodies()[0].body.pcurl;
		expect(pcurl.startsWith('https://portal.example.com/sso?target=')).toBe(true);
		expect(decodeURIComponent(pcurl.split('target=')[1])).toBe('https://oa.example.com/spa/workflow/static4form/index.html#/main/workflow/req?requestid=202406010001');
	});
});

describe('Landray EKP (SOAP)', () => {
	it('sends sendTodo with the arg0 context and the SOAP header from the credential; returnState 2 is Success', async () => {
		const parameters = { sysCode: 'OA', serverAddress: landray.url, adapter: 'landraySoap', landrayAppName: 'OA' };
		const fake = fakeExecuteContext({
			node: { name: 'Push to EKP', type: 'n8n-nodes-outbound-messages.unifiedTodoPush', credentials: { ...withStore, todoLandrayApi: { id: 'c2', name: 'EKP' } } },
			credentials: { outboundStateStore: { storeType: 'embedded', filePath: storeFile }, todoLandrayApi: { username: 'oa', password: 'secret-pw' } },
			parameters: parametersWithDefaults(node.description, parameters, 1),
			items: [todo('3001')],
		});
		const [success] = await node.execute.call(fake.context);
		expect(success).toHaveLength(1);
		expect(landray.calls).toEqual([expect.objectContaining({ operation: 'sendTodo', header: { user: 'oa', password: 'secret-pw' }, arg0: expect.objectContaining({ modelId: '3001', subject: '差旅报销-张三-2024-06-01' }) })]);
		// The password never reaches the saved record.
		expect(JSON.stringify(success[0].json)).not.toContain('secret-pw');
	});
});

describe('Preview Addresses', () => {
	it('renders the three links for a flow and receiver, without sending anything', async () => {
		const addresses = { app: { template: { prefix: 'https://m.example.com/open', redirect: false, parameters: { parameter: [{ name: 'fid', kind: 'parameter', parameter: 'flowId' }] } } } };
		const { success } = await run({ operation: 'preview', sysCode: 'EC9', serverAddress: ofs.url, previewFlowId: '4001', previewReceiver: 'lisi', addresses }, [{ json: {} }]);
		expect(success[0].json).toMatchObject({ flowId: '4001', receiver: 'lisi', appUrl: expect.stringContaining('fid=4001'), pcUrl: expect.stringContaining('requestid=4001') });
		expect(ofs.requests).toHaveLength(0);
	});
});
