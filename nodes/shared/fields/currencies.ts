import iso4217 from './iso4217.json';

/**
 * ISO 4217 currency codes, read from the data file `iso4217.json` (its `source` says which edition
 * and amendments it reflects). Money fields accept only these codes, case-insensitively.
 */
export interface Currency {
	readonly code: string;
	readonly number: string;
	readonly minorUnits: number;
	readonly name: string;
}

export const currencies: readonly Currency[] = iso4217.currencies;

export const currencyTableSource: string = iso4217.source;

const currencyByCode: ReadonlyMap<string, Currency> = new Map(currencies.map((currency) => [currency.code, currency]));

/** The currency for a code (`cny` finds CNY), or `undefined` when the code is not an active ISO 4217 code. */
export function findCurrency(code: unknown): Currency | undefined {
	if (typeof code !== 'string') return undefined;
	const normalised = code.trim().toUpperCase();
	return currencyByCode.get(normalised);
}
