/**
 * The six Hesi (合思) triggers in a real n8n. Each workflow (test/e2e/workflows/trigger-hesi-*.json)
 * holds the trigger twice, each → NoOp:
 * - as Hesi sends: the signKey of the outbound message in a header (or, for business objects, a
 *   body field), duplicates keyed on the message's own fields (Hesi sends no delivery id);
 * - behind Standard Webhooks (a relay or another n8n signing with Send Outbound Message), signed
 *   here with the official `standardwebhooks` library: the scheme with a timestamp, so the replay
 *   window is exercised for every Hesi trigger (a signKey carries no timestamp).
 */
import fs from 'node:fs';
import path from 'node:path';

import { connectN8n, nodeOutputs } from '../harness/n8n';
import {
	type Reply,
	type SourceRequest,
	executionCount,
	expectNoNewExecution,
	hesiBodyPost,
	hesiHeaderPost,
	newExecution,
	send,
	standardWebhooksPost,
	waitForTrigger,
	withBodyChanged,
} from './senders';

const n8n = connectN8n();
jest.setTimeout(180_000);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Item = Record<string, any>;
type Payload = Record<string, unknown>;

/** Secrets of test/e2e/credentials/trigger-hesi-*.json and trigger-standard-webhooks.json. */
const headerKey = 'e2e-hesi-signkey-ov7ANsa-JMn22aAs';
const bodyKey = 'e2e-hesi-body-key-5c3b9f0e21d4';
const standardSecret = 'whsec_tEUisnvkS/qJj2p/dInQYCiM4jEDFF25';
const previousStandardSecret = 'whsec_0H+09NxGBknloZOMOcveo4VfNcIaTxyq';

/** Seed 000, 通知类出站消息消息接收人. */
const userInfo = { id: '7hw8MheAgo0g00:I6A8MlHIQM0000', name: '张三', cellphone: '13111111111', email: 'zhangsan@example.com' };

/** Fields a subscriber typically selects (seed 000, 支持字段: text, date, money, staff, department). */
const documentFields = {
	flowId: 'ID01owxnVgQ0BV',
	nodeId: 'FLOW:1171302470:1592882963',
	code: 'B24000123',
	title: '差旅报销-张三',
	submitDate: 1705282200000,
	submitterId: { id: '7hw8MheAgo0g00:I6A8MlHIQM0000', name: '张三' },
	expenseDepartment: { id: '7hw8MheAgo0g00:ID01dept0902', path: '合思科技/财务部/费用组', name: '费用组', code: '0902' },
	expenseMoney: { currency: 'CNY', amount: '1280.50', foreignCurrency: 'USD', foreignAmount: '178.10', exchangeRate: '7.19' },
};

interface HesiCase {
	title: string;
	workflowId: string;
	node: string;
	path: string;
	keyIn: 'header' | 'body';
	/** A message the trigger selects, its event stamp's type/typeName and its duplicate key. */
	accepted: Payload;
	type: string;
	typeName: string;
	deliveryId: string;
	/** A valid message the trigger does not select (absent: the trigger has one event and no filter). */
	unselected?: Payload;
	/** The answer Hesi counts as success, as the workflow configures it. */
	success: { status: number; body: string };
	/** A second selected message, for the Standard Webhooks twin of the trigger. */
	relayed: Payload;
	/** A text in `accepted` that the tampering test changes. */
	tamper: [from: string, to: string];
}

