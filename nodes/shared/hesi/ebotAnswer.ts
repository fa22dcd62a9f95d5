import type { SuccessVerdict } from '../delivery';

/**
 * Hesi's answers to the EBot callback (`POST /api/outbound/v1/approval`, DESIGN.md §3): success is
 * HTTP 200 with `{"value":{"code":"204"}}`; an error is HTTP 200 too, with another `value.code` and
 * Hesi's message. The table is data so the judge, the node's description, the docs and the tests all
 * read the same meanings.
 *
 * Each code maps onto the delivery engine's failure reasons, which decide retrying
 * (retryPolicy.ts): `status_not_accepted` with HTTP 200 is never retried, `gone` never, and
 * `keyword_mismatch` only when the node retries it (it does, for code 500).
 */

export interface EbotAnswerCode {
	code: string;
	meaning: string;
	reason: 'status_not_accepted' | 'keyword_mismatch' | 'gone';
	/** Whether the fallback of the failure policy is sent after this answer (see `fallbackAfter`). */
	fallbackApplies: boolean;
}

export const ebotSuccessCode = '204';

export const ebotAnswerCodes: readonly EbotAnswerCode[] = [
	{ code: '400', meaning: 'the request is invalid: a field is missing or wrong', reason: 'status_not_accepted', fallbackApplies: true },
	// The fallback would carry the same signKey and be refused the same way.
	{ code: '401', meaning: 'the signKey is wrong', reason: 'status_not_accepted', fallbackApplies: false },
	// The document is no longer at this EBot node: nothing is left to accept or refuse, so never retried.
	{ code: '412', meaning: 'the flow has moved on from this EBot node', reason: 'gone', fallbackApplies: false },
	{ code: '500', meaning: "Hesi's server failed", reason: 'keyword_mismatch', fallbackApplies: true },
];

/** `value.code`, `value.message` (or the other places Hesi puts a message) of an answer, if JSON. */
export function readEbotAnswer(body: string): { code?: string; message?: string } | undefined {
	let parsed: unknown;
	try {
		parsed = JSON.parse(body);
	} catch {
		return undefined;
	}
	if (parsed === null || typeof parsed !== 'object') return undefined;
	const root = parsed as Record<string, unknown>;
	const value = root.value !== null && typeof root.value === 'object' ? (root.value as Record<string, unknown>) : {};
	const code = value.code ?? root.code ?? root.errorCode;
	const message = value.message ?? value.msg ?? root.message ?? root.msg ?? root.errorMessage;
	return {
		code: code === undefined || code === null ? undefined : String(code),
		message: typeof message === 'string' && message !== '' ? message : undefined,
	};
}

const quoted = (message: string | undefined) => (message ? `: "${message}"` : '');

/** The delivery plan's `judge`: only `value.code` "204" is success, whatever the HTTP status says. */
export function judgeEbotAnswer(response: { status: number; body: string }): SuccessVerdict {
	if (response.status < 200 || response.status > 299) {
		return { accepted: false, reason: 'status_not_accepted', message: `Hesi answered HTTP ${response.status}${quoted(readEbotAnswer(response.body)?.message)}` };
	}
	const answer = readEbotAnswer(response.body);
	if (!answer || answer.code === undefined) {
		return { accepted: false, reason: 'keyword_mismatch', message: 'Hesi\'s answer has no value.code: it is not the EBot callback\'s answer ({"value":{"code":"204"}} on success)' };
	}
	if (answer.code === ebotSuccessCode) return { accepted: true };
	const known = ebotAnswerCodes.find((entry) => entry.code === answer.code);
	const meaning = known ? ` (${known.meaning})` : '';
	return {
		accepted: false,
		reason: known?.reason ?? 'status_not_accepted',
		message: `Hesi answered code ${answer.code}${meaning}${quoted(answer.message)}`,
	};
}

/** The Hesi code of a judged answer, from the recorded response body. */
export function ebotCodeOf(body: string | undefined): string | undefined {
	return body === undefined ? undefined : readEbotAnswer(body)?.code;
}

const tokenWords = /access[ _-]?token|令牌|token/i;
const expiredWords = /过期|失效|无效|expired|invalid|timeout/i;

/**
 * An answer that says the access token is no longer good: HTTP 401, or a body whose message speaks of
 * the token having expired (Hesi's `code` 401 otherwise means a wrong signKey, which a new token
 * does not mend). The node fetches a new token once and tries again at once.
 */
export function isTokenExpiredAnswer(status: number, body: string): boolean {
	if (status === 401) return true;
	const message = readEbotAnswer(body)?.message;
	return message !== undefined && tokenWords.test(message) && expiredWords.test(message) && !/signKey/i.test(message);
}
