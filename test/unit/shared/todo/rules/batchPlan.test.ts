/**
 * The batch rules of seed 002 (特殊数据处理, lines 171-199), table-driven: duplicate filter cases
 * a-d, compensation cases a-d, the stale rule, and interception before the duplicate filter
 * (seed line 285). Pure: records are given as a book; across-batch cases carry the book from one
 * batch to the next with mergePush, as confirmPush does after each successful push.
 */
import { defaultRuleSettings, planBatch, type BatchPlan, type RuleSettings } from '../../../../../nodes/shared/todo/rules/batchPlan';
import { noInterception } from '../../../../../nodes/shared/todo/rules/interception';
import { mergePush, personKey, type RecordEntry } from '../../../../../nodes/shared/todo/rules/todoRecords';
import type { TodoEvent, TodoRecord } from '../../../../../nodes/shared/todo/types';
import { bookOf, described, todoEvent as ev } from './todoEvents';

const duplicateFilter: RuleSettings = { ...defaultRuleSettings, duplicateFilter: true };
const compensation: RuleSettings = { ...defaultRuleSettings, compensation: true };
const both: RuleSettings = { ...defaultRuleSettings, duplicateFilter: true, compensation: true };
const wangwu = { receiver: 'wangwu' };
const todoOnRecord: Record<string, Partial<TodoRecord>> = { lisi: { todoPushed: true } };

interface Row {
	name: string;
	settings: RuleSettings;
	records?: Record<string, Partial<TodoRecord>>;
	batch: TodoEvent[];
	plan: string[];
}

function runTable(rows: Row[]): void {
	it.each(rows.map((row) => [row.name, row] as const))('%s', (_name, row) => {
		expect(described(planBatch(row.batch, bookOf(row.records ?? {}), row.settings).steps)).toEqual(row.plan);
	});
}

/** The book after every push of the plan succeeded. */
function afterPushes(book: Map<string, RecordEntry>, plan: BatchPlan): Map<string, RecordEntry> {
	const next = new Map(book);
	for (const step of plan.steps) {
		if (step.action !== 'push') continue;
		const key = personKey(step.event.flowId, step.event.receiver);
		const before = next.get(key);
		next.set(key, { record: mergePush(before?.record, step.event), version: (before?.version ?? 0) + 1 });
	}
	return next;
}