const cases: HesiCase[] = [
	{
		title: 'Hesi Approval Event Trigger',
		workflowId: 'e2eTrigHesiAppr1',
		node: 'Hesi Approval Event Trigger',
		path: 'e2e-trig-hesi-approval',
		keyIn: 'header',
		accepted: { action: 'flow.rejected', actionName: '被驳回', userInfo, ...documentFields },
		type: 'flow.rejected',
		typeName: 'Rejected (被驳回)',
		deliveryId: `flowId=ID01owxnVgQ0BV;nodeId=FLOW:1171302470:1592882963;action=flow.rejected;userInfo.id=${userInfo.id}`,
		unselected: { action: 'freeflow.remind', actionName: '催办', userInfo, ...documentFields },
		success: { status: 200, body: '{"code":"1"}' },
		relayed: { action: 'backlog.approving', actionName: '待审批', userInfo, ...documentFields },
		tamper: ['"1280.50"', '"9280.50"'],
	},
	{
		title: 'Hesi Business Object Trigger',
		workflowId: 'e2eTrigHesiObj1',
		node: 'Hesi Business Object Trigger',
		path: 'e2e-trig-hesi-object',
		keyIn: 'body',
		accepted: {
			action: 'datalink.update',
			entityName: '供应商档案',
			dataLinkId: 'ID01x2y34',
			code: 'GYS-0001',
			name: '南京云帆科技有限公司',
			owner: { id: '7hw8MheAgo0g00:I6A8MlHIQM0000', name: '张三' },
			bankAccount: { sort: 'BANK', type: 'PUBLIC', name: '南京云帆科技有限公司', cardNo: '6214000123123028888', bank: '招商银行' },
			updateTime: 1721887938398,
		},
		type: 'datalink.update',
		typeName: 'Record updated (修改业务对象数据)',
		deliveryId: 'dataLinkId=ID01x2y34;action=datalink.update;updateTime=1721887938398',
		unselected: { action: 'datalink.create', entityName: '客户档案', dataLinkId: 'ID01c0001', name: '上海示例贸易有限公司', updateTime: 1721887938398 },
		success: { status: 204, body: '' },
		relayed: { action: 'datalink.create', entityName: '供应商档案', dataLinkId: 'ID01x2y35', name: '苏州示例科技有限公司', updateTime: 1721887939001 },
		tamper: ['6214000123123028888', '6214000999999999999'],
	},
	{
		title: 'Hesi Message Center Trigger',
		workflowId: 'e2eTrigHesiMsgC1',
		node: 'Hesi Message Center Trigger',
		path: 'e2e-trig-hesi-message-center',
		keyIn: 'header',
		accepted: { messageName: '预算超标提醒', userInfo, ...documentFields },
		type: 'messageCenter.notify',
		typeName: 'Message center notification (消息中心通知)',
		deliveryId: `flowId=ID01owxnVgQ0BV;messageName=预算超标提醒;userInfo.id=${userInfo.id}`,
		unselected: { messageName: '差旅标准提醒', userInfo, ...documentFields },
		success: { status: 201, body: '{"code":"1"}' },
		relayed: { messageName: '自定义测试', userInfo, ...documentFields },
		tamper: ['"1280.50"', '"9280.50"'],
	},
	{
		title: 'Hesi EBot Trigger',
		workflowId: 'e2eTrigHesiEbot1',
		node: 'Hesi EBot Trigger',
		path: 'e2e-trig-hesi-ebot',
		keyIn: 'header',
		accepted: { ...documentFields, nodeName: 'EBot 预算校验' },
		type: 'ebot.arrived',
		typeName: 'Flow reached an EBot node (到达EBot节点)',
		deliveryId: 'flowId=ID01owxnVgQ0BV;nodeId=FLOW:1171302470:1592882963',
		success: { status: 200, body: '{"code":"1"}' },
		relayed: { ...documentFields, flowId: 'ID01owxnVgQ0BW', nodeId: 'FLOW:1171302470:1592882999', nodeName: 'EBot 发票校验' },
		tamper: ['"1280.50"', '"9280.50"'],
	},
	{
		title: 'Hesi Loan Event Trigger',
		workflowId: 'e2eTrigHesiLoan1',
		node: 'Hesi Loan Event Trigger',
		path: 'e2e-trig-hesi-loan',
		keyIn: 'header',
		accepted: {
			action: 'repayment:AGREE',
			actionName: '手动还款被确认收款',
			userInfo,
			flowId: 'ID01loan7Kq2Zs',
			code: 'J24000017',
			title: '北京出差备用金',
			loanMoney: { currency: 'CNY', amount: '2000.00' },
			repaymentMoney: { currency: 'CNY', amount: '500.00' },
			repaymentDate: 1721887938241,
		},
		type: 'repayment:AGREE',
		typeName: 'Manual repayment confirmed (手动还款被确认收款)',
		deliveryId: `flowId=ID01loan7Kq2Zs;action=repayment:AGREE;userInfo.id=${userInfo.id}`,
		unselected: { action: 'loan:EXPIRE', actionName: '还款提醒', userInfo, flowId: 'ID01loan7Kq2Zs', code: 'J24000017' },
		success: { status: 200, body: '{"code":"1"}' },
		relayed: { action: 'repayment:APPROVE', actionName: '发起手动还款', userInfo, flowId: 'ID01loan7Kq2Zs', code: 'J24000017' },
		tamper: ['"500.00"', '"50.00"'],
	},
	{
		title: 'Hesi Internal Message Trigger',
		workflowId: 'e2eTrigHesiMsgI1',
		node: 'Hesi Internal Message Trigger',
		path: 'e2e-trig-hesi-internal',
		keyIn: 'header',
		accepted: {
			internalMessageNameType: 'budget:alert',
			internalMessageName: '预算执行达到预警值',
			userInfo,
			flowId: 'ID01owxnVgQ0BV',
			code: 'B24000123',
			title: '差旅报销-张三',
		},
		type: 'budget:alert',
		typeName: 'Budget reached its alert threshold (预算执行达到预警值)',
		deliveryId: `flowId=ID01owxnVgQ0BV;internalMessageNameType=budget:alert;userInfo.id=${userInfo.id}`,
		unselected: { internalMessageNameType: 'staff:apply', internalMessageName: '员工申请加入消息', userInfo },
		success: { status: 200, body: '{"code":"1"}' },
		relayed: { internalMessageNameType: 'owner:freeflow.pay', internalMessageName: '支付完成', userInfo, flowId: 'ID01owxnVgQ0BV' },
		tamper: ['B24000123', 'B24000999'],
	},
];

