import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { type IDataObject, type INodeExecutionData, type INodeProperties, NodeOperationError } from 'n8n-workflow';

import { FormatFields } from '../../../nodes/FormatFields/FormatFields.node';
import { envelopeMemberSettings } from '../../../nodes/FormatFields/actions/router';
import { fieldTypes } from '../../../nodes/shared/fields';
import { fakeExecuteContext, type FakeContextOptions, parametersWithDefaults } from '../fakeExecuteContext';

const moneyExample = '{"currency":"CNY","amount":"10.00","foreignCurrency":"USD","foreignAmount":"68.80","exchangeRate":"6.88"}';

const formatFieldsNode = { name: 'Format Fields', type: 'n8n-nodes-outbound-messages.formatFields' };

async function run(options: Omit<FakeContextOptions, 'node'>) {
	return await new FormatFields().execute.call(fakeExecuteContext({ node: formatFieldsNode, ...options }).context);
}

const json = (value: string): INodeExecutionData => ({ json: JSON.parse(value) as IDataObject });

/** Expressions of these tests: `={{ $json.<key> }}` reads that key of the item. */
const fromItem = (...keys: string[]) =>
	Object.fromEntries(keys.map((key) => [`={{ $json.${key} }}`, (item: INodeExecutionData) => item.json[key]]));

const expenseFields = {
	field: [
		{ name: 'flowId', type: 'text', value: '={{ $json.flowId }}', required: true },
		{ name: 'expense.amount', type: 'money', value: '={{ $json.amount }}', required: true, currency: 'CNY', foreignCurrency: 'USD', foreignAmount: '', exchangeRate: '6.88' },
		{ name: 'expense.urgent', type: 'switch', value: '={{ $json.urgent }}', required: true },
	],
};

