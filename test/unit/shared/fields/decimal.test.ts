import fc from 'fast-check';

import {
	divideToScaled,
	formatScaled,
	formatScaledTrimmed,
	multiply,
	parseDecimal,
	toScaled,
} from '../../../../nodes/shared/fields/decimal';

describe('parseDecimal', () => {
	it.each([
		['10', 10n, 0],
		['10.00', 1000n, 2],
		['-0.5', -5n, 1],
		['+3.25', 325n, 2],
		['.5', 5n, 1],
		['5.', 5n, 0],
		['1e3', 1000n, 0],
		['1.5E-2', 15n, 3],
		['1,234.56', 123456n, 2],
		['  42  ', 42n, 0],
	])('reads the text %p exactly', (text, coefficient, scale) => {
		expect(parseDecimal(text)).toEqual({ coefficient, scale });
	});

	it('reads a float through its shortest round-trip text, so 0.1 + 0.2 is 0.30000000000000004', () => {
		expect(parseDecimal(0.1 + 0.2)).toEqual({ coefficient: 30000000000000004n, scale: 17 });
	});

	it('reads a float written in exponent form', () => {
		expect(parseDecimal(1e-7)).toEqual({ coefficient: 1n, scale: 7 });
		expect(parseDecimal(1e21)).toEqual({ coefficient: 10n ** 21n, scale: 0 });
	});

	it.each([['ten'], [''], ['   '], ['1,23.4'], ['1.2.3'], ['-'], ['.'], ['1e999'], [Number.NaN], [Infinity], [true], [null], [undefined], [{}]])(
		'refuses %p',
		(value) => {
			expect(parseDecimal(value)).toBeUndefined();
		},
	);
});

describe('rounding and formatting', () => {
	it.each([
		['0.125', '0.13'],
		['0.124', '0.12'],
		['-0.125', '-0.13'],
		['-0.004', '0.00'],
		['2.675', '2.68'],
		['1.005', '1.01'],
		['999.995', '1000.00'],
		['7', '7.00'],
	])('rounds %s half-up in magnitude to %s', (text, expected) => {
		expect(formatScaled(toScaled(parseDecimal(text)!, 2), 2)).toBe(expected);
	});

	it('divides with half-up rounding at the asked precision', () => {
		expect(formatScaled(divideToScaled(parseDecimal('68.80')!, parseDecimal('10.00')!, 2)!, 2)).toBe('6.88');
		expect(formatScaled(divideToScaled(parseDecimal('2')!, parseDecimal('3')!, 4)!, 4)).toBe('0.6667');
		expect(formatScaled(divideToScaled(parseDecimal('-2')!, parseDecimal('3')!, 4)!, 4)).toBe('-0.6667');
	});

	it('answers undefined for a division by zero', () => {
		expect(divideToScaled(parseDecimal('1')!, parseDecimal('0.00')!, 2)).toBeUndefined();
	});

	it('multiplies exactly', () => {
		expect(formatScaled(toScaled(multiply(parseDecimal('10.00')!, parseDecimal('6.88')!), 2), 2)).toBe('68.80');
	});

	it('trims trailing zeros between the minimum and maximum number of decimals', () => {
		expect(formatScaledTrimmed(688000000n, 8, 2)).toBe('6.88');
		expect(formatScaledTrimmed(612345678n, 8, 2)).toBe('6.12345678');
		expect(formatScaledTrimmed(700000000n, 8, 2)).toBe('7.00');
		expect(formatScaledTrimmed(5n, 0, 2)).toBe('5.00');
	});
});

describe('properties', () => {
	it('formats any whole number of cents, given as number ÷ 100, back to exactly those cents', () => {
		fc.assert(
			fc.property(fc.bigInt({ min: -(10n ** 13n), max: 10n ** 13n }).map(Number), (cents) => {
				expect(toScaled(parseDecimal(cents / 100)!, 2)).toBe(BigInt(cents));
			}),
		);
	});

	it('rounds like exact arithmetic: round(x) is the nearest cent, ties away from zero', () => {
		fc.assert(
			fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.integer({ min: 0, max: 6 }), (coefficient, scale) => {
				const scaled = toScaled({ coefficient, scale }, 2);
				// |x·100 − scaled| ≤ 1/2, with ties (exactly 1/2) going away from zero
				const times = coefficient * 100n;
				const unit = 10n ** BigInt(scale);
				const difference = times - scaled * unit;
				const twice = (difference < 0n ? -difference : difference) * 2n;
				expect(twice <= unit).toBe(true);
				if (twice === unit) expect(scaled < 0n ? difference < 0n : difference > 0n).toBe(false);
			}),
		);
	});
});