/** The message as Hesi sends it: the signKey where the case's credential expects it. */
function fromHesi(testCase: HesiCase, payload: Payload | string, key = testCase.keyIn === 'header' ? headerKey : bodyKey): SourceRequest {
	if (testCase.keyIn === 'body') {
		if (typeof payload === 'string') return { pathAndQuery: testCase.path, headers: { 'content-type': 'application/json' }, body: payload };
		return hesiBodyPost(testCase.path, payload, { key });
	}
	return hesiHeaderPost(testCase.path, payload, { key });
}

function expectSuccess(reply: Reply, testCase: HesiCase): void {
	expect(reply.status).toBe(testCase.success.status);
	expect(reply.body).toBe(testCase.success.body);
	if (testCase.success.body) expect(reply.contentType).toBe('application/json; charset=utf-8');
}

/** Same message, new values: a message Hesi would send for another document (never a duplicate). */
function another(payload: Payload, n: number): Payload {
	return { ...payload, flowId: `ID01e2e${Date.now()}${n}`, dataLinkId: `ID01e2e${Date.now()}${n}` };
}

beforeAll(async () => {
	for (const { path } of cases) {
		await waitForTrigger(n8n, path);
		await waitForTrigger(n8n, `${path}-sw`);
	}
});

describe.each(cases)('$title in a real n8n', (testCase) => {
	const { workflowId, node } = testCase;

	describe('signed with the Hesi signKey', () => {
		let accepted: Item[];

		it('accepts the message: answers the configured success and emits it with json.event', async () => {
			const before = await executionCount(n8n, workflowId);
			const reply = await send(n8n, fromHesi(testCase, testCase.accepted));
			expectSuccess(reply, testCase);

			const execution = await newExecution(n8n, workflowId, before);
			expect(execution.status).toBe('success');
			[accepted] = nodeOutputs(execution, node);
			expect(accepted).toHaveLength(1);
			const { event, ...payload } = accepted[0];
			// The signKey a body carries is checked, then kept out of the item.
			expect(payload).toEqual(testCase.accepted);
			expect(event).toEqual({
				source: 'hesi',
				type: testCase.type,
				typeName: testCase.typeName,
				deliveryId: testCase.deliveryId,
				flowId: (testCase.accepted as { flowId?: string }).flowId ?? null,
				receivedAt: expect.any(String),
				verified: true,
			});
			expect(Math.abs(Date.parse(event.receivedAt) - Date.now())).toBeLessThan(60_000);
			expect(nodeOutputs(execution, 'Received')[0]).toEqual(accepted);
		});

		it('answers a message with a wrong signKey with 401 and starts no execution', async () => {
			const before = await executionCount(n8n, workflowId);
			const reply = await send(n8n, fromHesi(testCase, another(testCase.accepted, 1), 'not-the-sign-key'));
			expect(reply.status).toBe(401);
			expect(JSON.parse(reply.body)).toEqual({ error: 'signature_mismatch', message: expect.stringContaining('did not match') });
			await expectNoNewExecution(n8n, workflowId, before);
		});

		it('answers a message without a signKey with 401 and starts no execution', async () => {
			const before = await executionCount(n8n, workflowId);
			const unsigned = { pathAndQuery: testCase.path, headers: { 'content-type': 'application/json' }, body: JSON.stringify(another(testCase.accepted, 2)) };
			const reply = await send(n8n, unsigned);
			expect(reply.status).toBe(401);
			expect(JSON.parse(reply.body).error).toBe('missing_signature');
			await expectNoNewExecution(n8n, workflowId, before);
		});

		it('answers a re-sent message (Hesi retries the same body) with success and starts no new execution', async () => {
			const before = await executionCount(n8n, workflowId);
			expectSuccess(await send(n8n, fromHesi(testCase, testCase.accepted)), testCase);
			await expectNoNewExecution(n8n, workflowId, before);
		});

		if (testCase.unselected) {
			const unselected = testCase.unselected;
			it('answers an unselected event with success and starts no execution', async () => {
				const before = await executionCount(n8n, workflowId);
				expectSuccess(await send(n8n, fromHesi(testCase, unselected)), testCase);
				await expectNoNewExecution(n8n, workflowId, before);
			});
		}

		it('answers malformed JSON with 400 and the reason, and starts no execution', async () => {
			const before = await executionCount(n8n, workflowId);
			const body = testCase.keyIn === 'body' ? `{"signKey":"${bodyKey}","flowId":` : '{"flowId":"ID01owxnVgQ0BV",';
			const reply = await send(n8n, fromHesi(testCase, body));
			expect(reply.status).toBe(400);
			expect(JSON.parse(reply.body)).toEqual({ error: 'malformed_json', message: expect.stringContaining('not valid JSON') });
			await expectNoNewExecution(n8n, workflowId, before);
		});
	});

	describe('behind Standard Webhooks (signed with the standardwebhooks library)', () => {
		const path = `${testCase.path}-sw`;
		const twin = `${node} (Standard Webhooks)`;
		const msgId = `msg_e2e_${testCase.workflowId}_${Date.now()}`;

		it('accepts the message and stamps the webhook-id as its delivery id', async () => {
			const before = await executionCount(n8n, workflowId);
			const reply = await send(n8n, standardWebhooksPost(path, testCase.relayed, { secret: standardSecret, msgId }));
			expectSuccess(reply, testCase);
			const [items] = nodeOutputs(await newExecution(n8n, workflowId, before), twin);
			expect(items).toHaveLength(1);
			const { event, ...payload } = items[0];
			expect(payload).toEqual(testCase.relayed);
			expect(event).toMatchObject({ source: 'hesi', deliveryId: msgId, verified: true });
		});

		it('accepts a message signed with the previous secret during a rotation', async () => {
			const before = await executionCount(n8n, workflowId);
			const reply = await send(n8n, standardWebhooksPost(path, another(testCase.relayed, 3), { secret: previousStandardSecret }));
			expectSuccess(reply, testCase);
			await newExecution(n8n, workflowId, before);
		});

		it('answers a message whose body was changed after signing with 401 and starts no execution', async () => {
			const before = await executionCount(n8n, workflowId);
			const signed = standardWebhooksPost(path, testCase.accepted, { secret: standardSecret });
			const reply = await send(n8n, withBodyChanged(signed, ...testCase.tamper));
			expect(reply.status).toBe(401);
			expect(JSON.parse(reply.body)).toEqual({ error: 'signature_mismatch', message: 'No signature in header webhook-signature matched' });
			await expectNoNewExecution(n8n, workflowId, before);
		});

		it('answers a replayed message (signed 10 minutes ago, outside the 300 s window) with 401 and starts no execution', async () => {
			const before = await executionCount(n8n, workflowId);
			const replayed = standardWebhooksPost(path, another(testCase.relayed, 4), { secret: standardSecret, atMs: Date.now() - 600_000 });
			const reply = await send(n8n, replayed);
			expect(reply.status).toBe(401);
			expect(JSON.parse(reply.body)).toEqual({ error: 'timestamp_out_of_tolerance', message: expect.stringContaining('outside the accepted window of 300 s') });
			await expectNoNewExecution(n8n, workflowId, before);
		});

		it('answers a redelivery (same webhook-id, signed afresh) with success and starts no new execution', async () => {
			const before = await executionCount(n8n, workflowId);
			expectSuccess(await send(n8n, standardWebhooksPost(path, testCase.relayed, { secret: standardSecret, msgId })), testCase);
			await expectNoNewExecution(n8n, workflowId, before);
		});
	});
});