describe('Format Fields node', () => {
	it('formats good items to Success and bad ones to Failure with the field named, keeping the batch going', async () => {
		const [success, failure] = await run({
			parameters: { mode: 'fields', fields: expenseFields },
			items: [json('{"flowId":"F1","amount":10,"urgent":"是"}'), json('{"flowId":"F2","amount":"ten","urgent":1}'), json('{"flowId":"F3","amount":"1.005","urgent":"0"}')],
			expressions: fromItem('flowId', 'amount', 'urgent'),
		});
		expect(success.map((item) => JSON.stringify(item.json))).toEqual([
			`{"body":{"flowId":"F1","expense":{"amount":${moneyExample},"urgent":true}}}`,
			'{"body":{"flowId":"F3","expense":{"amount":{"currency":"CNY","amount":"1.01","foreignCurrency":"USD","foreignAmount":"6.95","exchangeRate":"6.88"},"urgent":false}}}',
		]);
		expect(success.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 2 }]);
		expect(failure).toEqual([
			{
				json: {
					flowId: 'F2',
					amount: 'ten',
					urgent: 1,
					error: {
						field: 'expense.amount',
						fieldNameZh: '金额',
						type: 'money',
						expected: 'a number or numeric string like 10.00',
						received: 'ten',
						message: "Field 'expense.amount' (金额 money): expected a number or numeric string like 10.00, received 'ten'",
						errors: [
							{
								field: 'expense.amount',
								fieldNameZh: '金额',
								type: 'money',
								expected: 'a number or numeric string like 10.00',
								received: 'ten',
								message: "Field 'expense.amount' (金额 money): expected a number or numeric string like 10.00, received 'ten'",
							},
						],
					},
				},
				pairedItem: { item: 1 },
			},
		]);
	});

	it('shows a missing value as null in the failure item', async () => {
		const [, failure] = await run({
			parameters: { mode: 'fields', fields: { field: [{ name: 'due', type: 'date', value: '={{ $json.due }}' }] } },
			items: [{ json: {} }],
			expressions: fromItem('due'),
		});
		expect(failure[0].json.error).toMatchObject({ field: 'due', received: null });
		expect((failure[0].json.error as { message: string }).message).toMatch(/received nothing$/);
	});

	it('keeps the input fields, writes to the chosen key, adds a ready request and the conversion notes when asked', async () => {
		const [success] = await run({
			parameters: {
				mode: 'fields',
				fields: { field: [{ name: 'submitDate', type: 'date', value: '={{ $json.day }}' }] },
				includeOtherFields: true,
				addRequest: true,
				requestUrl: 'https://example.com/hook',
				requestMethod: 'POST',
				options: { outputKey: 'message', includeNotes: true, timeZone: 'Asia/Shanghai' },
			},
			items: [json('{"day":"2017-01-15","keep":1}')],
			expressions: fromItem('day'),
		});
		expect(success[0].json).toEqual({
			day: '2017-01-15',
			keep: 1,
			message: { submitDate: 1484409600000 },
			request: { url: 'https://example.com/hook', method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"submitDate":1484409600000}' },
			formatNotes: [{ field: 'submitDate', assumed: 'a date without a time is midnight in Asia/Shanghai' }],
		});
	});

	it("reads dates without an offset in the workflow's time zone when none is set", async () => {
		const [success] = await run({
			parameters: { mode: 'fields', fields: { field: [{ name: 'd', type: 'date', value: '2017-01-15' }] } },
			items: [{ json: {} }],
			timezone: 'UTC',
		});
		expect(success[0].json.body).toEqual({ d: Date.UTC(2017, 0, 15) });
	});

	it('builds a Hesi notification body with actionName from the catalog and userInfo from the recipient settings', async () => {
		const [success] = await run({
			parameters: {
				mode: 'envelope',
				envelope: 'hesi',
				hesiKind: 'notification',
				action: 'flow.rejected',
				actionName: '',
				userInfoId: '7hw8MheAgo0g00:I6A8MlHIQM0000',
				userInfoName: '张三',
				userInfoCellphone: '13111111111',
				userInfoEmail: '123456@163.com',
				fields: { field: [{ name: 'flowId', type: 'text', value: 'F1' }] },
			},
			items: [{ json: {} }],
		});
		expect(JSON.stringify(success[0].json.body)).toBe(
			'{"flowId":"F1","action":"flow.rejected","actionName":"被驳回","userInfo":{"id":"7hw8MheAgo0g00:I6A8MlHIQM0000","name":"张三","cellphone":"13111111111","email":"123456@163.com"}}',
		);
	});

	it('fails a Hesi notification without a recipient', async () => {
		const [success, failure] = await run({
			parameters: { mode: 'envelope', envelope: 'hesi', hesiKind: 'notification', action: 'flow.rejected', fields: {} },
			items: [{ json: {} }],
		});
		expect(success).toEqual([]);
		expect(failure[0].json.error).toMatchObject({ field: 'userInfo', fieldNameZh: '通知类出站消息消息接收人' });
	});

	it('names only settings the panel has, shown for their envelope', () => {
		for (const [envelope, settings] of Object.entries(envelopeMemberSettings)) {
			for (const name of Object.values(settings).flat()) {
				const property = new FormatFields().description.properties.find((candidate) => candidate.name === name);
				expect([envelope, name, property?.displayOptions?.show?.envelope]).toEqual([envelope, name, [envelope]]);
			}
		}
	});

	it('names the setting of the panel that fills an envelope member the item got wrong', async () => {
		const failed = async (parameters: IDataObject) => {
			const [, failure] = await run({ parameters: { mode: 'envelope', ...parameters }, items: [{ json: {} }] });
			return (failure[0].json.error as { errors: Array<{ field: string; message: string }> }).errors.map((error) => [error.field, error.message]);
		};
		expect(await failed({ envelope: 'hesi', hesiKind: 'notification', action: 'flow.rejected', userInfoId: 'u1', fields: {} })).toEqual([
			['userInfo.name', expect.stringMatching(/^Field 'userInfo\.name' \(通知类出站消息消息接收人\): expected .*, received '' \(empty text\)\. Set it with "Recipient Name"\.$/)],
		]);
		expect(await failed({ envelope: 'hesi', hesiKind: 'notification', action: 'flow.rejected', fields: {} })).toEqual([
			['userInfo', expect.stringMatching(/\. Set it with "Recipient ID", "Recipient Name", "Recipient Cellphone" and "Recipient Email"\.$/)],
		]);
		expect(await failed({ envelope: 'jiandaoyun', jdyOp: 'flow_message', jdyTo: '', jdyEntryName: '报销', jdyFlowAction: 'flow_forward', jdyUrl: 'https://www.jiandaoyun.com/x' })).toEqual([
			['data.to', expect.stringMatching(/\. Set it with "Recipients"\.$/)],
		]);
		const ofs = await failed({ envelope: 'ofsTodo', ofsEvent: 'todo', syscode: '', flowid: 'f1' });
		expect(ofs[0]).toEqual(['syscode', expect.stringMatching(/\. Set it with "System Code"\.$/)]);
		expect(await failed({ envelope: 'standardWebhooks', eventType: 'has space', fields: {} })).toEqual([
			['type', expect.stringMatching(/\. Set it with "Event Type"\.$/)],
		]);
	});

	it("builds a Jiandaoyun flow message from usernames, with the flow action's default text", async () => {
		const [success] = await run({
			parameters: {
				mode: 'envelope',
				envelope: 'jiandaoyun',
				jdyOp: 'flow_message',
				jdyTo: 'zhangsan, lisi',
				jdyEntryName: '报销',
				jdyFlowAction: 'flow_forward',
				jdyNotifyText: '',
				jdyContent: '',
				jdyUrl: 'https://www.jiandaoyun.com/x',
				jdySendTime: '2023-04-06T03:11:18.102Z',
			},
			items: [{ json: {} }],
		});
		expect(JSON.stringify(success[0].json.body)).toBe(
			'{"op":"flow_message","data":{"to":[{"username":"zhangsan","name":""},{"username":"lisi","name":""}],"entry_name":"报销","notify_text":"有新的流程待办事项","url":"https://www.jiandaoyun.com/x","flow_action":"flow_forward"},"send_time":"2023-04-06T03:11:18.102Z"}',
		);
	});

	it('puts the formatted fields in data for a Jiandaoyun data push', async () => {
		const [success] = await run({
			parameters: {
				mode: 'envelope',
				envelope: 'jiandaoyun',
				jdyOp: 'data_update',
				jdySendTime: '2023-04-06T03:11:18.102Z',
				fields: { field: [{ name: '_id', type: 'text', value: '5b0a' }, { name: 'count', type: 'number', value: '3' }] },
			},
			items: [{ json: {} }],
		});
		expect(success[0].json.body).toEqual({ op: 'data_update', data: { _id: '5b0a', count: 3 }, send_time: '2023-04-06T03:11:18.102Z' });
	});

	it('builds an OFS to-do body with the dates in the chosen zone', async () => {
		const [success] = await run({
			parameters: {
				mode: 'envelope',
				envelope: 'ofsTodo',
				ofsEvent: 'done',
				syscode: 'OA_PUSH',
				flowid: '10086',
				requestname: '差旅报销-张三',
				workflowname: '差旅报销',
				nodename: '部门审批',
				pcurl: 'https://oa.example.com/todo/10086',
				appurl: '',
				viewtype: '1',
				creator: 'zhangsan',
				createdatetime: '2024-01-14T01:00:00Z',
				receiver: 'lisi',
				receivedatetime: '2024-01-14T02:00:00Z',
				receivets: '1705197600000',
				options: { timeZone: 'Asia/Shanghai' },
			},
			items: [{ json: {} }],
		});
		expect(JSON.stringify(success[0].json.body)).toBe(
			'{"syscode":"OA_PUSH","flowid":"10086","requestname":"差旅报销-张三","workflowname":"差旅报销","nodename":"部门审批","pcurl":"https://oa.example.com/todo/10086","appurl":"","isremark":"2","viewtype":"1","creator":"zhangsan","createdatetime":"2024-01-14 09:00:00","receiver":"lisi","receivedatetime":"2024-01-14 10:00:00","receivets":"1705197600000"}',
		);
	});

	it('builds a Standard Webhooks event with the fields as data', async () => {
		const [success] = await run({
			parameters: {
				mode: 'envelope',
				envelope: 'standardWebhooks',
				eventType: 'flow.rejected',
				eventTimestamp: '2022-11-03T20:26:10.344Z',
				fields: { field: [{ name: 'flowId', type: 'text', value: 'F1' }] },
			},
			items: [{ json: {} }],
		});
		expect(success[0].json.body).toEqual({ type: 'flow.rejected', timestamp: '2022-11-03T20:26:10.344Z', data: { flowId: 'F1' } });
	});

	it('reports a bad envelope member and a bad typed field of the same item together, the fields named under data', async () => {
		const [success, failure] = await run({
			parameters: {
				mode: 'envelope',
				envelope: 'standardWebhooks',
				eventType: 'expense approved',
				eventTimestamp: '2022-11-03T20:26:10.344Z',
				fields: { field: [{ name: 'amount', type: 'money', value: '10 yuan' }] },
			},
			items: [{ json: {} }],
		});
		expect(success).toEqual([]);
		expect((failure[0].json.error as { errors: Array<{ field: string; message: string }> }).errors.map((error) => [error.field, error.message])).toEqual([
			['type', 'Field \'type\' (事件类型): expected a full-stop delimited event type without spaces, like invoice.paid, received \'expense approved\'. Set it with "Event Type".'],
			['data.amount', "Field 'data.amount' (金额 money): expected a number or numeric string like 10.00, received '10 yuan'"],
		]);
	});

	it('names a bad field of a Hesi body by its own name, since the fields are at the top of the body', async () => {
		const [, failure] = await run({
			parameters: {
				mode: 'envelope',
				envelope: 'hesi',
				hesiKind: 'notification',
				action: 'flow.rejected',
				fields: { field: [{ name: 'urgent', type: 'switch', value: 'maybe' }] },
			},
			items: [{ json: {} }],
		});
		expect((failure[0].json.error as { errors: Array<{ field: string }> }).errors.map((error) => error.field)).toEqual(['userInfo', 'urgent']);
	});

	it('stops with a NodeOperationError naming the field and the fix when the layout is wrong', async () => {
		const parameters = { mode: 'fields', fields: { field: [{ name: 'a', type: 'text', value: 'x' }, { name: 'a', type: 'text', value: 'y' }] } };
		const error = await run({ parameters, items: [{ json: {} }] }).catch((thrown: unknown) => thrown);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error).toMatchObject({ message: "Fields 1 and 2 both write 'a'", description: 'Give each field its own output name' });
	});

	it('with Continue On Fail, sends items of a wrong layout to Failure instead', async () => {
		const parameters = { mode: 'fields', fields: { field: [{ name: 'a..b', type: 'text', value: 'x' }] } };
		const [success, failure] = await run({ parameters, items: [{ json: { id: 1 } }], continueOnFail: true });
		expect(success).toEqual([]);
		expect(failure).toEqual([
			{
				json: {
					id: 1,
					error: {
						message: "Field 1 ('a..b') has an empty part between dots",
						description: 'Write nested names like payee.cardNo, without leading, trailing or double dots',
					},
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('refuses an unknown time zone before formatting anything', async () => {
		const error = await run({ parameters: { mode: 'fields', fields: {}, options: { timeZone: 'Mars/Olympus' } }, items: [{ json: {} }] }).catch(
			(thrown: unknown) => thrown,
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toBe("Unknown time zone 'Mars/Olympus': use an IANA name like Asia/Shanghai, Europe/Berlin or UTC");
	});
});

describe('Format Fields version 2: the ready request by default', () => {
	it('adds a ready request whose body is the formatted body serialised once, with no method unless one is set', async () => {
		const [success] = await run({
			typeVersion: 2,
			parameters: { mode: 'fields', fields: { field: [{ name: 'flowId', type: 'text', value: 'F1' }] }, addRequest: true, requestUrl: '', requestMethod: '' },
			items: [json('{}')],
		});
		expect(success[0].json).toEqual({ body: { flowId: 'F1' }, request: { headers: { 'content-type': 'application/json' }, body: '{"flowId":"F1"}' } });
	});

	it('names the method when Request Method is set', async () => {
		const [success] = await run({
			typeVersion: 2,
			parameters: { mode: 'fields', fields: { field: [{ name: 'flowId', type: 'text', value: 'F1' }] }, addRequest: true, requestUrl: '', requestMethod: 'PUT' },
			items: [json('{}')],
		});
		expect(success[0].json.request).toMatchObject({ method: 'PUT' });
	});
});

describe('Format Fields description', () => {
	const { description } = new FormatFields();

	it('has the Success and Failure outputs', () => {
		expect(description.outputNames).toEqual(['Success', 'Failure']);
	});

	it('offers every field type of the table, with its Chinese name', () => {
		const fields = description.properties.find((property) => property.name === 'fields') as INodeProperties;
		const values = (fields.options as Array<{ values: INodeProperties[] }>)[0].values;
		const type = values.find((property) => property.name === 'type')!;
		expect((type.options as Array<{ name: string; value: string }>).map((option) => option.value)).toEqual(fieldTypes.map((fieldType) => fieldType.key));
		expect((type.options as Array<{ name: string }>)[4].name).toBe('Money (金额)');
	});

	it('explains Mode, Envelope and Message Kind in the panel', () => {
		for (const name of ['mode', 'envelope', 'hesiKind']) {
			const property = description.properties.find((candidate) => candidate.name === name);
			expect({ name, description: property?.description }).toEqual({ name, description: expect.stringMatching(/^[A-Z].{40,}/) });
		}
	});

	it('is version 2 by default: Add Ready Request on and no method of its own; version 1 keeps off and POST', () => {
		expect(description).toMatchObject({ version: [1, 2], defaultVersion: 2 });
		const atDefaults = (typeVersion: number) => parametersWithDefaults(description, { mode: 'fields' }, typeVersion);
		expect(atDefaults(2)).toMatchObject({ addRequest: true, requestUrl: '', requestMethod: '' });
		expect(atDefaults(1)).toMatchObject({ addRequest: false });
		expect(atDefaults(1).requestMethod).toBeUndefined();
		expect(parametersWithDefaults(description, { mode: 'fields', addRequest: true }, 1)).toMatchObject({ requestMethod: 'POST' });
	});

	it('ships its icons and a codex whose node name matches', () => {
		const folder = join(__dirname, '../../../nodes/FormatFields');
		expect(existsSync(join(folder, 'formatFields.svg'))).toBe(true);
		expect(existsSync(join(folder, 'formatFields.dark.svg'))).toBe(true);
		const codex = JSON.parse(readFileSync(join(folder, 'FormatFields.node.json'), 'utf8')) as { node: string; alias: string[] };
		expect(codex.node).toBe(`n8n-nodes-outbound-messages.${description.name}`);
		expect(codex.alias).toContain('字段');
	});
});
