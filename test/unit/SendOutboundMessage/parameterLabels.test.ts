import type { INodeProperties } from 'n8n-workflow';

import { checkNumber, describeRange, numberLimits, parameterLabel } from '../../../nodes/SendOutboundMessage/parameterLabels';

const properties: INodeProperties[] = [
	{ displayName: 'Retries', name: 'retries', type: 'number', typeOptions: { minValue: 0, maxValue: 10 }, default: 0 },
	{ displayName: 'Interval (Seconds)', name: 'retryInterval', type: 'number', typeOptions: { minValue: 0, numberPrecision: 1 }, default: 0 },
	{ displayName: 'URL', name: 'url', type: 'string', default: '' },
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [{ displayName: 'Timeout (Ms)', name: 'timeout', type: 'number', typeOptions: { minValue: 1 }, default: 10000 }],
	},
];

describe('parameterLabel', () => {
	it('reads the label the panel shows, with the collection for an option inside one', () => {
		expect(parameterLabel(properties, 'retries')).toBe('Retries');
		expect(parameterLabel(properties, 'options.timeout')).toBe('Options → Timeout (Ms)');
	});

	it('throws for a parameter the description does not have, so a typo cannot produce a wrong label', () => {
		expect(() => parameterLabel(properties, 'options.timeOut')).toThrow('The node has no parameter "options.timeOut"');
	});
});

describe('numberLimits and checkNumber', () => {
	it('reads the limits the editor enforces from typeOptions', () => {
		expect(numberLimits(properties, 'retries')).toEqual({ min: 0, max: 10, wholeNumber: true });
		expect(numberLimits(properties, 'retryInterval')).toEqual({ min: 0, max: undefined, wholeNumber: false });
		expect(() => numberLimits(properties, 'url')).toThrow('is not a number');
	});

	it('describes the range in words', () => {
		expect(describeRange({ min: 0, max: 10, wholeNumber: true })).toBe('a whole number from 0 to 10');
		expect(describeRange({ min: 1, wholeNumber: false })).toBe('a number of 1 or more');
	});

	it('returns a value inside the range, a number given as text included', () => {
		expect(checkNumber(10, { min: 0, max: 10, wholeNumber: true })).toBe(10);
		expect(checkNumber('2.5', { min: 0, wholeNumber: false })).toBe(2.5);
	});

	it('refuses values outside the range, fractions of whole numbers and non-numbers, never changing them', () => {
		const limits = { min: 0, max: 10, wholeNumber: true };
		expect(() => checkNumber(11, limits)).toThrow('11 is more than 10: use a whole number from 0 to 10');
		expect(() => checkNumber(-1, limits)).toThrow('-1 is less than 0: use a whole number from 0 to 10');
		expect(() => checkNumber(1.5, limits)).toThrow('1.5 is not a whole number');
		expect(() => checkNumber('', limits)).toThrow('"" is not a number');
		expect(() => checkNumber(null, limits)).toThrow('null is not a number');
	});
});