describe('duplicate filter (重复数据过滤)', () => {
	runTable([
		{ name: '(a) a todo with no to-do on record goes', settings: duplicateFilter, batch: [ev('todo')], plan: ['push todo lisi #0'] },
		{ name: '(a) a todo with a to-do on record is Ignored as duplicate', settings: duplicateFilter, records: todoOnRecord, batch: [ev('todo')], plan: ['ignore duplicate #0'] },
		{ name: '(a) a cc is in the to-do data set: Ignored after a pushed todo', settings: duplicateFilter, records: todoOnRecord, batch: [ev('cc')], plan: ['ignore duplicate #0'] },
		{ name: '(a) a to-do on record of another receiver does not count', settings: duplicateFilter, records: todoOnRecord, batch: [ev('todo', wangwu)], plan: ['push todo wangwu #0'] },
		{ name: '(a) the switch off (the default) lets a repeated todo go', settings: defaultRuleSettings, records: todoOnRecord, batch: [ev('todo')], plan: ['push todo lisi #0'] },
		{ name: '(a) dones are never filtered', settings: duplicateFilter, records: { lisi: { todoPushed: true, donePushed: true } }, batch: [ev('done')], plan: ['push done lisi #0'] },
		{
			name: '(b) several todos of one person in one batch all go',
			settings: duplicateFilter,
			batch: [ev('todo'), ev('todo', { nodeName: 'HR' }), ev('cc')],
			plan: ['push todo lisi #0', 'push todo lisi #1', 'push cc lisi #2'],
		},
		{
			name: '(b) several todos of one person with a to-do on record are all Ignored',
			settings: duplicateFilter,
			records: todoOnRecord,
			batch: [ev('todo'), ev('todo')],
			plan: ['ignore duplicate #0', 'ignore duplicate #1'],
		},
		{
			name: '(c) a done and todos of one person in one batch: the done and only the first todo go',
			settings: duplicateFilter,
			batch: [ev('done'), ev('todo'), ev('todo')],
			plan: ['push done lisi #0', 'push todo lisi #1', 'ignore duplicate #2'],
		},
		{
			name: '(c) the first todo goes wherever the done stands in the batch',
			settings: duplicateFilter,
			batch: [ev('todo'), ev('finished', { ts: 1_700_000_200_000 }), ev('todo', { ts: 1_700_000_300_000 })],
			plan: ['push todo lisi #0', 'push finished lisi #1', 'ignore duplicate #2'],
		},
		{
			name: '(c) only the person with a done is filtered; another person in the batch keeps rule (b)',
			settings: duplicateFilter,
			batch: [ev('done'), ev('todo'), ev('todo'), ev('todo', wangwu), ev('todo', wangwu)],
			plan: ['push done lisi #0', 'push todo lisi #1', 'ignore duplicate #2', 'push todo wangwu #3', 'push todo wangwu #4'],
		},
		{
			name: '(c) a done and a todo with a to-do on record: the todo is Ignored, the done goes',
			settings: duplicateFilter,
			records: todoOnRecord,
			batch: [ev('done'), ev('todo')],
			plan: ['push done lisi #0', 'ignore duplicate #1'],
		},
	]);

	it('(d) across batches one todo per person, the first: later batches are Ignored, even after a done', () => {
		let book = bookOf({});
		const outcomes: string[][] = [];
		for (const batch of [[ev('todo')], [ev('todo')], [ev('done', { ts: 1_700_000_200_000 })], [ev('todo', { ts: 1_700_000_300_000 }), ev('todo', wangwu)]]) {
			const plan = planBatch(batch, book, duplicateFilter);
			outcomes.push(described(plan.steps));
			book = afterPushes(book, plan);
		}
		expect(outcomes).toEqual([['push todo lisi #0'], ['ignore duplicate #0'], ['push done lisi #0'], ['ignore duplicate #0', 'push todo wangwu #1']]);
	});

	it('(d) a pushed delete clears the record, so the flow coming back to the person is pushed again', () => {
		const book = afterPushes(bookOf(todoOnRecord), planBatch([ev('delete_user', { ts: 1_700_000_200_000 })], bookOf(todoOnRecord), duplicateFilter));
		expect(described(planBatch([ev('todo', { ts: 1_700_000_300_000 })], book, duplicateFilter).steps)).toEqual(['push todo lisi #0']);
	});

	it('claims each person once for the to-dos pushed only because none was on record', () => {
		const plan = planBatch([ev('todo'), ev('todo'), ev('todo', wangwu)], bookOf({ wangwu: { todoPushed: false, donePushed: true } }), duplicateFilter);
		expect(plan.claims).toEqual([
			{ flowId: '1001', receiver: 'lisi', version: null },
			{ flowId: '1001', receiver: 'wangwu', version: 1 },
		]);
		expect(plan.steps.map((step) => step.action === 'push' && step.claim?.receiver)).toEqual(['lisi', 'lisi', 'wangwu']);
	});

	it('claims nothing with the switch off', () => {
		expect(planBatch([ev('todo')], bookOf({}), defaultRuleSettings).claims).toEqual([]);
	});
});

