import { catalogLookup, type EventDefinition } from './types';

/**
 * Hesi (合思, formerly 易快报 Ekuaibao) approval events: seed 000, "出站消息的触发方式 → 审批事件" lists
 * 18 event names; the field table ("通知类出站消息类别") gives the `action` code of 16 of them plus
 * 加急审批 `urgent.remind`, which the event list does not name: 19 events in all.
 * A notification-type message carries `action`, `actionName` (the Chinese name) and `userInfo`.
 */
export interface ApprovalEvent extends EventDefinition {
	readonly family: 'hesiApproval';
}

export const approvalEvents: readonly ApprovalEvent[] = [
	{ code: 'backlog.approving', nameZh: '待审批', nameEn: 'Pending approval', family: 'hesiApproval', documentedCode: true },
	{ code: 'backlog.sending', nameZh: '待寄送', nameEn: 'Pending sending', family: 'hesiApproval', documentedCode: true },
	{ code: 'backlog.receiving', nameZh: '待收单', nameEn: 'Pending receipt', family: 'hesiApproval', documentedCode: true },
	{ code: 'backlog.paying', nameZh: '待支付', nameEn: 'Pending payment', family: 'hesiApproval', documentedCode: true },
	{ code: 'flow.rejected', nameZh: '被驳回', nameEn: 'Rejected', family: 'hesiApproval', documentedCode: true },
	// 支付中: listed as an event, no code given. `flow.*` codes name a state the flow reached
	// (`flow.rejected`, `flow.paid`); "paying" is the state before "paid". Not `freeflow.paying`:
	// that is the internal message "待办通知-支付" (a to-do notice), a different event.
	{ code: 'flow.paying', nameZh: '支付中', nameEn: 'Paying', family: 'hesiApproval', documentedCode: false },
	{ code: 'flow.paid', nameZh: '已支付/审批完成', nameEn: 'Paid / approval completed', family: 'hesiApproval', documentedCode: true },
	{ code: 'freeflow.remind', nameZh: '催办', nameEn: 'Reminder (urged)', family: 'hesiApproval', documentedCode: true },
	{ code: 'timeout.remind', nameZh: '超时提醒', nameEn: 'Timeout reminder', family: 'hesiApproval', documentedCode: true },
	{
		code: 'freeflow.ticketReserve',
		nameZh: '审批通过（已开通【差旅管理】的用户）',
		nameEn: 'Approved (travel management enabled)',
		family: 'hesiApproval',
		documentedCode: true,
	},
	{ code: 'freeflow.carbonCopy', nameZh: '抄送', nameEn: 'Carbon copy', family: 'hesiApproval', documentedCode: true },
	{ code: 'freeflow.comment', nameZh: '评论', nameEn: 'Comment', family: 'hesiApproval', documentedCode: true },
	{ code: 'freeflow.mention', nameZh: '被@', nameEn: 'Mentioned', family: 'hesiApproval', documentedCode: true },
	{ code: 'freeflow.print', nameZh: '打印提醒', nameEn: 'Print reminder', family: 'hesiApproval', documentedCode: true },
	{ code: 'freeflow.retract', nameZh: '单据撤回', nameEn: 'Document retracted', family: 'hesiApproval', documentedCode: true },
	{ code: 'freeflow.delete', nameZh: '单据删除', nameEn: 'Document deleted', family: 'hesiApproval', documentedCode: true },
	// 待办已处理: listed, no code. `backlog.*` codes are the receiver's to-do list (待审批 approving,
	// 待寄送 sending, …); a handled to-do leaves that list, so: backlog.processed.
	{ code: 'backlog.processed', nameZh: '待办已处理', nameEn: 'To-do handled', family: 'hesiApproval', documentedCode: false },
	// 申请单变更: listed, no code. `freeflow.*` codes are operations someone performs on a document
	// (remind, retract, delete, comment, print); changing an approved requisition is such an operation,
	// and Hesi calls the change of a requisition "alter" (变更).
	{ code: 'freeflow.alter', nameZh: '申请单变更', nameEn: 'Requisition changed', family: 'hesiApproval', documentedCode: false },
	{ code: 'urgent.remind', nameZh: '加急审批', nameEn: 'Urgent approval', family: 'hesiApproval', documentedCode: true },
];

export const findApprovalEvent = catalogLookup(approvalEvents);
