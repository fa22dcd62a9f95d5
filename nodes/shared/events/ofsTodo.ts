import { catalogLookup, type EventDefinition } from './types';

/**
 * Weaver e-cology 8/9 unified to-do (统一待办, seed 002) in the OFS REST shape (DESIGN §4).
 * `ReceiveRequestInfoByJson` carries every state, told apart by `isremark`
 * (0 to-do, 2 done, 4 finished, 8 CC / to-read); `ProcessDoneRequestByJson` and
 * `ProcessOverRequestByJson` are the dedicated done / finished endpoints; the two delete endpoints
 * carry only `{syscode, flowid[, userid]}`. The codes are ours (OFS names states by number).
 */
export type OfsPath =
	| 'ReceiveRequestInfoByJson'
	| 'ProcessDoneRequestByJson'
	| 'ProcessOverRequestByJson'
	| 'deleteUserRequestInfoByJson'
	| 'deleteRequestInfoByJson';

/** Every OFS endpoint, in the order the OFS REST API lists them; served under `<path>/rest/ofs/`. */
export const ofsPaths: readonly OfsPath[] = [
	'ReceiveRequestInfoByJson',
	'ProcessDoneRequestByJson',
	'ProcessOverRequestByJson',
	'deleteUserRequestInfoByJson',
	'deleteRequestInfoByJson',
];

export interface OfsTodoEvent extends EventDefinition {
	readonly family: 'ofsTodo';
	/** `isremark` value of this state in a `ReceiveRequestInfoByJson` body; absent for deletes. */
	readonly isremark?: string;
	/** The dedicated OFS endpoint for this state (todo and CC only come through ReceiveRequestInfoByJson). */
	readonly ofsPath: OfsPath;
	/** `operType` of the OFS answer for this state. */
	readonly operType: string;
}

export const ofsTodoEvents: readonly OfsTodoEvent[] = [
	{ code: 'todo', nameZh: '待办', nameEn: 'To-do', family: 'ofsTodo', documentedCode: false, isremark: '0', ofsPath: 'ReceiveRequestInfoByJson', operType: 'AutoNew' },
	{ code: 'done', nameZh: '已办', nameEn: 'Done', family: 'ofsTodo', documentedCode: false, isremark: '2', ofsPath: 'ProcessDoneRequestByJson', operType: 'AutoUpdate' },
	{ code: 'finished', nameZh: '办结', nameEn: 'Finished', family: 'ofsTodo', documentedCode: false, isremark: '4', ofsPath: 'ProcessOverRequestByJson', operType: 'AutoUpdate' },
	{ code: 'cc', nameZh: '抄送（待阅）', nameEn: 'CC / to read', family: 'ofsTodo', documentedCode: false, isremark: '8', ofsPath: 'ReceiveRequestInfoByJson', operType: 'AutoNew' },
	{ code: 'deleteUser', nameZh: '删除（指定人员）', nameEn: 'Deleted for one user', family: 'ofsTodo', documentedCode: false, ofsPath: 'deleteUserRequestInfoByJson', operType: 'AutoDel' },
	{ code: 'deleteFlow', nameZh: '删除（整个流程）', nameEn: 'Flow deleted', family: 'ofsTodo', documentedCode: false, ofsPath: 'deleteRequestInfoByJson', operType: 'AutoDel' },
];

export const findOfsTodoEvent = catalogLookup(ofsTodoEvents);

/** The state an `isremark` value stands for in a ReceiveRequestInfoByJson body. */
export function ofsTodoEventByIsremark(isremark: string): OfsTodoEvent | undefined {
	return ofsTodoEvents.find((event) => event.isremark === isremark);
}
