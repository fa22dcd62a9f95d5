import { type KeywordRule, describeKeywordRule, matchKeywordRule } from './keywordRule';
import { type StatusRange, describeStatusRanges, statusInRanges } from './statusRanges';

/**
 * The seed's success rule (000, 成功状态码 + 关键字匹配): the status is one of the accepted codes AND,
 * when a keyword rule is set, the body satisfies it. Both must hold.
 */
export interface SuccessRule {
	acceptedStatuses: readonly StatusRange[];
	keyword?: KeywordRule;
}

export type SuccessVerdict =
	| { accepted: true }
	| { accepted: false; reason: 'status_not_accepted' | 'keyword_mismatch' | 'gone'; message: string };

// One shared verdict for every accepted response: nothing to allocate per item.
const accepted: SuccessVerdict = Object.freeze({ accepted: true });

export function evaluateSuccess(response: { status: number; body: string }, rule: SuccessRule): SuccessVerdict {
	if (!statusInRanges(response.status, rule.acceptedStatuses)) {
		// 410 Gone: the receiver says this endpoint is gone for good (Svix and Stripe stop on it too).
		if (response.status === 410) {
			return { accepted: false, reason: 'gone', message: 'The target answered HTTP 410 Gone: it no longer accepts messages, so this one is not retried' };
		}
		return {
			accepted: false,
			reason: 'status_not_accepted',
			message: `The target answered HTTP ${response.status}, which is not an accepted status (${describeStatusRanges(rule.acceptedStatuses)})`,
		};
	}
	if (rule.keyword) {
		const verdict = matchKeywordRule(response.body, rule.keyword);
		if (!verdict.matched) return { accepted: false, reason: 'keyword_mismatch', message: verdict.message };
	}
	return accepted;
}

/** `HTTP 200, 201, 204 and code = "1"`: the rule in words, for the Test result. */
export function describeSuccessRule(rule: SuccessRule): string {
	const statuses = `HTTP ${describeStatusRanges(rule.acceptedStatuses)}`;
	return rule.keyword ? `${statuses} and ${describeKeywordRule(rule.keyword)}` : statuses;
}
