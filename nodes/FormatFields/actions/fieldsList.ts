import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { type FieldLayout, type FormatContext, type FormatResult, compileFields, defaultLocalCurrency, fieldTypeLabel, fieldTypes, formatFields } from '../../shared/fields';

/**
 * The Fields list: typed fields from the table in nodes/shared/fields (seed 000 "支持字段"). Mode
 * Fields is this list alone; the Hesi body, the Standard Webhooks data and the record of a
 * Jiandaoyun data push put it inside their envelope.
 */
export const fieldsProperty: INodeProperties = {
	displayName: 'Fields',
	name: 'fields',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true, sortable: true },
	placeholder: 'Add Field',
	default: {},
	description: "The fields of the body, each in its seed 000 type's JSON shape",
	options: [
		{
			displayName: 'Field',
			name: 'field',
			values: [
				{
					displayName: 'Currency',
					name: 'currency',
					type: 'string',
					default: defaultLocalCurrency,
					placeholder: 'CNY',
					description: 'ISO 4217 code of the local currency (本位币), used when the value does not name one',
					displayOptions: { show: { type: ['money'] } },
				},
				{
					displayName: 'Exchange Rate',
					name: 'exchangeRate',
					type: 'string',
					default: '',
					placeholder: '6.88',
					description: 'Foreign amount ÷ amount (汇率 = 外币金额 ÷ 本位币金额)',
					displayOptions: { show: { type: ['money'] } },
				},
				{
					displayName: 'Foreign Amount',
					name: 'foreignAmount',
					type: 'string',
					default: '',
					placeholder: '68.80',
					displayOptions: { show: { type: ['money'] } },
				},
				{
					displayName: 'Foreign Currency',
					name: 'foreignCurrency',
					type: 'string',
					default: '',
					placeholder: 'USD',
					description:
						'ISO 4217 code of the foreign currency (外币), if the amount was in one; then give the foreign amount or the exchange rate and the third is computed',
					displayOptions: { show: { type: ['money'] } },
				},
				{
					displayName: 'Output Name',
					name: 'name',
					type: 'string',
					default: '',
					placeholder: 'e.g. amount or payee.account',
					description: 'Name of the field in the body; with dot notation, payee.account builds {"payee": {"account": …}}',
					required: true,
				},
				{
					displayName: 'Required',
					name: 'required',
					type: 'boolean',
					default: true,
					description: 'Whether an empty value (nothing, null, or blank text for non-text types) fails the item; when off the field is left out',
				},
				{
					displayName: 'Type',
					name: 'type',
					type: 'options',
					options: fieldTypes.map((type) => ({ name: fieldTypeLabel(type), value: type.key, description: type.accepts })),
					default: 'text',
					description: 'The JSON shape to write (seed 000 "支持字段")',
				},
				{
					displayName: 'Value',
					name: 'value',
					type: 'string',
					default: '',
					placeholder: 'e.g. {{ $json.amount }}',
					description: 'The value to format, usually an expression; objects and lists from expressions are used as they are',
				},
			],
		},
	],
};

/** One entry of the Fields list as n8n hands it over (expressions resolved). */
interface FieldEntry {
	name?: string;
	type?: string;
	value?: unknown;
	required?: boolean;
	currency?: string;
	foreignCurrency?: unknown;
	foreignAmount?: unknown;
	exchangeRate?: unknown;
}

/** The item's Fields list, formatted: the body, or every field's error. */
export function readFields(context: IExecuteFunctions, itemIndex: number, formatContext: FormatContext): FormatResult {
	const entries = context.getNodeParameter('fields.field', itemIndex, []) as FieldEntry[];
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const layout: FieldLayout[] = entries.map((entry) => ({
		name: entry.name ?? '',
		type: entry.type ?? 'text',
		required: entry.required !== false,
		settings: {
			currency: entry.currency,
			foreignCurrency: typeof entry.foreignCurrency === 'string' ? entry.foreignCurrency : undefined,
			foreignAmount: entry.foreignAmount,
			exchangeRate: entry.exchangeRate,
		},
	}));
	const compiled = compileFields(layout, { dotNotation: options.dotNotation !== false });
	return formatFields(
		compiled,
		entries.map((entry) => entry.value),
		formatContext,
	);
}
