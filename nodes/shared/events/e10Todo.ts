import { catalogLookup, type EventDefinition } from './types';

/**
 * Weaver E10 unified to-do (统一待办, seed 002) in E10's camelCase push shape (DESIGN §4): the OFS model
 * with `isRemark` naming the state, which adds 10 (to claim, 待认领) and -1 (deleted for the receiver)
 * to OFS's 0, 2, 4 and 8. A body without `isRemark` deletes the whole flow, as in OFS. The codes are
 * the OFS ones where the state is the same, so one Events selection serves both shapes.
 */
export interface E10TodoEvent extends EventDefinition {
	readonly family: 'e10Todo';
	/** `isRemark` value of this state; absent for the flow delete (a body without `isRemark`). */
	readonly isRemark?: string;
}

export const e10TodoEvents: readonly E10TodoEvent[] = [
	{ code: 'todo', nameZh: '待办', nameEn: 'To-do', family: 'e10Todo', documentedCode: false, isRemark: '0' },
	{ code: 'done', nameZh: '已办', nameEn: 'Done', family: 'e10Todo', documentedCode: false, isRemark: '2' },
	{ code: 'finished', nameZh: '办结', nameEn: 'Finished', family: 'e10Todo', documentedCode: false, isRemark: '4' },
	{ code: 'cc', nameZh: '抄送（待阅）', nameEn: 'CC / to read', family: 'e10Todo', documentedCode: false, isRemark: '8' },
	// DESIGN §4: isRemark 10 is a to-do waiting to be claimed by one of several receivers.
	{ code: 'toClaim', nameZh: '待认领', nameEn: 'To claim (E10)', family: 'e10Todo', documentedCode: false, isRemark: '10' },
	{ code: 'deleteUser', nameZh: '删除（指定人员）', nameEn: 'Deleted for one user', family: 'e10Todo', documentedCode: false, isRemark: '-1' },
	{ code: 'deleteFlow', nameZh: '删除（整个流程）', nameEn: 'Flow deleted', family: 'e10Todo', documentedCode: false },
];

export const findE10TodoEvent = catalogLookup(e10TodoEvents);

/** The state an `isRemark` value stands for in an E10 body. */
export function e10TodoEventByIsRemark(isRemark: string): E10TodoEvent | undefined {
	return e10TodoEvents.find((event) => event.isRemark === isRemark);
}
