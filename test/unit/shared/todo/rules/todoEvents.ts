/** Test events for the to-do rules: one flow, receiver lisi, unless told otherwise. */
import type { TodoEvent, TodoOperation, TodoRecord } from '../../../../../nodes/shared/todo/types';
import type { PlanStep } from '../../../../../nodes/shared/todo/rules/batchPlan';
import { personKey, type RecordEntry } from '../../../../../nodes/shared/todo/rules/todoRecords';

export function todoEvent(operation: TodoOperation, extra: Partial<TodoEvent> = {}): TodoEvent {
	return {
		operation,
		flowId: '1001',
		title: 'Leave request',
		workflowName: 'Leave',
		nodeName: 'Manager approval',
		creator: 'zhangsan',
		createdAt: 1_700_000_000_000,
		receiver: 'lisi',
		receivedAt: 1_700_000_100_000,
		pcUrl: '/spa/workflow/static4form/index.html#/main/workflow/req?requestid=1001',
		appUrl: '/spa/workflow/static4mobileform/index.html#/req?requestid=1001',
		viewed: false,
		ts: 1_700_000_100_000,
		...extra,
	};
}

/** A book with a record for flow 1001 and each receiver given. */
export function bookOf(records: Record<string, Partial<TodoRecord>>, flowId = '1001'): Map<string, RecordEntry> {
	return new Map(
		Object.entries(records).map(([receiver, record]) => [personKey(flowId, receiver), { record: { todoPushed: false, donePushed: false, ts: 0, ...record }, version: 1 }]),
	);
}

/** A plan in short: `push todo* #0` (* = compensating), `ignore duplicate #1`. */
export function described(steps: readonly PlanStep[]): string[] {
	return steps.map((step) =>
		step.action === 'push'
			? `push ${step.event.operation}${step.compensated ? '*' : ''} ${step.event.receiver} #${step.itemIndex}`
			: `ignore ${step.reason} #${step.itemIndex}`,
	);
}
