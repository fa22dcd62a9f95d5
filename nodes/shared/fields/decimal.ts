/**
 * Exact decimal arithmetic for money, on BigInt: a value is `coefficient × 10^-scale`. Numbers are
 * read through their shortest round-trip text (`String(0.1 + 0.2)` is `0.30000000000000004`), so a
 * float's binary drift never reaches the cents: it is rounded away like any other extra digit.
 *
 * Rounding is half-up in magnitude (ROUND_HALF_UP of Java's BigDecimal, "commercial rounding"):
 * 0.125 → 0.13, -0.125 → -0.13.
 */

export interface Decimal {
	readonly coefficient: bigint;
	readonly scale: number;
}

/** Exponents beyond this are refused, so `1e999999` cannot make a million-digit BigInt. */
const maxExponent = 100;

const plainDecimal = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
const groupedDecimal = /^([+-])?(\d{1,3}(?:,\d{3})+)(?:\.(\d*))?$/;

const powersOfTen: readonly bigint[] = Array.from({ length: 41 }, (_, i) => 10n ** BigInt(i));

export function pow10(exponent: number): bigint {
	return exponent < powersOfTen.length ? powersOfTen[exponent] : 10n ** BigInt(exponent);
}

/**
 * Read a finite number or a numeric string (`"10"`, `"-0.5"`, `"1e3"`, `"1,234.56"`) exactly;
 * `undefined` for anything else (including NaN, Infinity, empty text, booleans).
 */
export function parseDecimal(value: unknown): Decimal | undefined {
	let text: string;
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) return undefined;
		if (Number.isInteger(value) && Math.abs(value) <= Number.MAX_SAFE_INTEGER) {
			return { coefficient: BigInt(value), scale: 0 };
		}
		text = String(value);
	} else if (typeof value === 'string') {
		text = value.trim();
	} else if (typeof value === 'bigint') {
		return { coefficient: value, scale: 0 };
	} else {
		return undefined;
	}
	if (text.length === 0 || text.length > 200) return undefined;

	let match = plainDecimal.exec(text);
	let integerDigits: string;
	if (match) {
		integerDigits = match[2];
	} else {
		match = groupedDecimal.exec(text);
		if (!match) return undefined;
		integerDigits = match[2].replace(/,/g, '');
	}
	const [, sign, , fractionDigits = '', exponentText] = match;
	if (integerDigits.length === 0 && fractionDigits.length === 0) return undefined;
	const exponent = exponentText === undefined ? 0 : Number(exponentText);
	if (Math.abs(exponent) > maxExponent) return undefined;

	let coefficient = BigInt((integerDigits || '0') + fractionDigits);
	if (sign === '-') coefficient = -coefficient;
	let scale = fractionDigits.length - exponent;
	if (scale < 0) {
		coefficient *= pow10(-scale);
		scale = 0;
	}
	return { coefficient, scale };
}

/** Divide `numerator` by a positive `denominator`, rounding half-up in magnitude. */
function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
	const quotient = numerator / denominator;
	const remainder = numerator % denominator;
	const twiceRemainder = remainder < 0n ? -remainder * 2n : remainder * 2n;
	if (twiceRemainder >= denominator) return numerator < 0n ? quotient - 1n : quotient + 1n;
	return quotient;
}

/** The value rounded half-up to `places` decimals, as an integer count of 10^-places units. */
export function toScaled(value: Decimal, places: number): bigint {
	if (value.scale <= places) return value.coefficient * pow10(places - value.scale);
	return divideHalfUp(value.coefficient, pow10(value.scale - places));
}

/** `a × b`, exact. */
export function multiply(a: Decimal, b: Decimal): Decimal {
	return { coefficient: a.coefficient * b.coefficient, scale: a.scale + b.scale };
}

/** `a ÷ b` rounded half-up to `places` decimals, as scaled units; `undefined` when b is zero. */
export function divideToScaled(a: Decimal, b: Decimal, places: number): bigint | undefined {
	if (b.coefficient === 0n) return undefined;
	// a/b = (ca·10^-sa) / (cb·10^-sb); scaled by 10^places: ca·10^(sb+places) / (cb·10^sa)
	let numerator = a.coefficient * pow10(b.scale + places);
	let denominator = b.coefficient * pow10(a.scale);
	if (denominator < 0n) {
		numerator = -numerator;
		denominator = -denominator;
	}
	return divideHalfUp(numerator, denominator);
}

/** Scaled units as fixed-point text with exactly `places` decimals (`1005n, 2` → `10.05`); never `-0.00`. */
export function formatScaled(scaled: bigint, places: number): string {
	const negative = scaled < 0n;
	const digits = (negative ? -scaled : scaled).toString().padStart(places + 1, '0');
	const integerPart = digits.slice(0, digits.length - places);
	const text = places === 0 ? integerPart : `${integerPart}.${digits.slice(digits.length - places)}`;
	return negative ? `-${text}` : text;
}

/**
 * Scaled units as text with at least `minPlaces` and at most `places` decimals, trailing zeros
 * dropped in between (`68800000n, 7, 2` → `6.88`).
 */
export function formatScaledTrimmed(scaled: bigint, places: number, minPlaces: number): string {
	let text = formatScaled(scaled, places);
	const point = text.indexOf('.');
	if (point < 0) return minPlaces > 0 ? `${text}.${'0'.repeat(minPlaces)}` : text;
	let end = text.length;
	while (end > point + 1 + minPlaces && text[end - 1] === '0') end--;
	if (end === point + 1) end = point;
	text = text.slice(0, end);
	return text;
}

/** Number of decimals a decimal carries as written (`6.880` → 3). */
export function decimalPlaces(value: Decimal): number {
	return value.scale;
}

export function isZero(value: Decimal): boolean {
	return value.coefficient === 0n;
}

export function isNegative(value: Decimal): boolean {
	return value.coefficient < 0n;
}
