import { z } from 'zod';

import { findCurrency } from './currencies';
import { type Decimal, divideToScaled, formatScaled, formatScaledTrimmed, isNegative, isZero, multiply, parseDecimal, toScaled } from './decimal';
import { type FieldProblem, type Normalised, ok } from './fieldProblem';

/**
 * Money (金额), seed 000 "支持字段":
 * `{"currency":"CNY","amount":"10.00","foreignCurrency":"USD","foreignAmount":"68.80","exchangeRate":"6.88"}`.
 * Amounts are 2-decimal strings; the three foreign members appear only when the amount was in a
 * foreign currency; 汇率 = 外币金额 ÷ 本位币金额 (exchangeRate = foreignAmount ÷ amount).
 *
 * Rules (documented in the node and docs):
 * - amounts are rounded half-up to 2 decimals with exact decimal arithmetic (decimal.ts);
 * - of amount, foreignAmount and exchangeRate, any two give the third: foreignAmount = amount ×
 *   rate and amount = foreignAmount ÷ rate (rounded to cents), rate = foreignAmount ÷ amount
 *   (rounded to 8 decimals, or more for rates below 0.001 so that 6 significant digits remain);
 *   the rate is written with at least 2 decimals, trailing zeros dropped;
 * - when all three are given they must agree: the rate equals foreignAmount ÷ amount rounded to
 *   the rate's own precision (at least 2, at most 8 decimals), or amount × rate is within one cent
 *   (0.01) of foreignAmount;
 * - a foreign currency equal to the local currency means a local amount: no foreign members.
 */

export interface MoneyValue {
	currency: string;
	amount: string;
	foreignCurrency?: string;
	foreignAmount?: string;
	exchangeRate?: string;
}

/** Per-field settings; members of an object value take precedence over these. */
export interface MoneyOptions {
	/** Local (本位币) currency when the value does not say; default CNY. */
	readonly currency?: string;
	readonly foreignCurrency?: string;
	readonly foreignAmount?: unknown;
	readonly exchangeRate?: unknown;
}

export const defaultLocalCurrency = 'CNY';

/** Decimals an exchange rate is computed to (more for very small rates, see computeRate). */
export const exchangeRatePlaces = 8;
const maxRatePlaces = 20;
/** 10^5: a scaled rate below this has fewer than 6 significant digits. */
const minimumRateDigits = 100_000n;

export const moneyExpectations = {
	amount: 'a number or numeric string like 10.00',
	foreignAmount: 'a number or numeric string like 68.80',
	exchangeRate: 'a positive number or numeric string like 6.88',
	currency: 'an ISO 4217 currency code like CNY or USD',
	value: 'a number or numeric string like 10.00, or an object like {"currency":"CNY","amount":"10.00"}',
} as const;

/** The seed's output shape, for consumers that check a money value they received. */
export const moneyOutputSchema = z
	.object({
		currency: z.string().regex(/^[A-Z]{3}$/),
		amount: z.string().regex(/^-?\d+\.\d{2}$/),
		foreignCurrency: z.string().regex(/^[A-Z]{3}$/).optional(),
		foreignAmount: z.string().regex(/^-?\d+\.\d{2}$/).optional(),
		exchangeRate: z.string().regex(/^\d+\.\d{2,20}$/).optional(),
	})
	.strict();

