import { bodyExcerpt } from '../../delivery/keywordRule';
import type { SuccessVerdict } from '../../delivery/evaluateSuccess';

/**
 * What the adapters' judges share: a target's HTTP status first (a 5xx or 404 is not an answer to
 * judge by its body), then its JSON answer, read once. Each adapter then checks its own fields
 * (OFS `operResult`, E10 `code`/`status`, WeCom `errcode`) and quotes the target's own message.
 */

export type TargetResponse = { status: number; headers: Record<string, string | string[]>; body: string };

export const accepted: SuccessVerdict = Object.freeze({ accepted: true });

export function rejected(message: string): SuccessVerdict {
	return { accepted: false, reason: 'keyword_mismatch', message };
}

/** A status outside 2xx as a verdict (410 as `gone`, as evaluateSuccess does), quoting the body. */
export function statusVerdict(response: { status: number; body: string }, targetName: string): SuccessVerdict | undefined {
	if (response.status >= 200 && response.status < 300) return undefined;
	const said = response.body.trim() === '' ? '' : `: ${bodyExcerpt(response.body)}`;
	if (response.status === 410) return { accepted: false, reason: 'gone', message: `${targetName} answered HTTP 410 Gone${said}` };
	return { accepted: false, reason: 'status_not_accepted', message: `${targetName} answered HTTP ${response.status}${said}` };
}

/** The body as a JSON object, or a verdict saying the target did not answer in JSON. */
export function jsonAnswer(body: string, targetName: string): { object: Record<string, unknown> } | { verdict: SuccessVerdict } {
	try {
		const value: unknown = JSON.parse(body);
		if (value !== null && typeof value === 'object' && !Array.isArray(value)) return { object: value as Record<string, unknown> };
	} catch {
		// falls through to the verdict below
	}
	return { verdict: rejected(`${targetName} did not answer with a JSON object: ${bodyExcerpt(body)}`) };
}

/** A field of a target's answer as text (`1` and `"1"` alike), empty when absent. */
export function textOf(value: unknown): string {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return '';
}

/** Parses a JSON answer whatever its status, for `keep` and token readers; undefined when it is not JSON. */
export function parseJsonObject(body: string): Record<string, unknown> | undefined {
	try {
		const value: unknown = JSON.parse(body);
		return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
	} catch {
		return undefined;
	}
}

/** Joins a base URL and a path with exactly one slash between them. */
export function joinUrl(base: string, path: string): string {
	return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
