import fc from 'fast-check';

import { toFieldErrors } from '../../../../nodes/shared/fields/fieldProblem';
import { moneyOutputSchema, normaliseMoney } from '../../../../nodes/shared/fields/money';
import { seed000Examples } from './seedExamples';

function value(result: ReturnType<typeof normaliseMoney>) {
	if (!result.ok) throw new Error(JSON.stringify(result.problems));
	return result.value;
}

function messages(result: ReturnType<typeof normaliseMoney>, field = 'amount') {
	if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.value)}`);
	return toFieldErrors(field, result.problems, { nameZh: '金额', name: 'money' }).map((error) => error.message);
}

describe('money (金额), seed 000', () => {
	it("reproduces the seed's foreign-currency example byte for byte", () => {
		const result = normaliseMoney({ currency: 'CNY', amount: '10.00', foreignCurrency: 'USD', foreignAmount: '68.80', exchangeRate: '6.88' });
		expect(JSON.stringify(value(result))).toBe(seed000Examples.money);
	});

	it("reproduces the seed's example from an amount, a foreign amount and the currencies, computing the rate", () => {
		const result = normaliseMoney(10, { currency: 'CNY', foreignCurrency: 'USD', foreignAmount: 68.8 });
		expect(JSON.stringify(value(result))).toBe(seed000Examples.money);
	});

	it("reproduces the seed's example from an amount and a rate, computing the foreign amount", () => {
		expect(JSON.stringify(value(normaliseMoney('10', { foreignCurrency: 'usd', exchangeRate: 6.88 })))).toBe(seed000Examples.money);
	});

	it("reproduces the seed's example from a foreign amount and a rate, computing the amount", () => {
		const result = normaliseMoney({ foreignCurrency: 'USD', foreignAmount: '68.80', exchangeRate: '6.88' });
		expect(JSON.stringify(value(result))).toBe(seed000Examples.money);
	});

	it('writes a local amount without the foreign members', () => {
		expect(JSON.stringify(value(normaliseMoney(10)))).toBe('{"currency":"CNY","amount":"10.00"}');
	});

	it('says it assumed CNY when no currency was given', () => {
		const result = normaliseMoney(10);
		expect(result.ok && result.assumed).toBe('currency CNY (the default local currency)');
	});

	it('formats 0.1 + 0.2 as 0.30, without float drift', () => {
		expect(value(normaliseMoney(0.1 + 0.2)).amount).toBe('0.30');
	});

	it.each([
		[1.005, '1.01'],
		['2.675', '2.68'],
		[-0.125, '-0.13'],
		['1,234.5', '1234.50'],
		['1e3', '1000.00'],
		[' 7 ', '7.00'],
		[-0.001, '0.00'],
	])('rounds %p half-up to %p', (input, amount) => {
		expect(value(normaliseMoney(input)).amount).toBe(amount);
	});

	it('takes the currency of an object value over the field setting', () => {
		expect(value(normaliseMoney({ currency: 'EUR', amount: 5 }, { currency: 'CNY' })).currency).toBe('EUR');
	});

	it('leaves the foreign members out when the foreign currency equals the local one', () => {
		expect(JSON.stringify(value(normaliseMoney(10, { currency: 'USD', foreignCurrency: 'USD', foreignAmount: '10.00' })))).toBe(
			'{"currency":"USD","amount":"10.00"}',
		);
	});

	it('computes the rate to 8 decimals and drops trailing zeros', () => {
		expect(value(normaliseMoney(3, { foreignCurrency: 'USD', foreignAmount: 1 })).exchangeRate).toBe('0.33333333');
		expect(value(normaliseMoney(100, { foreignCurrency: 'USD', foreignAmount: 13.91 })).exchangeRate).toBe('0.1391');
	});

	it('keeps six significant digits of a very small rate', () => {
		expect(value(normaliseMoney('1000000.00', { currency: 'IRR', foreignCurrency: 'USD', foreignAmount: '23.80' })).exchangeRate).toBe('0.0000238');
	});

	it('accepts all three when the rate matches foreign ÷ amount at its own precision', () => {
		expect(value(normaliseMoney(10000, { foreignCurrency: 'USD', foreignAmount: '68834.56', exchangeRate: '6.8835' })).exchangeRate).toBe('6.8835');
	});

	it('accepts all three when amount × rate is within one cent of the foreign amount', () => {
		expect(value(normaliseMoney('33.33', { foreignCurrency: 'USD', foreignAmount: '100.00', exchangeRate: '3' })).foreignAmount).toBe('100.00');
	});

	it('refuses text that is not a number, with the field named', () => {
		expect(messages(normaliseMoney('ten'))).toEqual([
			"Field 'amount' (金额 money): expected a number or numeric string like 10.00, received 'ten'",
		]);
	});

	it('refuses an unknown currency code', () => {
		expect(messages(normaliseMoney(10, { currency: 'RMB' }))).toEqual([
			"Field 'amount.currency' (金额 money): expected an ISO 4217 currency code like CNY or USD, received 'RMB'",
		]);
	});

	it('refuses a withdrawn currency code (HRK, replaced by the euro in 2023)', () => {
		expect(normaliseMoney(10, { currency: 'HRK' }).ok).toBe(false);
	});

	it('refuses a rate that disagrees with the amounts', () => {
		expect(messages(normaliseMoney(10, { foreignCurrency: 'USD', foreignAmount: 68.8, exchangeRate: 7 }))).toEqual([
			"Field 'amount.exchangeRate' (金额 money): expected foreignAmount ÷ amount (68.80 ÷ 10.00 = 6.88) within the rate's own precision, or amount × rate within 0.01 of foreignAmount, received 7",
		]);
	});

	it('refuses a foreign currency with neither a foreign amount nor a rate', () => {
		expect(messages(normaliseMoney(10, { foreignCurrency: 'USD' }))).toEqual([
			"Field 'amount.foreignAmount' (金额 money): expected two of amount, foreignAmount and exchangeRate for the foreign currency USD (the third is computed), received nothing",
		]);
	});

	it('refuses a foreign amount without a foreign currency', () => {
		expect(messages(normaliseMoney(10, { foreignAmount: 5 }))).toEqual([
			"Field 'amount.foreignCurrency' (金额 money): expected a foreign currency code like USD, because a foreign amount or exchange rate was given, received nothing",
		]);
	});

	it('refuses a zero or negative rate', () => {
		expect(messages(normaliseMoney(10, { foreignCurrency: 'USD', exchangeRate: '0' }))).toEqual([
			"Field 'amount.exchangeRate' (金额 money): expected a positive number or numeric string like 6.88, received '0'",
		]);
	});

	it('refuses a rate it cannot compute because the amount is zero', () => {
		expect(messages(normaliseMoney(0, { foreignCurrency: 'USD', foreignAmount: 5 }))).toEqual([
			"Field 'amount.exchangeRate' (金额 money): expected an exchange rate: it cannot be computed as foreignAmount ÷ amount when amount is 0.00, received nothing",
		]);
	});

	it('refuses a foreign amount of the opposite sign', () => {
		expect(messages(normaliseMoney(10, { foreignCurrency: 'USD', foreignAmount: -5 }))).toEqual([
			"Field 'amount.foreignAmount' (金额 money): expected an amount other than 0.00 with the same sign as amount (10.00), so that the exchange rate is positive, received -5",
		]);
	});

	it('refuses a foreign amount that differs from the amount in the same currency', () => {
		expect(messages(normaliseMoney(10, { foreignCurrency: 'CNY', foreignAmount: 11 }))).toEqual([
			"Field 'amount.foreignAmount' (金额 money): expected the same as amount (10.00), because foreignCurrency equals currency CNY, received 11",
		]);
	});

	it('refuses a value that is neither an amount nor an object', () => {
		expect(messages(normaliseMoney([10]))).toEqual([
			'Field \'amount\' (金额 money): expected a number or numeric string like 10.00, or an object like {"currency":"CNY","amount":"10.00"}, received the list [10]',
		]);
	});

	it('refuses a missing amount', () => {
		expect(messages(normaliseMoney({ currency: 'CNY' }))).toEqual([
			"Field 'amount.amount' (金额 money): expected a number or numeric string like 10.00, received nothing",
		]);
	});

	it('reports every bad member at once', () => {
		expect(normaliseMoney({ currency: 'XXY', amount: 'x' })).toMatchObject({ ok: false, problems: [{ path: 'currency' }, { path: 'amount' }] });
	});
});

describe('money properties', () => {
	const cents = fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n });
	const exactCents = (value: bigint): string => {
		const negative = value < 0n;
		const digits = (negative ? -value : value).toString().padStart(3, '0');
		return `${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
	};

	it('formats the float sum of two cent amounts as their exact sum (0.1 + 0.2 → 0.30)', () => {
		fc.assert(
			fc.property(cents, cents, (a, b) => {
				const floatSum = Number(a) / 100 + Number(b) / 100;
				expect((normaliseMoney(floatSum) as { value: { amount: string } }).value.amount).toBe(exactCents(a + b));
			}),
		);
	});

	it('formats cents given as text exactly', () => {
		fc.assert(
			fc.property(cents, (a) => {
				expect((normaliseMoney(exactCents(a)) as { value: { amount: string } }).value.amount).toBe(exactCents(a));
			}),
		);
	});

	it('always writes amounts with exactly two decimals, and a shape the seed schema accepts', () => {
		fc.assert(
			fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.double({ min: 0.0001, max: 10000, noNaN: true }), (amount, rate) => {
				const result = normaliseMoney(amount, { foreignCurrency: 'USD', exchangeRate: rate });
				if (result.ok) expect(moneyOutputSchema.safeParse(result.value).success).toBe(true);
			}),
		);
	});

	it('accepts its own output again unchanged (computed rates pass the agreement check)', () => {
		fc.assert(
			fc.property(fc.bigInt({ min: 1n, max: 10n ** 10n }), fc.bigInt({ min: 1n, max: 10n ** 10n }), (a, f) => {
				const first = normaliseMoney(exactCents(a), { foreignCurrency: 'USD', foreignAmount: exactCents(f) });
				if (!first.ok) throw new Error(JSON.stringify(first.problems));
				const second = normaliseMoney(first.value);
				expect(second).toEqual({ ok: true, value: first.value });
			}),
		);
	});
});
