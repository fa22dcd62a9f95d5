/**
 * Interception (seed 002, 拦截设置, lines 255-290): which to-do events are not pushed to a target at
 * all, before any duplicate filtering (seed line 285: 业务拦截优先级>>重复过滤开关优先级, the business
 * interception is judged before the duplicate filter). Checked in the seed's order:
 *   1. business status (业务拦截): "no interception" (无需拦截, the default) or, per data set (todo /
 *      done / finished / delete), a list of business statuses that are not pushed;
 *   2. people (人员拦截): all / whitelist / blacklist of receivers by user id, department, role, group;
 *   3. workflows (流程拦截): all / whitelist / blacklist of workflow ids;
 *   4. workflow types (流程类型分组拦截): all / whitelist / blacklist of whole workflow types.
 * The first rule that matches decides, and the verdict says which one in a sentence for the item.
 * Pure: settings and an event in, a verdict out.
 */
import type { IgnoredReason, TodoEvent, TodoOperation } from '../types';

/** The seed's data sets (数据集合): each business status the OA sends belongs to one. */
export const dataSets = ['todo', 'done', 'finished', 'delete'] as const;
export type DataSet = (typeof dataSets)[number];

/**
 * Seed line 175: 【转发】【抄送】均定义在【待办】数据集合中 (forward and CC are business statuses of the todo
 * data set), so a `cc` event belongs to `todo`; both deletes belong to `delete`.
 */
export const dataSetOfOperation: Readonly<Record<TodoOperation, DataSet>> = {
	todo: 'todo',
	cc: 'todo',
	done: 'done',
	finished: 'finished',
	delete_user: 'delete',
	delete_flow: 'delete',
};

/** 全部有效 / 白名单 / 黑名单: a whitelist pushes only what is on it, a blacklist everything but. */
export type InterceptionScope = 'all' | 'whitelist' | 'blacklist';

export interface PeopleList {
	userIds?: readonly string[];
	departments?: readonly string[];
	roles?: readonly string[];
	groups?: readonly string[];
}

export interface InterceptionSettings {
	/** Business statuses not pushed, per data set; `none` (无需拦截) pushes every status. */
	businessStatus: { mode: 'none' } | { mode: 'custom'; intercepted: Partial<Record<DataSet, readonly string[]>> };
	people: { scope: InterceptionScope } & PeopleList;
	workflows: { scope: InterceptionScope; workflowIds?: readonly string[] };
	workflowTypes: { scope: InterceptionScope; workflowTypes?: readonly string[] };
}

/** Nothing intercepted: the node's defaults. */
export const noInterception: InterceptionSettings = {
	businessStatus: { mode: 'none' },
	people: { scope: 'all' },
	workflows: { scope: 'all' },
	workflowTypes: { scope: 'all' },
};

export type InterceptionRule = 'businessStatus' | 'people' | 'workflow' | 'workflowType';

export type InterceptionVerdict =
	| { intercepted: false }
	| {
			intercepted: true;
			reason: Extract<IgnoredReason, 'intercepted_status' | 'intercepted_person' | 'intercepted_workflow' | 'intercepted_workflow_type'>;
			rule: InterceptionRule;
			/** For the Ignored item, e.g. `the receiver lisi is on the people blacklist`. */
			message: string;
	  };

/**
 * The business status an event is judged by: the one the OA gave (转发, 抄送, …), or else the
 * operation itself (`todo`, `cc`, `done`, …), so a custom list can name operations too.
 */
export function businessStatusOf(event: Pick<TodoEvent, 'operation' | 'businessStatus'>): string {
	const given = event.businessStatus?.trim();
	return given ? given : event.operation;
}

export function intercept(event: TodoEvent, settings: InterceptionSettings): InterceptionVerdict {
	return (
		byBusinessStatus(event, settings.businessStatus) ??
		byPeople(event, settings.people) ??
		byList(settings.workflows.scope, settings.workflows.workflowIds, event.workflowId, 'workflow', 'intercepted_workflow', 'workflow', 'workflow') ??
		byList(
			settings.workflowTypes.scope,
			settings.workflowTypes.workflowTypes,
			event.workflowType,
			'workflowType',
			'intercepted_workflow_type',
			'workflow type',
			'workflow type',
		) ?? { intercepted: false }
	);
}

