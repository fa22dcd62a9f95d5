import { z } from 'zod';

import { approvalEvents, findApprovalEvent } from '../events/hesiApproval';
import { findInternalMessageEvent } from '../events/hesiInternalMessage';
import { type Normalised, ok, problem } from './fieldProblem';
import { emailExpectation, emailPattern, phoneExpectation, phonePattern } from './contact';
import { defineRecordShape } from './recordShape';

/**
 * The fixed fields of Hesi notification messages (seed 000, "通知类出站消息…", "站内信消息类型"):
 * `action` (a code of the approval catalog), `actionName` (its Chinese name), `userInfo` (the
 * recipient) and, for internal messages, `internalMessageNameType`. Codes are checked against the
 * event catalogs in nodes/shared/events/, the one list of codes.
 */

export const actionExpectation = `a Hesi approval event code: ${approvalEvents.map((event) => event.code).join(', ')}`;
export const internalMessageNameTypeExpectation =
	'a Hesi internal message type code like freeflow:autoSubmit or owner:freeflow.pay (seed 000 "站内信消息类型" lists them all)';
export const actionNameExpectation = 'the category name as text, like 被驳回';

export function normaliseAction(value: unknown): Normalised<string> {
	const code = typeof value === 'string' ? value.trim() : undefined;
	if (code === undefined || findApprovalEvent(code) === undefined) return problem(actionExpectation, value);
	return ok(code);
}

/** The Chinese name the seed gives an approval event code (`flow.rejected` → 被驳回). */
export function actionNameFor(action: string): string | undefined {
	return findApprovalEvent(action)?.nameZh;
}

export function normaliseActionName(value: unknown): Normalised<string> {
	if (typeof value !== 'string' || value.trim() === '') return problem(actionNameExpectation, value);
	return ok(value.trim());
}

export function normaliseInternalMessageNameType(value: unknown): Normalised<string> {
	const code = typeof value === 'string' ? value.trim() : undefined;
	if (code === undefined || findInternalMessageEvent(code) === undefined) return problem(internalMessageNameTypeExpectation, value);
	return ok(code);
}

export interface UserInfoValue {
	id: string;
	name: string;
	cellphone: string;
	email: string;
}

export const userInfoExpectation =
	'an object like {"id": "<Hesi staff id>", "name": "张三", "cellphone": "13111111111", "email": "123456@163.com"}';

export const userInfoShape = defineRecordShape(
	[
		{ name: 'id', expected: "the recipient's Hesi staff id (text)", required: true },
		{ name: 'name', expected: "the recipient's name, like 张三", required: true },
		{ name: 'cellphone', expected: phoneExpectation, pattern: phonePattern },
		{ name: 'email', expected: emailExpectation, pattern: emailPattern },
	],
	userInfoExpectation,
);

export const userInfoOutputSchema = z
	.object({ id: z.string().min(1), name: z.string().min(1), cellphone: z.string(), email: z.string() })
	.strict();

/** The recipient; `cellphone` and `email` missing → '' so the receiver always sees the seed's four keys. */
export function normaliseUserInfo(value: unknown): Normalised<UserInfoValue> {
	const parsed = userInfoShape.parse(value);
	if (!parsed.ok) return parsed;
	const { id, name, cellphone, email } = parsed.value;
	return ok({ id, name, cellphone: cellphone ?? '', email: email ?? '' });
}
