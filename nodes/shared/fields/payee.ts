import { z } from 'zod';

import { type Normalised, ok, problem } from './fieldProblem';
import { emailPattern, phonePattern } from './contact';
import { type MemberSpec, type RecordShape, defineRecordShape } from './recordShape';

/**
 * Payee account (收款信息), seed 000: four sorts, each with its own members in the seed's order.
 * `sort`, `name` and `cardNo` are required; the other members are written when given and left out
 * when not (the seed: "需根据单据中的收款信息ID，联查相关字段", the members depend on the account).
 */

export const payeeSorts = ['BANK', 'OVERSEABANK', 'ALIPAY', 'OTHER'] as const;
export type PayeeSort = (typeof payeeSorts)[number];

/** The members of each sort, in the order the seed prints them. */
export const payeeMembers: Readonly<Record<PayeeSort, readonly string[]>> = {
	// 收款信息_银行卡
	BANK: ['sort', 'type', 'name', 'nameSpell', 'cardNo', 'bank', 'province', 'city', 'branch', 'certificateType', 'certificateNo', 'bankLinkNo'],
	// 收款信息_海外账户
	OVERSEABANK: ['sort', 'name', 'type', 'owner', 'cardNo', 'bankCode', 'bankName', 'nameSpell', 'swiftCode', 'branchCode'],
	// 收款信息_支付宝
	ALIPAY: ['sort', 'name', 'type', 'owner', 'cardNo', 'nameSpell'],
	// 收款信息_其他
	OTHER: ['sort', 'name', 'type', 'cardNo', 'nameSpell', 'certificateType', 'certificateNo'],
};

/** Chinese names of the sorts, as the seed's table rows name them. */
export const payeeSortNamesZh: Readonly<Record<PayeeSort, string>> = {
	BANK: '银行卡',
	OVERSEABANK: '海外账户',
	ALIPAY: '支付宝',
	OTHER: '其他',
};

export type PayeeValue = { sort: PayeeSort } & Record<string, string>;

export const payeeExpectation = 'an object like {"sort": "BANK", "name": "杨平", "cardNo": "6214000123123028888", …}';
export const payeeSortExpectation = 'BANK (银行卡), OVERSEABANK (海外账户), ALIPAY (支付宝) or OTHER (其他)';

const accountTypeExpectation = 'PERSONAL (个人) or PUBLIC (对公)';
const longNumberExpected = 'as text: a number this long loses digits in JavaScript';

/** Members shared by several sorts; cardNo differs per sort. */
const member = {
	type: { name: 'type', expected: accountTypeExpectation, oneOf: ['PERSONAL', 'PUBLIC'], tidy: 'upper' },
	name: { name: 'name', expected: "the account holder's name, like 杨平", required: true },
	nameSpell: { name: 'nameSpell', expected: "the name's spelling, like YANGPING" },
	owner: { name: 'owner', expected: 'the owner kind, like INDIVIDUAL' },
	certificateType: { name: 'certificateType', expected: 'a certificate type code as text, like 03' },
	certificateNo: { name: 'certificateNo', expected: 'a certificate number, like 134322222343' },
} as const satisfies Record<string, MemberSpec>;

function cardNo(expected: string, pattern: RegExp): MemberSpec {
	return {
		name: 'cardNo',
		expected,
		required: true,
		pattern,
		tidy: 'compact',
		numbersMustBeSafeIntegers: true,
		numberExpected: `${expected}, ${longNumberExpected}`,
	};
}

const alipayAccountPattern = new RegExp(`(?:${phonePattern.source})|(?:${emailPattern.source})`);

/** Member checks per sort (zod schemas built once from these lists, see recordShape.ts). */
export const payeeShapes: Readonly<Record<PayeeSort, RecordShape>> = {
	BANK: defineRecordShape(
		[
			member.type,
			member.name,
			member.nameSpell,
			cardNo('a bank card number of digits only, like 6214000123123028888', /^\d{6,32}$/),
			{ name: 'bank', expected: 'the bank name, like 招商银行' },
			{ name: 'province', expected: 'a province, like 江苏省' },
			{ name: 'city', expected: 'a city, like 南京市' },
			{ name: 'branch', expected: 'the branch name, like 招商银行南京中央路支行' },
			member.certificateType,
			member.certificateNo,
			{
				name: 'bankLinkNo',
				expected: 'the bank link number (联行号) of digits only, like 308301006211',
				pattern: /^\d{1,20}$/,
				numbersMustBeSafeIntegers: true,
				numberExpected: `the bank link number (联行号) of digits only, ${longNumberExpected}`,
			},
		],
		payeeExpectation,
	),
	OVERSEABANK: defineRecordShape(
		[
			member.name,
			member.type,
			member.owner,
			cardNo('an account number or IBAN of letters and digits, like 9984000123123028888', /^[A-Za-z0-9-]{4,40}$/),
			{ name: 'bankCode', expected: 'the bank code, like BankCode001' },
			{ name: 'bankName', expected: 'the bank name, like BankName001' },
			member.nameSpell,
			{ name: 'swiftCode', expected: 'the SWIFT/BIC code, like SwiftCode001' },
			{ name: 'branchCode', expected: 'the branch code, like BranchCode001' },
		],
		payeeExpectation,
	),
	ALIPAY: defineRecordShape(
		[
			member.name,
			member.type,
			member.owner,
			cardNo('an Alipay account: a mobile number like 13900001111 or an email address', alipayAccountPattern),
			member.nameSpell,
		],
		payeeExpectation,
	),
	OTHER: defineRecordShape(
		[
			member.name,
			member.type,
			cardNo('an account number, like 13900001111', /^\S{1,64}$/),
			member.nameSpell,
			member.certificateType,
			member.certificateNo,
		],
		payeeExpectation,
	),
};

/** The seed's output shape per sort (members in the seed's order, all text). */
export const payeeOutputSchema = z.discriminatedUnion('sort', [
	outputSchemaFor('BANK'),
	outputSchemaFor('OVERSEABANK'),
	outputSchemaFor('ALIPAY'),
	outputSchemaFor('OTHER'),
]);

function outputSchemaFor<S extends PayeeSort>(sort: S) {
	const shape: Record<string, z.ZodTypeAny> = {};
	for (const member of payeeMembers[sort]) {
		if (member !== 'sort') shape[member] = ['name', 'cardNo'].includes(member) ? z.string().min(1) : z.string().optional();
	}
	return z.object({ sort: z.literal(sort), ...shape }).strict();
}

export function normalisePayee(value: unknown): Normalised<PayeeValue> {
	if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Date) return problem(payeeExpectation, value);
	const sortInput = (value as Record<string, unknown>).sort;
	const sort = typeof sortInput === 'string' ? (sortInput.trim().toUpperCase() as PayeeSort) : undefined;
	if (sort === undefined || !payeeSorts.includes(sort)) return problem(payeeSortExpectation, sortInput, 'sort');

	const parsed = payeeShapes[sort].parse(value);
	if (!parsed.ok) return parsed;
	const members = parsed.value;
	const output: Record<string, string> = { sort };
	for (const name of payeeMembers[sort]) {
		const memberValue = members[name];
		if (name !== 'sort' && memberValue !== undefined) output[name] = memberValue;
	}
	return ok(output as PayeeValue);
}