function byBusinessStatus(event: TodoEvent, rule: InterceptionSettings['businessStatus']): InterceptionVerdict | undefined {
	if (rule.mode === 'none') return undefined;
	const dataSet = dataSetOfOperation[event.operation];
	const status = businessStatusOf(event);
	if (!normalised(rule.intercepted[dataSet]).has(status)) return undefined;
	return {
		intercepted: true,
		reason: 'intercepted_status',
		rule: 'businessStatus',
		message: `the business status ${status} of the ${dataSet} data set is intercepted`,
	};
}

/**
 * A person matches a list when their user id, department, one of their roles or one of their
 * groups is on it (seed line 261: 人员、部门、分部、群组、角色、岗位; sub-companies and posts are
 * not in the normalised event, so lists by department, role and group stand in for them).
 * Decision: a `delete_flow` names no receiver (it withdraws the flow from everyone), so the
 * people rule does not apply to it; otherwise to-dos pushed before could never be removed.
 */
function byPeople(event: TodoEvent, rule: InterceptionSettings['people']): InterceptionVerdict | undefined {
	if (rule.scope === 'all' || event.operation === 'delete_flow') return undefined;
	const match = personMatch(event, rule);
	const receiver = event.receiver || '(none)';
	if (rule.scope === 'blacklist' && match !== undefined) {
		return { intercepted: true, reason: 'intercepted_person', rule: 'people', message: `the receiver ${receiver}${match} is on the people blacklist` };
	}
	if (rule.scope === 'whitelist' && match === undefined) {
		return { intercepted: true, reason: 'intercepted_person', rule: 'people', message: `the receiver ${receiver} is not on the people whitelist` };
	}
	return undefined;
}

/** Why the receiver is on the list: '' for the user id itself, or e.g. ` (department D7)`; undefined when not on it. */
function personMatch(event: TodoEvent, list: PeopleList): string | undefined {
	if (event.receiver && normalised(list.userIds).has(event.receiver.trim())) return '';
	const department = event.department?.trim();
	if (department && normalised(list.departments).has(department)) return ` (department ${department})`;
	const role = firstOn(event.roles, list.roles);
	if (role !== undefined) return ` (role ${role})`;
	const group = firstOn(event.groups, list.groups);
	if (group !== undefined) return ` (group ${group})`;
	return undefined;
}

/**
 * Workflows and workflow types. Decision: an event without a workflow id (or type) is on no list,
 * so a whitelist intercepts it and a blacklist lets it through: a whitelist promises that only
 * the listed workflows reach the target.
 */
function byList(
	scope: InterceptionScope,
	list: readonly string[] | undefined,
	value: string | undefined,
	rule: 'workflow' | 'workflowType',
	reason: 'intercepted_workflow' | 'intercepted_workflow_type',
	noun: string,
	listName: string,
): InterceptionVerdict | undefined {
	if (scope === 'all') return undefined;
	const given = value?.trim();
	const onList = given !== undefined && given !== '' && normalised(list).has(given);
	if (scope === 'blacklist' && onList) return { intercepted: true, reason, rule, message: `the ${noun} ${given} is on the ${listName} blacklist` };
	if (scope === 'whitelist' && !onList) {
		const subject = given ? `the ${noun} ${given} is` : `the event names no ${noun}, so it is`;
		return { intercepted: true, reason, rule, message: `${subject} not on the ${listName} whitelist` };
	}
	return undefined;
}

function firstOn(values: readonly string[] | undefined, list: readonly string[] | undefined): string | undefined {
	const on = normalised(list);
	return values?.map((value) => value.trim()).find((value) => value !== '' && on.has(value));
}

/** List entries compare trimmed; empty entries (a trailing comma in an expression) are dropped. */
function normalised(list: readonly string[] | undefined): Set<string> {
	return new Set((list ?? []).map((entry) => String(entry).trim()).filter((entry) => entry !== ''));
}
