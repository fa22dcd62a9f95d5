import { catalogLookup, type EventDefinition } from './types';

/**
 * Jiandaoyun (简道云) pushes. Every push is `{ op, data, send_time }` (seed 001 §3).
 * - Message push (消息推送, seed 001 §4): seven `op`s; a `flow_message` carries `data.flow_action`.
 * - Data push (数据推送): `op` `data_create` / `data_update` / `data_remove` / `data_recover` with the
 *   record in `data`. Not in seed 001; the codes are Jiandaoyun's published data-push ops (DESIGN §1).
 */
export interface JiandaoyunMessageEvent extends EventDefinition {
	readonly family: 'jiandaoyunMessage';
}

export interface JiandaoyunFlowAction extends EventDefinition {
	readonly family: 'jiandaoyunFlowAction';
	/** 提醒文字: the default `notify_text` Jiandaoyun sends with this action (seed 001 §4.5.2). */
	readonly notifyText: string;
}

export interface JiandaoyunDataPushEvent extends EventDefinition {
	readonly family: 'jiandaoyunDataPush';
}

export const jiandaoyunMessageEvents: readonly JiandaoyunMessageEvent[] = [
	{ code: 'form_schedule_message', nameZh: '表单自定义时间提醒', nameEn: 'Form scheduled reminder', family: 'jiandaoyunMessage', documentedCode: true },
	{ code: 'data_create_message', nameZh: '表单新数据提交提醒', nameEn: 'New data submitted', family: 'jiandaoyunMessage', documentedCode: true },
	{ code: 'data_update_message', nameZh: '表单数据修改后提醒', nameEn: 'Data changed', family: 'jiandaoyunMessage', documentedCode: true },
	{ code: 'form_widget_message', nameZh: '根据表单内日期时间字段提醒', nameEn: 'Date field reminder', family: 'jiandaoyunMessage', documentedCode: true },
	{ code: 'flow_message', nameZh: '表单流程消息提醒', nameEn: 'Flow message', family: 'jiandaoyunMessage', documentedCode: true },
	{ code: 'dash_schedule_message', nameZh: '仪表盘定时提醒', nameEn: 'Dashboard scheduled reminder', family: 'jiandaoyunMessage', documentedCode: true },
	{ code: 'dash_alert_message', nameZh: '仪表盘预警提醒', nameEn: 'Dashboard alert', family: 'jiandaoyunMessage', documentedCode: true },
];

const flowActionEntries: ReadonlyArray<readonly [code: string, nameZh: string, nameEn: string, notifyText: string]> = [
	['flow_forward', '提交', 'Submitted', '有新的流程待办事项'],
	['flow_auto_forward', '系统自动提交', 'Submitted automatically', '有新的流程待办事项'],
	['flow_back', '回退', 'Sent back', '提交的流程事项被回退'],
	['flow_auto_back', '系统自动回退', 'Sent back automatically', '提交的流程事项被回退'],
	['flow_cc', '抄送', 'Carbon copy', '有新的流程处理结果抄送给您'],
	['flow_timeout', '流程超时', 'Flow timed out', '有待办未完成，请及时处理'],
	['flow_member_transfer', '成员转交', 'Transferred by a member', '由「~$转交人」转交给您1条待办事项'],
	['flow_admin_transfer', '一条流程数据被管理员调整负责人', 'Assignee changed by an administrator', '由系统管理员转交给您1条待办事项'],
	['flow_activate', '流程被激活', 'Flow reactivated', '由系统管理员转交给您1条待办事项'],
	['flow_sign_before', '前加签', 'Approver added before', '由「~$加签人」加签给您1条待办事项'],
	['flow_sign_after', '后加签', 'Approver added after', '由「~$加签人」加签给您1条待办事项'],
	['flow_sign_parallel', '添加审批人', 'Parallel approver added', '由「~$加签人」加签给您1条待办事项'],
	['flow_sign_before_complete', '前加签处理完成', 'Added-before approval completed', '前加签处理已完成，您有新的流程待办事项'],
	['flow_batch_transfer', '多条流程数据被管理员调整负责人', 'Assignees of several flows changed by an administrator', '由系统管理员转交给您新的待办事项'],
	['flow_batch_forward', '多条流程提交', 'Several flows submitted', '有[~$count]条新的流程待办事项'],
	['flow_batch_cc', '多条流程抄送', 'Several flows copied to you', '有[~$count]条新的流程处理结果抄送给您'],
	['flow_urge', '流程催办', 'Flow urged', '有一条流程急需处理'],
];

export const jiandaoyunFlowActions: readonly JiandaoyunFlowAction[] = flowActionEntries.map(
	([code, nameZh, nameEn, notifyText]) => ({
		code,
		nameZh,
		nameEn,
		notifyText,
		family: 'jiandaoyunFlowAction',
		documentedCode: true,
	}),
);

export const jiandaoyunDataPushEvents: readonly JiandaoyunDataPushEvent[] = [
	{ code: 'data_create', nameZh: '新增数据', nameEn: 'Record created', family: 'jiandaoyunDataPush', documentedCode: true },
	{ code: 'data_update', nameZh: '修改数据', nameEn: 'Record updated', family: 'jiandaoyunDataPush', documentedCode: true },
	{ code: 'data_remove', nameZh: '删除数据', nameEn: 'Record deleted', family: 'jiandaoyunDataPush', documentedCode: true },
	{ code: 'data_recover', nameZh: '恢复数据', nameEn: 'Record restored', family: 'jiandaoyunDataPush', documentedCode: true },
];

export const findJiandaoyunMessageEvent = catalogLookup(jiandaoyunMessageEvents);
export const findJiandaoyunFlowAction = catalogLookup(jiandaoyunFlowActions);
export const findJiandaoyunDataPushEvent = catalogLookup(jiandaoyunDataPushEvents);

/** Every `op` a Jiandaoyun push can carry: the seven message ops, then the four data-push ops. */
export const jiandaoyunOps: readonly (JiandaoyunMessageEvent | JiandaoyunDataPushEvent)[] = [
	...jiandaoyunMessageEvents,
	...jiandaoyunDataPushEvents,
];

export const findJiandaoyunOp = catalogLookup(jiandaoyunOps);