describe('Hesi Internal Message Trigger: Other Event Codes', () => {
	it('starts the workflow for a code typed in Other Event Codes, named by the message itself', async () => {
		const before = await executionCount(n8n, 'e2eTrigHesiMsgI1');
		const message = { internalMessageNameType: 'budget:custom', internalMessageName: '自定义预算提醒', userInfo, flowId: `ID01e2e${Date.now()}` };
		expect((await send(n8n, hesiHeaderPost('e2e-trig-hesi-internal', message, { key: headerKey }))).status).toBe(200);
		const [items] = nodeOutputs(await newExecution(n8n, 'e2eTrigHesiMsgI1', before), 'Hesi Internal Message Trigger');
		expect(items[0].event).toMatchObject({ type: 'budget:custom', typeName: '自定义预算提醒' });
	});
});

/**
 * Workflow e2eTrigHesiDflt1 (trigger-hesi-defaults.json): the Approval Event Trigger with nothing set
 * but its Path and the credential holding Hesi's signKey, as a user leaves a new node.
 */
describe('Hesi triggers left at their defaults in a real n8n', () => {
	const workflowId = 'e2eTrigHesiDflt1';
	const message = (n: number) => ({ remark: '加急', action: 'flow.rejected', userInfo, actionName: '被驳回', ...documentFields, flowId: `ID01dflt${Date.now()}${n}` });

	beforeAll(async () => {
		await waitForTrigger(n8n, 'e2e-trig-hesi-defaults');
		await waitForTrigger(n8n, 'e2e-trig-hesi-defaults-no-credential');
	});

	it('checks the signKey by default: an unsigned message gets 401 and starts no execution', async () => {
		const before = await executionCount(n8n, workflowId);
		const unsigned = { pathAndQuery: 'e2e-trig-hesi-defaults', headers: { 'content-type': 'application/json' }, body: JSON.stringify(message(1)) };
		const reply = await send(n8n, unsigned);
		expect(reply.status).toBe(401);
		expect(JSON.parse(reply.body)).toEqual({ error: 'missing_signature', message: expect.stringContaining('header signKey') });
		const guessed = await send(n8n, hesiHeaderPost('e2e-trig-hesi-defaults', message(2), { key: 'a-guessed-key' }));
		expect(guessed.status).toBe(401);
		await expectNoNewExecution(n8n, workflowId, before);
	});

	it('accepts the message Hesi signs, keeping its keys in the order sent and adding event last', async () => {
		const before = await executionCount(n8n, workflowId);
		const sent = message(3);
		expect((await send(n8n, hesiHeaderPost('e2e-trig-hesi-defaults', sent, { key: headerKey }))).status).toBe(200);
		const [items] = nodeOutputs(await newExecution(n8n, workflowId, before), 'Hesi Approval Event Trigger');
		expect(items).toHaveLength(1);
		expect(Object.keys(items[0])).toEqual([...Object.keys(sent), 'event']);
		expect(items[0].event).toMatchObject({ type: 'flow.rejected', verified: true });
	});

	it('answers junk bodies itself, 400 in Hesi\'s shape (n8n does not parse the body of a typeVersion-1 node first), starting nothing', async () => {
		const before = await executionCount(n8n, workflowId);
		const signed = hesiHeaderPost('e2e-trig-hesi-defaults', message(4), { key: headerKey });
		const corrupt = await send(n8n, { ...signed, headers: { ...signed.headers, 'content-encoding': 'gzip' }, body: 'this is not gzip data' });
		expect(corrupt.status).toBe(400);
		expect(JSON.parse(corrupt.body)).toMatchObject({ error: 'unreadable_body', message: expect.stringContaining('gzip') });
		const notJson = await send(n8n, { ...signed, body: '{"action": "flow.rejected", ' });
		expect(notJson.status).toBe(400);
		expect(JSON.parse(notJson.body)).toMatchObject({ error: 'malformed_json' });
		// At any other typeVersion n8n would have parsed these itself: 500 with a stack, 422, 400 in its shape.
		const badForm = await send(n8n, { ...signed, headers: { ...signed.headers, 'content-type': 'multipart/form-data; boundary=x' }, body: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\ncut' });
		expect(badForm.status).toBe(400);
		expect(JSON.parse(badForm.body)).toMatchObject({ error: 'malformed_json' });
		await expectNoNewExecution(n8n, workflowId, before);
		// n8n still serves signed events (waited for, so the next test counts from a settled state).
		expect((await send(n8n, hesiHeaderPost('e2e-trig-hesi-defaults', message(9), { key: headerKey }))).status).toBe(200);
		await newExecution(n8n, workflowId, before);
	});

	it('a trigger whose credential is gone (deleted, or a workflow imported without it): 503 not_configured, no execution, one warning in the log and no stack', async () => {
		const before = await executionCount(n8n, workflowId);
		const logFile = path.join(n8n.info.userFolder, 'n8n.log');
		const logFrom = fs.statSync(logFile).size;
		for (const n of [5, 6, 7]) {
			const reply = await send(n8n, hesiHeaderPost('e2e-trig-hesi-defaults-no-credential', message(n), { key: headerKey }));
			expect(reply.status).toBe(503);
			expect(JSON.parse(reply.body)).toEqual({
				error: 'not_configured',
				message: expect.stringContaining('Signature Check is Hesi signKey, but no usable Credential for Outbound Signing Secret is selected'),
			});
		}
		await expectNoNewExecution(n8n, workflowId, before);
		const log = fs.readFileSync(logFile).subarray(logFrom).toString('utf8');
		expect(log).not.toMatch(/^\s+at /m);
		expect(log).not.toContain('Workflow could not be started');
		expect(log.match(/Hesi Approval Event Trigger \(credential deleted\): answered 503/g)).toHaveLength(1);
	});
});
