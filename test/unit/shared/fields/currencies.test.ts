import { currencies, currencyTableSource, findCurrency } from '../../../../nodes/shared/fields/currencies';

describe('ISO 4217 currency table', () => {
	it('finds active codes case-insensitively', () => {
		expect(findCurrency('cny')).toEqual({ code: 'CNY', number: '156', minorUnits: 2, name: 'Yuan Renminbi' });
		expect(findCurrency(' USD ')?.code).toBe('USD');
		expect(findCurrency('JPY')?.minorUnits).toBe(0);
	});

	it('knows the codes added since the 2018 list (VED, SLE, ZWG, XCG)', () => {
		for (const code of ['VED', 'SLE', 'ZWG', 'XCG']) expect(findCurrency(code)?.code).toBe(code);
	});

	it('does not know withdrawn codes (HRK, ZWL) or made-up ones (RMB)', () => {
		for (const code of ['HRK', 'ZWL', 'RMB', 'US', '']) expect(findCurrency(code)).toBeUndefined();
		expect(findCurrency(156)).toBeUndefined();
	});

	it('holds each code once, as three capital letters, with a three-digit number', () => {
		const codes = currencies.map((currency) => currency.code);
		expect(new Set(codes).size).toBe(codes.length);
		for (const currency of currencies) {
			expect(currency.code).toMatch(/^[A-Z]{3}$/);
			expect(currency.number).toMatch(/^\d{3}$/);
		}
		expect(currencies.length).toBeGreaterThan(170);
	});

	it('says which edition it reflects', () => {
		expect(currencyTableSource).toContain('ISO 4217');
	});
});
