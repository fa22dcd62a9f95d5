import { toFieldErrors } from '../../../../nodes/shared/fields/fieldProblem';
import { normalisePayee, payeeOutputSchema } from '../../../../nodes/shared/fields/payee';
import { seed000Examples } from './seedExamples';

function json(value: unknown) {
	const result = normalisePayee(value);
	if (!result.ok) throw new Error(JSON.stringify(result.problems));
	return JSON.stringify(result.value);
}

function messages(value: unknown) {
	const result = normalisePayee(value);
	if (result.ok) throw new Error('expected a failure');
	return toFieldErrors('payee', result.problems, { nameZh: '收款信息', name: 'payee' }).map((error) => error.message);
}

describe('payee account (收款信息), seed 000', () => {
	it.each([['payeeBank'], ['payeeOverseas'], ['payeeAlipay'], ['payeeOther']] as const)("reproduces the seed's %s example byte for byte", (key) => {
		expect(json(JSON.parse(seed000Examples[key]))).toBe(seed000Examples[key]);
	});

	it("writes members in the seed's order whatever order they come in", () => {
		const shuffled = Object.fromEntries(Object.entries(JSON.parse(seed000Examples.payeeBank)).reverse());
		expect(json(shuffled)).toBe(seed000Examples.payeeBank);
	});

	it('upper-cases sort and type, removes spaces from card numbers, leaves out members not given', () => {
		expect(json({ sort: 'bank', type: 'personal', name: '杨平', cardNo: '6214 0001 2312 3028 888' })).toBe(
			'{"sort":"BANK","type":"PERSONAL","name":"杨平","cardNo":"6214000123123028888"}',
		);
	});

	it('drops members that belong to another sort', () => {
		expect(json({ sort: 'ALIPAY', name: '杨平', cardNo: 'yp@example.com', bank: '招商银行' })).toBe('{"sort":"ALIPAY","name":"杨平","cardNo":"yp@example.com"}');
	});

	it('accepts a card number given as an exact number', () => {
		expect(json({ sort: 'OTHER', name: '杨平', cardNo: 13900001111 })).toBe('{"sort":"OTHER","name":"杨平","cardNo":"13900001111"}');
	});

	it('refuses a card number that has lost digits as a JavaScript number', () => {
		expect(messages({ sort: 'BANK', name: '杨平', cardNo: 6214000123123028888 })).toEqual([
			"Field 'payee.cardNo' (收款信息 payee): expected a bank card number of digits only, like 6214000123123028888, as text: a number this long loses digits in JavaScript, received 6214000123123029000",
		]);
	});

	it('refuses a bank card number with letters', () => {
		expect(messages({ sort: 'BANK', name: '杨平', cardNo: '6214-abc' })).toEqual([
			"Field 'payee.cardNo' (收款信息 payee): expected a bank card number of digits only, like 6214000123123028888, received '6214-abc'",
		]);
	});

	it('refuses an Alipay account that is neither a phone number nor an email', () => {
		expect(messages({ sort: 'ALIPAY', name: '杨平', cardNo: 'yangping' })).toEqual([
			"Field 'payee.cardNo' (收款信息 payee): expected an Alipay account: a mobile number like 13900001111 or an email address, received 'yangping'",
		]);
	});

	it('refuses an unknown sort', () => {
		expect(messages({ sort: 'WECHAT', name: '杨平', cardNo: '1' })).toEqual([
			"Field 'payee.sort' (收款信息 payee): expected BANK (银行卡), OVERSEABANK (海外账户), ALIPAY (支付宝) or OTHER (其他), received 'WECHAT'",
		]);
	});

	it('refuses an unknown account type', () => {
		expect(messages({ sort: 'OTHER', name: '杨平', cardNo: '1', type: 'private' })).toEqual([
			"Field 'payee.type' (收款信息 payee): expected PERSONAL (个人) or PUBLIC (对公), received 'private'",
		]);
	});

	it('refuses a bank link number with letters', () => {
		expect(messages({ sort: 'BANK', name: '杨平', cardNo: '6214000123123028888', bankLinkNo: 'CMB001' })).toEqual([
			"Field 'payee.bankLinkNo' (收款信息 payee): expected the bank link number (联行号) of digits only, like 308301006211, received 'CMB001'",
		]);
	});

	it('reports a missing name and card number together', () => {
		expect(messages({ sort: 'BANK' })).toEqual([
			"Field 'payee.name' (收款信息 payee): expected the account holder's name, like 杨平, received nothing",
			"Field 'payee.cardNo' (收款信息 payee): expected a bank card number of digits only, like 6214000123123028888, received nothing",
		]);
	});

	it('writes shapes the seed schema accepts', () => {
		for (const key of ['payeeBank', 'payeeOverseas', 'payeeAlipay', 'payeeOther'] as const) {
			const result = normalisePayee(JSON.parse(seed000Examples[key]));
			expect(result.ok && payeeOutputSchema.safeParse(result.value).success).toBe(true);
		}
	});
});