describe('missing-data compensation (缺失数据补偿)', () => {
	runTable([
		{ name: '(a) a done with no to-do on record pushes a compensating todo first', settings: compensation, batch: [ev('done')], plan: ['push todo* lisi #0', 'push done lisi #0'] },
		{ name: '(a) so does a finished', settings: compensation, batch: [ev('finished')], plan: ['push todo* lisi #0', 'push finished lisi #0'] },
		{ name: '(a) a done with a to-do on record goes alone', settings: compensation, records: todoOnRecord, batch: [ev('done')], plan: ['push done lisi #0'] },
		{ name: '(a) the switch off (the default) pushes the done alone', settings: defaultRuleSettings, batch: [ev('done')], plan: ['push done lisi #0'] },
		{ name: '(a) a record of a done only still needs a todo', settings: compensation, records: { lisi: { donePushed: true } }, batch: [ev('done')], plan: ['push todo* lisi #0', 'push done lisi #0'] },
		{
			name: '(b) several dones of one person, no to-do on record: one compensating todo each',
			settings: compensation,
			batch: [ev('done'), ev('finished')],
			plan: ['push todo* lisi #0', 'push done lisi #0', 'push todo* lisi #1', 'push finished lisi #1'],
		},
		{ name: '(b) several dones of one person, a to-do on record: none', settings: compensation, records: todoOnRecord, batch: [ev('done'), ev('done')], plan: ['push done lisi #0', 'push done lisi #1'] },
		{
			name: '(c) a done and a todo of one person, no record: one compensating todo first, then the done and the todo',
			settings: compensation,
			batch: [ev('done'), ev('todo')],
			plan: ['push todo* lisi #0', 'push done lisi #0', 'push todo lisi #1'],
		},
		{ name: '(c) a done and a todo of one person, a to-do on record: the batch as is', settings: compensation, records: todoOnRecord, batch: [ev('done'), ev('todo')], plan: ['push done lisi #0', 'push todo lisi #1'] },
		{ name: '(c) a todo before the done in the batch is the done\'s todo: nothing compensated', settings: compensation, batch: [ev('todo'), ev('done')], plan: ['push todo lisi #0', 'push done lisi #1'] },
		{
			name: '(c) with the duplicate filter on too, the compensating todo does not stop the batch\'s own todo',
			settings: both,
			batch: [ev('done'), ev('todo'), ev('todo')],
			plan: ['push todo* lisi #0', 'push done lisi #0', 'push todo lisi #1', 'ignore duplicate #2'],
		},
		{ name: 'to-dos and deletes are never compensated', settings: compensation, batch: [ev('cc'), ev('delete_user')], plan: ['push cc lisi #0', 'push delete_user lisi #1'] },
	]);

	it('(d) across batches each person ends with one todo per done', () => {
		let book = bookOf({});
		const pushed: TodoEvent[] = [];
		for (const batch of [[ev('done')], [ev('done'), ev('done', wangwu)], [ev('done', wangwu)]]) {
			const plan = planBatch(batch, book, compensation);
			for (const step of plan.steps) if (step.action === 'push') pushed.push(step.event);
			book = afterPushes(book, plan);
		}
		const count = (operation: string, receiver: string): number => pushed.filter((event) => event.operation === operation && event.receiver === receiver).length;
		expect([count('todo', 'lisi'), count('todo', 'wangwu')]).toEqual([1, 1]);
		expect([count('done', 'lisi'), count('done', 'wangwu')]).toEqual([2, 2]);
	});

	it('the compensating todo is the done copied as a todo, marked, with the done\'s ts, and the done waits for it', () => {
		const done = ev('done', { nodeName: 'Finance', viewed: true });
		const { steps } = planBatch([ev('todo', wangwu), done], bookOf({}), compensation);
		expect(steps[1]).toEqual({ action: 'push', itemIndex: 1, event: { ...done, operation: 'todo' }, compensated: true, claim: { flowId: '1001', receiver: 'lisi', version: null } });
		expect(steps[2]).toMatchObject({ action: 'push', itemIndex: 1, event: done, compensated: false, after: 1 });
	});
});

