/**
 * Format Fields in a real n8n: sample rows from a Code node are formatted into the seeds' JSON
 * shapes and delivered by Send Outbound Message to a local target, which records the exact bytes.
 * Workflows: test/e2e/workflows/format-fields-typed.json (mode Fields) and
 * format-fields-envelopes.json (Jiandaoyun, OFS to-do and Standard Webhooks envelopes).
 */
import { createHash } from 'node:crypto';

import { connectN8n, nodeOutputs, startTarget, type Execution, type ReceivedRequest } from '../harness/n8n';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const n8n = connectN8n();

// Seed 000 "支持字段", Body预览示例 (the same strings as test/unit/shared/fields/seedExamples.ts).
const seed = {
	money: '{"currency":"CNY","amount":"10.00","foreignCurrency":"USD","foreignAmount":"68.80","exchangeRate":"6.88"}',
	dateRange: '{"from":1484498318241,"to":1484498318398}',
	dimension: '{"id":"档案值id","path":"AAA/BBB/CCC","name":"CCC","code":"0902"}',
	staff: '{"id":"员工ID","name":"姓名"}',
	businessObject: '{"id":"x2y34","name":"xxxx","code":"1234"}',
	payeeBank:
		'{"sort":"BANK","type":"PERSONAL","name":"杨平","nameSpell":"YANGPING","cardNo":"6214000123123028888","bank":"招商银行","province":"江苏省","city":"南京市","branch":"招商银行南京中央路支行","certificateType":"03","certificateNo":"134322222343","bankLinkNo":"308301006211"}',
	payeeAlipay: '{"sort":"ALIPAY","name":"杨平","type":"PERSONAL","owner":"INDIVIDUAL","cardNo":"13900001111","nameSpell":"YANGPING"}',
};

/** What the target accepted, by body: a delivery must arrive exactly once. */
function bodiesByPath(requests: readonly ReceivedRequest[], path: string): string[] {
	return requests
		.filter((request) => request.url === path)
		.map((request) => request.body.toString('utf8'))
		.sort();
}

function expectDelivered(execution: Execution, sendNode: string, bodies: readonly string[]): void {
	const [success, retry, failure] = nodeOutputs(execution, sendNode);
	expect(retry).toEqual([]);
	expect(failure).toEqual([]);
	expect(success).toHaveLength(bodies.length);
	for (const [index, item] of success.entries()) {
		// The item's request body is what was sent, byte for byte, and the record says so.
		expect(item.request.body).toBe(bodies[index]);
		expect(item.delivery).toMatchObject({ status: 'succeeded', reason: null });
		expect(item.delivery.attempts).toHaveLength(1);
		expect(item.delivery.attempts[0].request).toMatchObject({ body: null, bodyBytes: Buffer.byteLength(bodies[index]), bodySha256: sha256(bodies[index]) });
		expect(item.delivery.attempts[0].response.status).toBe(200);
	}
}

/** Runs a workflow from its Manual Trigger against a target that accepts everything; returns what it received. */
async function runAgainstTarget(workflowId: string): Promise<{ execution: Execution; requests: ReceivedRequest[] }> {
	const target = await startTarget((_request, response) => {
		response.writeHead(200, { 'content-type': 'application/json' }).end('{"code":"1"}');
	});
	try {
		const execution = await n8n.runManually(workflowId);
		return { execution, requests: target.requests };
	} finally {
		await target.close();
	}
}

