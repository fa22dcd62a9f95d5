import { catalogLookup, type EventDefinition } from './types';

/**
 * Hesi loan / repayment events (借款相关 → 还款事件类型, seed 000): five events, named but given no code.
 * The seed's internal-message list names the same happenings with `repayment:*` codes, so we reuse
 * those codes rather than invent new ones; a message that carries one in `action` or
 * `internalMessageNameType` matches. All five are therefore `documentedCode: false`.
 */
export interface LoanEvent extends EventDefinition {
	readonly family: 'hesiLoan';
}

export const loanEvents: readonly LoanEvent[] = [
	// 还款申请: the employee's manual repayment, waiting for the cashier to confirm receipt.
	{ code: 'repayment:APPROVE', nameZh: '发起手动还款', nameEn: 'Manual repayment started', family: 'hesiLoan', documentedCode: false },
	// 还款确认.
	{ code: 'repayment:AGREE', nameZh: '手动还款被确认收款', nameEn: 'Manual repayment confirmed', family: 'hesiLoan', documentedCode: false },
	// 还款驳回.
	{ code: 'repayment:REJECT', nameZh: '手动还款驳回', nameEn: 'Manual repayment rejected', family: 'hesiLoan', documentedCode: false },
	// 借款提醒 (`loan:EXPIRE`): the loan falls due, i.e. the reminder to repay.
	{ code: 'loan:EXPIRE', nameZh: '还款提醒', nameEn: 'Repayment reminder', family: 'hesiLoan', documentedCode: false },
	// 冲销还款完成提醒 (`chargeAgainst`): a repayment written off against the loan.
	{ code: 'chargeAgainst', nameZh: '手动还款冲销', nameEn: 'Manual repayment written off', family: 'hesiLoan', documentedCode: false },
];

export const findLoanEvent = catalogLookup(loanEvents);
