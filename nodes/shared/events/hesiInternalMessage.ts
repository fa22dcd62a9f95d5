import { catalogLookup, type EventDefinition } from './types';

/**
 * Hesi internal messages (站内信): every `internalMessageNameType` of seed 000, "站内信消息类型",
 * copied exactly, including the seed's own spellings (`requistion`, `freeflow:print:batch_bak`).
 * The seed prints `batch:owner:freeflow.receive批量通过通知-收单` with no space between code and name;
 * the code is `batch:owner:freeflow.receive` (it mirrors `batch:owner:freeflow.send 批量通过通知-寄送`).
 * 66 entries.
 */
export interface InternalMessageEvent extends EventDefinition {
	readonly family: 'hesiInternalMessage';
}

const entries: ReadonlyArray<readonly [code: string, nameZh: string, nameEn: string]> = [
	['freeflow:autoSubmit', '自动提报提醒', 'Automatic submission reminder'],
	['owner:freeflow.pay', '支付完成', 'Payment completed'],
	['owner:freeflow.pay:expense', '支付完成-报销单', 'Payment completed: expense report'],
	['owner:freeflow.pay:loan', '支付完成-借款单', 'Payment completed: loan'],
	['owner:freeflow.pay:requisition', '支付完成-申请单', 'Payment completed: requisition'],
	['paymentbatch', '支付批次通知', 'Payment batch notice'],
	['staff:apply', '员工申请加入消息', 'Employee asked to join'],
	['staff:dimission', '员工离职消息', 'Employee left'],
	['budget:alert', '预算执行达到预警值', 'Budget reached its alert threshold'],
	['account:register', '用户注册短信', 'User registration SMS'],
	['asyncExport:success', '异步导出完成提醒', 'Background export finished'],
	['asyncPrint:success', '异步打印完成提醒', 'Background print finished'],
	['invoice:replenish:text', '一键交发票提醒-文本', 'Submit invoices reminder (text)'],
	['invoice:replenish', '一键交发票提醒', 'Submit invoices reminder'],
	['creditPointUpdate', '信用分变更通知', 'Credit score changed'],
	['ticket:CREATE', '协助平台工单协助', 'Support ticket assistance'],
	['staff:nonCompleteRoute', '未完成行程通知', 'Unfinished trip notice'],
	['owner:freeflow.agree', '申请通过通知-同意', 'Application approved: agreed'],
	['owner:freeflow.receive', '申请通过通知-收单', 'Application approved: received'],
	['owner:freeflow.send', '申请通过通知-寄送', 'Application approved: sent'],
	['comment', '评论通知', 'Comment notice'],
	['mention', '评论提醒', 'Comment mention'],
	['batch:owner:freeflow.pay', '批量支付完成', 'Batch payment completed'],
	['batch:owner:freeflow.receive', '批量通过通知-收单', 'Batch approved: received'],
	['batch:owner:freeflow.send', '批量通过通知-寄送', 'Batch approved: sent'],
	['batch:owner:freeflow.agree', '批量申请通过通知', 'Batch applications approved'],
	['freeflow:print:batch', '批量打印单据提醒', 'Batch print reminder'],
	['freeflow:print:batch_bak', '批量打印单据提醒', 'Batch print reminder (backup)'],
	['batch:freeflow.remind', '批量催办单据', 'Batch reminder (urged)'],
	['pwdExpire', '密码过期提醒', 'Password expiry reminder'],
	['loan:EXPIRE', '借款提醒', 'Loan due reminder'],
	['corporation:dismiss', '解散企业短信', 'Company dissolved SMS'],
	['repayment:APPROVE', '还款申请', 'Repayment requested'],
	['repayment:AGREE', '还款确认', 'Repayment confirmed'],
	['repayment:REJECT', '还款驳回', 'Repayment rejected'],
	['transfer:start', '管理员发起借款转交提醒', 'Administrator started a loan transfer'],
	['share:start', '管理员发起借款共享提醒', 'Administrator started a loan share'],
	['requisition:close', '关闭申请单提醒', 'Requisition closed'],
	['batch:owner:freeflow.reject', '动态通知-批量驳回', 'Activity: batch rejected'],
	['owner:freeflow.reject', '动态通知-驳回', 'Activity: rejected'],
	['owner:freeflow.reject:expense', '动态通知-驳回', 'Activity: rejected (expense report)'],
	['owner:freeflow.reject:loan', '动态通知-驳回', 'Activity: rejected (loan)'],
	['owner:freeflow.reject:requisition', '动态通知-驳回', 'Activity: rejected (requisition)'],
	['tpp:remind:text', '第三方管理通知-文本', 'Third-party management notice (text)'],
	['invoice:REMIND', '待开发票提醒', 'Invoice to be issued reminder'],
	['freeflow.paying', '待办通知-支付', 'To-do: pay'],
	['freeflow.agree', '待办通知-同意单据', 'To-do: approve document'],
	['freeflow.submit', '待办通知-提交单据', 'To-do: submit document'],
	['batch:freeflow.agree', '待办通知-批量同意单据', 'To-do: batch approve documents'],
	['batch:freeflow.receive', '待办通知-批量接收单据', 'To-do: batch receive documents'],
	['batch:freeflow.addnode', '待办通知-批量加签单据', 'To-do: batch add approver'],
	['batch:freeflow.send', '待办通知-批量寄送单据', 'To-do: batch send documents'],
	['freeflow.receive', '待办通知-接收单据', 'To-do: receive document'],
	['freeflow.addnode', '待办通知-加签单据', 'To-do: add approver'],
	['freeflow.send', '待办通知-寄送单据', 'To-do: send document'],
	['orderConfirm', '待办通知-订单确认待办', 'To-do: confirm order'],
	['requistion', '待办通知', 'To-do notice'],
	['freeflow:print', '打印单据提醒', 'Print document reminder'],
	['freeflow.remind', '催办单据', 'Document reminder (urged)'],
	['corporation:create', '创建企业短信', 'Company created SMS'],
	['chargeAgainst', '冲销还款完成提醒', 'Repayment write-off completed'],
	['carbonCopy', '抄送提醒', 'Carbon copy reminder'],
	['datalink:CREATE', '参与人白名单更新结果', 'Participant whitelist update result'],
	['transfer:confirm', '被转交人确认转交提醒', 'Loan transfer confirmed by recipient'],
	['share:confirm', '被共享人确认共享提醒', 'Loan share confirmed by recipient'],
	['openapi:remind:text', 'openapi通知-文本', 'Open API notice (text)'],
];

export const internalMessageEvents: readonly InternalMessageEvent[] = entries.map(
	([code, nameZh, nameEn]) => ({ code, nameZh, nameEn, family: 'hesiInternalMessage', documentedCode: true }),
);

export const findInternalMessageEvent = catalogLookup(internalMessageEvents);
