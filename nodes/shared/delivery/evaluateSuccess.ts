import { type KeywordRule, describeKeywordRule, matchKeywordRule } from './keywordRule';
import { type StatusRange, describeStatusRanges, statusInRanges } from './statusRanges';

/**
 * What the keyword rule makes of an accepted response without a body. The seed offers HTTP 204
 * ("No Content") as a success code next to the keyword match, and its "test and save" passes when
 * the target answers "the configured success code, e.g. 204" (000, 测试并保存); a 204 cannot carry
 * the `{"code":"1"}` a keyword asks for, so a user who accepts 204 means it to pass on its status.
 * - `noContentStatuses` (default): 204, 205 and 304, which RFC 9110 (§15.3.5, §15.3.6, §15.4.5)
 *   sends without content, pass on their status; any other empty body is judged (and fails).
 * - `anyEmptyBody`: every accepted status with an empty body passes on its status.
 * - `keywordRule`: the keyword rule judges empty bodies too, so they fail as `keyword_mismatch`.
 */
export const bodilessResponseRules = ['noContentStatuses', 'anyEmptyBody', 'keywordRule'] as const;

export type BodilessResponseRule = (typeof bodilessResponseRules)[number];

/** Statuses that carry no content by definition (RFC 9110). */
export const noContentStatuses: readonly number[] = [204, 205, 304];

/**
 * The seed's success rule (000, 成功状态码 + 关键字匹配): the status is one of the accepted codes AND,
 * when a keyword rule is set, the body satisfies it. Both must hold; see `BodilessResponseRule` for
 * an accepted status without a body.
 */
export interface SuccessRule {
	acceptedStatuses: readonly StatusRange[];
	keyword?: KeywordRule;
	/** Absent: `noContentStatuses`. */
	bodilessResponses?: BodilessResponseRule;
}

function passesWithoutBody(status: number, body: string, rule: BodilessResponseRule): boolean {
	if (body !== '' || rule === 'keywordRule') return false;
	return rule === 'anyEmptyBody' || noContentStatuses.includes(status);
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
	if (rule.keyword && !passesWithoutBody(response.status, response.body, rule.bodilessResponses ?? 'noContentStatuses')) {
		const verdict = matchKeywordRule(response.body, rule.keyword);
		if (!verdict.matched) return { accepted: false, reason: 'keyword_mismatch', message: verdict.message };
	}
	return accepted;
}

/** `HTTP 200, 201, 204 and code = "1" (a 204 passes without a body)`: the rule in words, for the Test result. */
export function describeSuccessRule(rule: SuccessRule): string {
	const statuses = `HTTP ${describeStatusRanges(rule.acceptedStatuses)}`;
	if (!rule.keyword) return statuses;
	const withKeyword = `${statuses} and ${describeKeywordRule(rule.keyword)}`;
	const bodiless = rule.bodilessResponses ?? 'noContentStatuses';
	if (bodiless === 'anyEmptyBody') return `${withKeyword} (an empty body passes on its status)`;
	if (bodiless === 'keywordRule') return withKeyword;
	const passing = noContentStatuses.filter((status) => statusInRanges(status, rule.acceptedStatuses));
	if (passing.length === 0) return withKeyword;
	return `${withKeyword} (${passing.length === 1 ? `a ${passing[0]} passes` : `${passing.join(', ')} pass`} without a body)`;
}