describe('Format Fields in a real n8n 2.41', () => {
	describe('mode Fields: Code → Format Fields → Send Outbound Message', () => {
		let execution: Execution;
		let requests: ReceivedRequest[];

		beforeAll(async () => {
			({ execution, requests } = await runAgainstTarget('e2eFormatFields1'));
		});

		it('runs to the end', () => {
			expect(execution.status).toBe('success');
		});

		it('delivers the two good rows byte for byte, the seed examples among them', () => {
			const row1 =
				'{"id":"row-1","title":"xxxx","submittedAt":1484498318241,"paidAt":1484498318000,"approvedAt":1484438400000,' +
				`"expense":{"amount":${seed.money},"period":${seed.dateRange},"count":23.4},"urgent":true,` +
				`"department":${seed.dimension},"projects":[${seed.dimension},{"id":"p-2","path":"研发中心/平台组","name":"平台组","code":""}],` +
				`"submitter":${seed.staff},"contract":${seed.businessObject},"payee":${seed.payeeBank}}`;
			const row2 =
				'{"id":"row-2","title":"42","submittedAt":1484409600000,"paidAt":1484498318241,"approvedAt":1484438400000,' +
				'"expense":{"amount":{"currency":"CNY","amount":"0.30"},"period":{"from":1484409600000,"to":1484530200000},"count":7},"urgent":false,' +
				'"department":{"id":"d-2","path":"财务部","name":"财务部","code":""},"projects":[{"id":"p-3","path":"市场部","name":"市场部","code":""}],' +
				`"submitter":${seed.staff},"contract":${seed.businessObject},"payee":${seed.payeeAlipay}}`;
			expect(requests.map((request) => request.method)).toEqual(['POST', 'POST']);
			expect(requests.every((request) => request.headers['content-type'] === 'application/json')).toBe(true);
			expect(bodiesByPath(requests, '/format')).toEqual([row1, row2].sort());
			expectDelivered(execution, 'Send Outbound Message', [row1, row2]);
		});

		it('sends the bad rows to Failure with the field, what was expected, what was received and a message', () => {
			const [success, failure] = nodeOutputs(execution, 'Format Fields');
			expect(success.map((item) => item.body.id)).toEqual(['row-1', 'row-2']);
			expect(failure.map((item) => item.id)).toEqual(['row-3', 'row-4']);

			const money = {
				field: 'expense.amount',
				fieldNameZh: '金额',
				type: 'money',
				expected: 'a number or numeric string like 10.00',
				received: 'ten',
				message: "Field 'expense.amount' (金额 money): expected a number or numeric string like 10.00, received 'ten'",
			};
			expect(failure[0].error).toEqual({ ...money, errors: [money] });

			const switchError = {
				field: 'urgent',
				fieldNameZh: '开关',
				type: 'switch',
				expected: 'true or false (also "true"/"false", 1/0, "1"/"0", 是/否)',
				received: 'maybe',
				message: 'Field \'urgent\' (开关 switch): expected true or false (also "true"/"false", 1/0, "1"/"0", 是/否), received \'maybe\'',
			};
			const cardError = {
				field: 'payee.cardNo',
				fieldNameZh: '收款信息',
				type: 'payee',
				expected: 'a bank card number of digits only, like 6214000123123028888',
				received: '6214-0001-ABC',
				message: "Field 'payee.cardNo' (收款信息 payee): expected a bank card number of digits only, like 6214000123123028888, received '6214-0001-ABC'",
			};
			// Every bad field of the item is listed; the first is also at the top.
			expect(failure[1].error).toEqual({ ...switchError, errors: [switchError, cardError] });
		});

		it('pairs every output item with its input row', () => {
			const runs = execution.data?.resultData?.runData?.['Format Fields'] as Array<{
				data: { main: Array<Array<{ pairedItem: unknown }>> };
			}>;
			const [success, failure] = runs[0].data.main;
			expect(success.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
			expect(failure.map((item) => item.pairedItem)).toEqual([{ item: 2 }, { item: 3 }]);
		});
	});

	describe('mode Envelope: Code → Format Fields (Jiandaoyun, OFS, Standard Webhooks) → Send Outbound Message', () => {
		let execution: Execution;
		let requests: ReceivedRequest[];

		beforeAll(async () => {
			({ execution, requests } = await runAgainstTarget('e2eFormatFields2'));
		});

		it('runs to the end', () => {
			expect(execution.status).toBe('success');
		});

		it("delivers Jiandaoyun messages that are seed 001's own samples, byte for byte", () => {
			// Seed 001 §3 (数据样例) and §4.2.3 (表单新数据提交提醒).
			const flowMessage =
				'{"op":"flow_message","data":{"to":[{"username":"jiandaoyun","name":"小云"}],"entry_name":"请假审批","notify_text":"小云本周五请假1天","url":"https://abc.com/xyz"},"send_time":"2017-10-20T22:41:51.430Z"}';
			const dataCreateMessage =
				'{"op":"data_create_message","data":{"to":[{"username":"jian","name":"小简"},{"username":"dao","name":"小道"}],"entry_name":"请假审批","notify_text":"小云提出请假申请，请审批","content":"请假人: 小云\\n请假原因: 病假","url":"https://jiandaoyun.com/message/1/data"},"send_time":"2017-10-20T22:41:51.430Z"}';
			expect(bodiesByPath(requests, '/jiandaoyun')).toEqual([flowMessage, dataCreateMessage].sort());
			expectDelivered(execution, 'Send Jiandaoyun', [flowMessage, dataCreateMessage]);
		});

		it('delivers OFS to-do bodies with every member as text and the dates in Asia/Shanghai', () => {
			const todo =
				'{"syscode":"OA_PUSH","flowid":"10086","requestname":"差旅报销-张三","workflowname":"差旅报销","nodename":"部门审批","pcurl":"https://oa.example.com/todo/10086","appurl":"/mobile/todo/10086","isremark":"0","viewtype":"0","creator":"zhangsan","createdatetime":"2024-01-15 09:00:00","receiver":"lisi","receivedatetime":"2024-01-15 09:05:00","receivets":"1705280700000"}';
			const done =
				'{"syscode":"OA_PUSH","flowid":"10087","requestname":"采购申请-李四","workflowname":"采购申请","nodename":"总经理审批","pcurl":"/spa/workflow/10087","appurl":"","isremark":"2","viewtype":"1","creator":"lisi","createdatetime":"2024-01-15 09:00:00","receiver":"wangwu","receivedatetime":"2024-01-15 10:30:00","receivets":"1705285800000"}';
			expect(bodiesByPath(requests, '/ofs')).toEqual([todo, done].sort());
			expectDelivered(execution, 'Send OFS', [todo, done]);
		});

		it('delivers Standard Webhooks events with the typed fields as data', () => {
			const approved = `{"type":"expense.approved","timestamp":"2022-11-03T20:26:10.344Z","data":{"amount":${seed.money},"approver":${seed.staff}}}`;
			const paid =
				'{"type":"expense.paid","timestamp":"2022-11-03T20:26:10.000Z","data":{"amount":{"currency":"CNY","amount":"100.00"},"approver":{"id":"u-2","name":"李四"}}}';
			expect(bodiesByPath(requests, '/events')).toEqual([approved, paid].sort());
			expectDelivered(execution, 'Send Event', [approved, paid]);
		});

		it('sends nothing for the bad row and lists its wrong members on Failure', () => {
			expect(requests).toHaveLength(6);
			const errorsOf = (node: string) => {
				const [success, failure] = nodeOutputs(execution, node);
				expect(success).toHaveLength(2);
				expect(failure).toHaveLength(1);
				return failure[0].error.errors as Array<Record<string, unknown>>;
			};
			expect(errorsOf('Jiandaoyun Message')).toEqual([
				{
					field: 'data.to',
					fieldNameZh: '被提醒人列表',
					expected: 'a list of recipients like [{"username": "jiandaoyun", "name": "小云"}]',
					received: [],
					message: 'Field \'data.to\' (被提醒人列表): expected a list of recipients like [{"username": "jiandaoyun", "name": "小云"}], received the list []. Set it with "Recipients".',
				},
				{
					field: 'data.notify_text',
					fieldNameZh: '提醒文字',
					expected: 'the reminder text, like 小云本周五请假1天',
					received: '',
					message: 'Field \'data.notify_text\' (提醒文字): expected the reminder text, like 小云本周五请假1天, received \'\' (empty text). Set it with "Notify Text".',
				},
				{
					field: 'data.url',
					fieldNameZh: '表单内链',
					expected: 'a link starting with http:// or https://, like https://www.jiandaoyun.com/…',
					received: 'abc.com/xyz',
					message: 'Field \'data.url\' (表单内链): expected a link starting with http:// or https://, like https://www.jiandaoyun.com/…, received \'abc.com/xyz\'. Set it with "Link".',
				},
			]);
			expect(errorsOf('OFS To-Do')).toEqual([
				{
					field: 'createdatetime',
					fieldNameZh: '创建日期时间',
					expected: 'a date: yyyy-MM-dd HH:mm:ss text, ISO 8601 text, a Date or DateTime, or a timestamp',
					received: 'yesterday',
					message:
						'Field \'createdatetime\' (创建日期时间): expected a date: yyyy-MM-dd HH:mm:ss text, ISO 8601 text, a Date or DateTime, or a timestamp, received \'yesterday\'. Set it with "Created At".',
				},
			]);
			// A bad envelope member and a bad typed field are reported together, the member first.
			expect(errorsOf('Standard Webhooks Event').map((error) => [error.field, error.received])).toEqual([
				['type', 'expense approved'],
				['data.amount', '10 yuan'],
			]);
		});
	});
});