function isGiven(value: unknown): boolean {
	return value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

const cents = (scaled: bigint): Decimal => ({ coefficient: scaled, scale: 2 });

export function normaliseMoney(value: unknown, options: MoneyOptions = {}): Normalised<MoneyValue> {
	const problems: FieldProblem[] = [];
	let amountInput: unknown;
	let amountPath = '';
	let members: Record<string, unknown> = {};
	if (isPlainObject(value)) {
		members = value;
		amountInput = value.amount;
		amountPath = 'amount';
	} else if (typeof value === 'number' || typeof value === 'string' || value === undefined || value === null) {
		amountInput = value;
	} else {
		return { ok: false, problems: [{ path: '', expected: moneyExpectations.value, received: value }] };
	}
	const pick = (name: keyof MoneyOptions): unknown => (isGiven(members[name]) ? members[name] : options[name]);

	const currencyInput = pick('currency');
	let assumed: string | undefined;
	let currency = defaultLocalCurrency;
	if (isGiven(currencyInput)) {
		const found = findCurrency(currencyInput);
		if (found) currency = found.code;
		else problems.push({ path: 'currency', expected: moneyExpectations.currency, received: currencyInput });
	} else {
		assumed = `currency ${defaultLocalCurrency} (the default local currency)`;
	}

	const foreignCurrencyInput = pick('foreignCurrency');
	let foreignCurrency: string | undefined;
	if (isGiven(foreignCurrencyInput)) {
		const found = findCurrency(foreignCurrencyInput);
		if (found) foreignCurrency = found.code;
		else problems.push({ path: 'foreignCurrency', expected: moneyExpectations.currency, received: foreignCurrencyInput });
	}

	const readAmount = (input: unknown, path: string, expected: string): Decimal | undefined => {
		if (!isGiven(input)) return undefined;
		const decimal = parseDecimal(input);
		if (decimal === undefined) problems.push({ path, expected, received: input });
		return decimal;
	};
	const amount = readAmount(amountInput, amountPath, moneyExpectations.amount);
	const foreignAmountInput = pick('foreignAmount');
	const foreignAmount = readAmount(foreignAmountInput, 'foreignAmount', moneyExpectations.foreignAmount);
	const rateInput = pick('exchangeRate');
	const rate = readAmount(rateInput, 'exchangeRate', moneyExpectations.exchangeRate);
	if (rate !== undefined && (isZero(rate) || isNegative(rate))) {
		problems.push({ path: 'exchangeRate', expected: moneyExpectations.exchangeRate, received: rateInput });
	}
	if (problems.length > 0) return { ok: false, problems };

	const hasForeignFigures = foreignAmount !== undefined || rate !== undefined;
	if (foreignCurrency === undefined) {
		if (hasForeignFigures) {
			return fail('foreignCurrency', 'a foreign currency code like USD, because a foreign amount or exchange rate was given', foreignCurrencyInput);
		}
		if (amount === undefined) return fail(amountPath, moneyExpectations.amount, amountInput);
		return ok({ currency, amount: formatScaled(toScaled(amount, 2), 2) }, assumed);
	}

	if (foreignCurrency === currency) {
		// Seed: "如果金额是本位币，则无下列字段" — a local amount has no foreign members.
		const local = amount ?? foreignAmount;
		if (local === undefined) return fail(amountPath, moneyExpectations.amount, amountInput);
		const localCents = toScaled(local, 2);
		if (foreignAmount !== undefined && amount !== undefined && toScaled(foreignAmount, 2) !== localCents) {
			return fail('foreignAmount', `the same as amount (${formatScaled(localCents, 2)}), because foreignCurrency equals currency ${currency}`, foreignAmountInput);
		}
		if (rate !== undefined && toScaled(rate, exchangeRatePlaces) !== toScaled({ coefficient: 1n, scale: 0 }, exchangeRatePlaces)) {
			return fail('exchangeRate', `1, because foreignCurrency equals currency ${currency}`, rateInput);
		}
		return ok({ currency, amount: formatScaled(localCents, 2) }, assumed);
	}

	const given = Number(amount !== undefined) + Number(foreignAmount !== undefined) + Number(rate !== undefined);
	if (given < 2) {
		const missing = amount === undefined ? amountPath : 'foreignAmount';
		return fail(
			missing,
			`two of amount, foreignAmount and exchangeRate for the foreign currency ${foreignCurrency} (the third is computed)`,
			missing === amountPath ? amountInput : foreignAmountInput,
		);
	}

	let amountCents: bigint;
	let foreignCents: bigint;
	let rateScaled: bigint;
	let ratePlaces: number;
	if (amount !== undefined && foreignAmount !== undefined) {
		amountCents = toScaled(amount, 2);
		foreignCents = toScaled(foreignAmount, 2);
		const computed = computeRate(cents(foreignCents), cents(amountCents));
		if (rate === undefined) {
			if (computed === undefined) {
				return fail('exchangeRate', 'an exchange rate: it cannot be computed as foreignAmount ÷ amount when amount is 0.00', rateInput);
			}
			if (computed.scaled <= 0n) {
				return fail(
					'foreignAmount',
					`an amount other than 0.00 with the same sign as amount (${formatScaled(amountCents, 2)}), so that the exchange rate is positive`,
					foreignAmountInput,
				);
			}
			[rateScaled, ratePlaces] = [computed.scaled, computed.places];
		} else {
			[rateScaled, ratePlaces] = givenRate(rate);
			if (!ratesAgree(cents(amountCents), cents(foreignCents), rate)) {
				const shown = computed === undefined ? 'undefined for an amount of 0.00' : formatScaledTrimmed(computed.scaled, computed.places, 2);
				return fail(
					'exchangeRate',
					`foreignAmount ÷ amount (${formatScaled(foreignCents, 2)} ÷ ${formatScaled(amountCents, 2)} = ${shown}) within the rate's own precision, or amount × rate within 0.01 of foreignAmount`,
					rateInput,
				);
			}
		}
	} else if (amount !== undefined && rate !== undefined) {
		amountCents = toScaled(amount, 2);
		[rateScaled, ratePlaces] = givenRate(rate);
		foreignCents = toScaled(multiply(cents(amountCents), rate), 2);
	} else {
		// foreignAmount and rate given: amount = foreignAmount ÷ rate. Rate is positive (checked above).
		foreignCents = toScaled(foreignAmount as Decimal, 2);
		[rateScaled, ratePlaces] = givenRate(rate as Decimal);
		amountCents = divideToScaled(cents(foreignCents), rate as Decimal, 2) as bigint;
	}

	return ok(
		{
			currency,
			amount: formatScaled(amountCents, 2),
			foreignCurrency,
			foreignAmount: formatScaled(foreignCents, 2),
			exchangeRate: formatScaledTrimmed(rateScaled, ratePlaces, 2),
		},
		assumed,
	);
}

/**
 * foreignAmount ÷ amount to 8 decimals, or more (up to 20) until it has 6 significant digits: the
 * rates of weak currencies (0.0000238) would otherwise lose their digits.
 */
function computeRate(foreignAmount: Decimal, amount: Decimal): { scaled: bigint; places: number } | undefined {
	let places = exchangeRatePlaces;
	let scaled = divideToScaled(foreignAmount, amount, places);
	while (scaled !== undefined && (scaled < 0n ? -scaled : scaled) < minimumRateDigits && places < maxRatePlaces) {
		places++;
		scaled = divideToScaled(foreignAmount, amount, places);
	}
	return scaled === undefined ? undefined : { scaled, places };
}

/** A given rate keeps its own precision (at least 8, at most 20 decimals; trailing zeros are dropped when written). */
function givenRate(rate: Decimal): [scaled: bigint, places: number] {
	const places = Math.min(Math.max(rate.scale, exchangeRatePlaces), maxRatePlaces);
	return [toScaled(rate, places), places];
}

/** The documented tolerance: the rate at its own precision, or the foreign amount to the cent. */
function ratesAgree(amount: Decimal, foreignAmount: Decimal, rate: Decimal): boolean {
	// A rate read from a JavaScript number has lost its trailing zeros (6.80 → 6.8), so its precision
	// counts as at least the seed's 2 decimals.
	const places = Math.min(Math.max(rate.scale, 2), maxRatePlaces);
	const computed = divideToScaled(foreignAmount, amount, places);
	if (computed !== undefined && computed === toScaled(rate, places)) return true;
	const foreignFromRate = toScaled(multiply(amount, rate), 2);
	const difference = foreignFromRate - foreignAmount.coefficient;
	return difference >= -1n && difference <= 1n;
}

function fail(path: string, expected: string, received: unknown): Normalised<never> {
	return { ok: false, problems: [{ path, expected, received }] };
}
