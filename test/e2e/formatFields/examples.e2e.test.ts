/**
 * The Format Fields example in examples/ (what `npm start` imports for users) runs as it is in a
 * fresh n8n on a random port: created unchanged through the public API (its URL reaches this n8n's
 * Example Receiver through `$execution.resumeUrl`), published (the receiver webhook goes live) and
 * run from its Manual Trigger.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { type Execution, connectN8n, nodeOutputs } from '../harness/n8n';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const n8n = connectN8n();

const exampleFile = path.resolve(__dirname, '..', '..', '..', 'examples', 'format-fields-hesi-outbound.json');
const manualTrigger = 'When clicking ‘Execute workflow’';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Item = Record<string, any>;

/** The two good sample rows as Hesi notification bodies (seed 000 shapes), byte for byte. */
const expectedBodies = [
	'{"flowId":"ID01owxnVgQ0BV","title":"差旅报销-张三","submitDate":1705282200000,' +
		'"expenseMoney":{"currency":"CNY","amount":"10.00","foreignCurrency":"USD","foreignAmount":"68.80","exchangeRate":"6.88"},' +
		'"expenseDepartment":{"id":"dept-0902","path":"总部/财务中心/费用组","name":"费用组","code":"0902"},' +
		'"submitterId":{"id":"7hw8MheAgo0g00:I6A8MlHIQM0000","name":"张三"},' +
		'"payeeId":{"sort":"BANK","type":"PERSONAL","name":"张三","cardNo":"6214000123123028888","bank":"招商银行","province":"江苏省","city":"南京市","branch":"招商银行南京中央路支行"},' +
		'"urgent":true,"action":"flow.rejected","actionName":"被驳回",' +
		'"userInfo":{"id":"7hw8MheAgo0g00:I6A8MlHIQM0000","name":"张三","cellphone":"13111111111","email":"zhangsan@example.com"}}',
	'{"flowId":"ID01owxnVgQ0BW","title":"办公用品-李四","submitDate":1705282200000,' +
		'"expenseMoney":{"currency":"CNY","amount":"0.30"},' +
		'"expenseDepartment":{"id":"dept-0311","path":"总部/行政部","name":"行政部","code":""},' +
		'"submitterId":{"id":"7hw8MheAgo0g00:K2B8MlHIQM0001","name":"李四"},' +
		'"payeeId":{"sort":"ALIPAY","name":"李四","cardNo":"13900001111"},' +
		'"urgent":false,"action":"backlog.paying","actionName":"待支付",' +
		'"userInfo":{"id":"7hw8MheAgo0g00:K2B8MlHIQM0001","name":"李四","cellphone":"13900001111","email":""}}',
];

describe('the Format Fields example runs out of the box', () => {
	it("is a workflow with a Manual Trigger, Format Fields and a self-target on this n8n's own address", () => {
		const workflow = JSON.parse(fs.readFileSync(exampleFile, 'utf8')) as { nodes: Item[] };
		const byName = new Map(workflow.nodes.map((node) => [node.name, node]));
		expect(byName.get(manualTrigger)?.type).toBe('n8n-nodes-base.manualTrigger');
		expect(byName.get('Format Fields')?.type).toBe('n8n-nodes-outbound-messages.formatFields');
		expect(byName.get('Send Outbound Message')?.parameters.url).toBe(
			"={{ $execution.resumeUrl.split('/webhook-waiting/')[0] }}/webhook/format-fields-example",
		);
		expect(byName.get('Example Receiver')?.parameters.path).toBe('format-fields-example');
	});

	describe('format-fields-hesi-outbound.json', () => {
		let workflowId: string;
		let execution: Execution;

		beforeAll(async () => {
			const text = fs.readFileSync(exampleFile, 'utf8');
			const { name, nodes, connections, settings } = JSON.parse(text) as { name: string; nodes: Item[]; connections: unknown; settings: unknown };
			workflowId = ((await n8n.api('POST', '/workflows', { name, nodes, connections, settings })) as { id: string }).id;
			// Publishing returns before the Example Receiver answers; wait for it.
			await n8n.activate({ id: workflowId, nodes });
			execution = await n8n.runManually(workflowId, manualTrigger);
		});

		it('runs to the end and delivers the two good rows as Hesi notification bodies', () => {
			expect(execution.status).toBe('success');
			const [success, retry, failure] = nodeOutputs(execution, 'Send Outbound Message');
			expect(retry).toEqual([]);
			expect(failure).toEqual([]);
			// The bodies are the items' own (request.body): the record keeps their length and hash.
			expect(success.map((item) => item.delivery.attempts[0].request.bodySha256)).toEqual(expectedBodies.map(sha256));
			expect(success.map((item) => item.request.body)).toEqual(expectedBodies);
			expect(success.map((item) => item.delivery.status)).toEqual(['succeeded', 'succeeded']);
		});

		it('sends the row with mistakes to Failure, naming each wrong field', () => {
			const [failed] = nodeOutputs(execution, 'Rows With Mistakes');
			expect(failed).toHaveLength(1);
			expect(failed[0].flowId).toBe('ID01owxnVgQ0BX');
			expect(failed[0].error.errors.map((error: Item) => [error.field, error.received])).toEqual([
				['submitDate', 'next Friday'],
				['expenseMoney', 'ten'],
				['payeeId.cardNo', '6214-ABC'],
				['urgent', 'maybe'],
			]);
			expect(failed[0].error.message).toBe(
				"Field 'submitDate' (日期 date): expected a date: ISO 8601 text like 2017-01-15T16:38:38.241Z or 2017-01-15, a Date or DateTime, or a timestamp in seconds or milliseconds, received 'next Friday'",
			);
		});

		it("the Example Receiver webhook of the same workflow receives both bodies", async () => {
			// The manual run plus one execution per delivery, started by the Example Receiver.
			const executions = await n8n.waitForExecutions(workflowId, 3);
			const received = executions
				.filter((run) => run.id !== execution.id)
				.map((run) => nodeOutputs(run, 'Example Receiver')[0][0].body as Item)
				.sort((a, b) => String(a.flowId).localeCompare(String(b.flowId)));
			expect(received).toEqual(expectedBodies.map((body) => JSON.parse(body) as Item));
		});
	});
});