describe('stale pushes (OFS receivets)', () => {
	runTable([
		{ name: 'a todo older than what was pushed is Ignored as stale', settings: defaultRuleSettings, records: { lisi: { todoPushed: true, ts: 2000 } }, batch: [ev('todo', { ts: 1000 })], plan: ['ignore stale #0'] },
		{ name: 'a todo older than a done of earlier in the batch is stale', settings: defaultRuleSettings, batch: [ev('done', { ts: 3000 }), ev('todo', { ts: 2000 })], plan: ['push done lisi #0', 'ignore stale #1'] },
		{ name: 'the same ts is not stale', settings: defaultRuleSettings, records: { lisi: { todoPushed: true, ts: 2000 } }, batch: [ev('done', { ts: 2000 })], plan: ['push done lisi #0'] },
		{ name: 'another receiver\'s newer record does not count', settings: defaultRuleSettings, records: { wangwu: { ts: 9000 } }, batch: [ev('todo', { ts: 1000 })], plan: ['push todo lisi #0'] },
		{ name: 'an older delete does not clear a newer to-do', settings: duplicateFilter, records: { lisi: { todoPushed: true, ts: 2000 } }, batch: [ev('delete_user', { ts: 1000 }), ev('todo', { ts: 3000 })], plan: ['ignore stale #0', 'ignore duplicate #1'] },
		{ name: 'a delete of the whole flow is never stale, but an older one clears no receiver', settings: duplicateFilter, records: { lisi: { todoPushed: true, ts: 2000 } }, batch: [ev('delete_flow', { receiver: '', ts: 1000 }), ev('todo', { ts: 3000 })], plan: ['push delete_flow  #0', 'ignore duplicate #1'] },
		{ name: 'a newer delete of the whole flow clears every receiver', settings: duplicateFilter, records: { lisi: { todoPushed: true, ts: 2000 }, wangwu: { todoPushed: true, ts: 2000 } }, batch: [ev('delete_flow', { receiver: '', ts: 2500 }), ev('todo', { ts: 3000 }), ev('todo', { ...wangwu, ts: 3000 })], plan: ['push delete_flow  #0', 'push todo lisi #1', 'push todo wangwu #2'] },
	]);
});

describe('interception before the duplicate filter (业务拦截优先级>>重复过滤)', () => {
	const interceptCc: RuleSettings = { ...both, interception: { ...noInterception, businessStatus: { mode: 'custom', intercepted: { todo: ['抄送'] } } } };
	runTable([
		{ name: 'a to-do both intercepted and a duplicate is Ignored as intercepted', settings: interceptCc, records: todoOnRecord, batch: [ev('cc', { businessStatus: '抄送' })], plan: ['ignore intercepted_status #0'] },
		{ name: 'an intercepted to-do does not count as the person\'s first', settings: interceptCc, batch: [ev('done'), ev('cc', { businessStatus: '抄送' }), ev('todo', { businessStatus: '转发' })], plan: ['push todo* lisi #0', 'push done lisi #0', 'ignore intercepted_status #1', 'push todo lisi #2'] },
		{
			name: 'an intercepted done neither filters the batch\'s to-dos nor is compensated',
			settings: { ...both, interception: { ...noInterception, workflows: { scope: 'blacklist', workflowIds: ['77'] } } },
			batch: [ev('done', { workflowId: '77' }), ev('todo'), ev('todo')],
			plan: ['ignore intercepted_workflow #0', 'push todo lisi #1', 'push todo lisi #2'],
		},
		{ name: 'items that failed before the rules are skipped', settings: both, batch: [undefined as unknown as TodoEvent, ev('todo')], plan: ['push todo lisi #1'] },
	]);

	it('says which rule matched on the Ignored step', () => {
		const settings: RuleSettings = { ...duplicateFilter, interception: { ...noInterception, people: { scope: 'blacklist', userIds: ['lisi'] } } };
		expect(planBatch([ev('todo')], bookOf(todoOnRecord), settings).steps).toEqual([
			{ action: 'ignore', itemIndex: 0, reason: 'intercepted_person', message: 'the receiver lisi is on the people blacklist' },
		]);
	});
});
