import { z } from 'zod';

import { businessObjectExpectation, businessObjectOutputSchema, normaliseBusinessObject } from './businessObject';
import { dateExpectation, dateRangeExpectation, dateRangeOutputSchema, normaliseDate, normaliseDateRange, timestampSchema } from './dateValue';
import { dimensionExpectation, dimensionOutputSchema, multiDimensionExpectation, multiDimensionOutputSchema, normaliseDimension, normaliseMultiDimension } from './dimension';
import type { Normalised } from './fieldProblem';
import { moneyExpectations, moneyOutputSchema, normaliseMoney, type MoneyOptions } from './money';
import { actionExpectation, actionNameExpectation, internalMessageNameTypeExpectation, normaliseAction, normaliseActionName, normaliseInternalMessageNameType, normaliseUserInfo, userInfoExpectation, userInfoOutputSchema } from './notification';
import { normaliseNumber, numberExpectation, numberOutputSchema } from './numberValue';
import { normalisePayee, payeeExpectation, payeeOutputSchema } from './payee';
import { normaliseStaff, staffExpectation, staffOutputSchema } from './staff';
import { normaliseSwitch, switchExpectation, switchOutputSchema } from './switchValue';
import { normaliseText, textExpectation, textOutputSchema } from './text';
import type { ZonedClock } from './zonedTime';

/**
 * The field types of seed 000 "支持字段" as data: the Format Fields node's type picker, the docs and
 * the tests all read this table. Each type has its English and Chinese name (the seed's row name), what
 * it accepts, its normaliser (input → the seed's JSON shape) and a zod schema of that output shape.
 */

export const fieldTypeKeys = [
	'text',
	'date',
	'dateRange',
	'number',
	'money',
	'switch',
	'dimension',
	'multiDimension',
	'staff',
	'businessObject',
	'payee',
	'action',
	'actionName',
	'userInfo',
	'internalMessageNameType',
] as const;

export type FieldTypeKey = (typeof fieldTypeKeys)[number];

/** What every normaliser may use: built once per execution, shared by all items. */
export interface FormatContext {
	/** Reads ISO text without an offset (date-only or local date-time). */
	readonly clock: ZonedClock;
	/** Collect what was assumed about values (FormatResult.notes); off, notes stay empty and items format faster. */
	readonly collectNotes?: boolean;
}

/** Per-field settings beyond the value; only money uses any today. */
export type FieldSettings = MoneyOptions;

export interface FieldTypeDefinition {
	readonly key: FieldTypeKey;
	readonly name: string;
	/** The seed's name for the type (its "字段类型" column). */
	readonly nameZh: string;
	/** What the type accepts, for the type picker and the docs. */
	readonly accepts: string;
	/** The `expected` text of an error about the whole value. */
	readonly expected: string;
	/** The seed's JSON shape of a formatted value. */
	readonly outputSchema: z.ZodTypeAny;
	/** Per-field settings this type reads (node parameters shown for this type only). */
	readonly settings: readonly (keyof FieldSettings)[];
	normalise(value: unknown, context: FormatContext, settings: FieldSettings): Normalised<unknown>;
}

/** The type as the Format Fields node's Type dropdown shows it, e.g. "Money (金额)". */
export function fieldTypeLabel(type: Pick<FieldTypeDefinition, 'name' | 'nameZh'>): string {
	return `${type.name} (${type.nameZh})`;
}

export const fieldTypes: readonly FieldTypeDefinition[] = [
	{
		key: 'text',
		name: 'Text',
		nameZh: '文本',
		accepts: 'Text; numbers and true/false are written as text',
		expected: textExpectation,
		outputSchema: textOutputSchema,
		settings: [],
		normalise: (value) => normaliseText(value),
	},
	{
		key: 'date',
		name: 'Date',
		nameZh: '日期',
		accepts:
			'ISO 8601 text (2017-01-15T16:38:38.241Z; without an offset it is read in the chosen time zone), a Date or DateTime, or a timestamp (below 1e11 seconds, otherwise milliseconds). Written as a millisecond timestamp.',
		expected: dateExpectation,
		outputSchema: timestampSchema,
		settings: [],
		normalise: (value, context) => normaliseDate(value, context),
	},
	{
		key: 'dateRange',
		name: 'Date Range',
		nameZh: '日期范围',
		accepts: '{from, to}, {start, end} or [from, to] of dates (as Date); written as {"from": ms, "to": ms}, from ≤ to',
		expected: dateRangeExpectation,
		outputSchema: dateRangeOutputSchema,
		settings: [],
		normalise: (value, context) => normaliseDateRange(value, context),
	},
	{
		key: 'number',
		name: 'Number',
		nameZh: '数字',
		accepts: 'A number or numeric text (23.4, "23.4", "1,234.5")',
		expected: numberExpectation,
		outputSchema: numberOutputSchema,
		settings: [],
		normalise: (value) => normaliseNumber(value),
	},
	{
		key: 'money',
		name: 'Money',
		nameZh: '金额',
		accepts:
			'An amount (number or numeric text) in the field\'s currency, or an object {currency, amount, foreignCurrency, foreignAmount, exchangeRate}. Written as {"currency":"CNY","amount":"10.00"} plus the foreign members when the currency is foreign.',
		expected: moneyExpectations.value,
		outputSchema: moneyOutputSchema,
		settings: ['currency', 'foreignCurrency', 'foreignAmount', 'exchangeRate'],
		normalise: (value, _context, settings) => normaliseMoney(value, settings),
	},
	{
		key: 'switch',
		name: 'Switch',
		nameZh: '开关',
		accepts: 'true/false, "true"/"false", 1/0, "1"/"0", 是/否',
		expected: switchExpectation,
		outputSchema: switchOutputSchema,
		settings: [],
		normalise: (value) => normaliseSwitch(value),
	},
	{
		key: 'dimension',
		name: 'Department / Custom Dimension',
		nameZh: '部门/自定义档案',
		accepts: '{id, path, name, code}; name defaults to the last segment of path',
		expected: dimensionExpectation,
		outputSchema: dimensionOutputSchema,
		settings: [],
		normalise: (value) => normaliseDimension(value),
	},
	{
		key: 'multiDimension',
		name: 'Custom Dimension (Multiple)',
		nameZh: '自定义档案（多选）',
		accepts: 'A list of {id, path, name, code} (one object is a list of one)',
		expected: multiDimensionExpectation,
		outputSchema: multiDimensionOutputSchema,
		settings: [],
		normalise: (value) => normaliseMultiDimension(value),
	},
	{
		key: 'staff',
		name: 'Staff',
		nameZh: '人员',
		accepts: '{id, name}: the Hesi staff id and the name',
		expected: staffExpectation,
		outputSchema: staffOutputSchema,
		settings: [],
		normalise: (value) => normaliseStaff(value),
	},
	{
		key: 'businessObject',
		name: 'Custom Business Object',
		nameZh: '自定义扩展业务对象',
		accepts: '{id, name, code}',
		expected: businessObjectExpectation,
		outputSchema: businessObjectOutputSchema,
		settings: [],
		normalise: (value) => normaliseBusinessObject(value),
	},
	{
		key: 'payee',
		name: 'Payee Account',
		nameZh: '收款信息',
		accepts: '{sort: BANK | OVERSEABANK | ALIPAY | OTHER, name, cardNo, …} with the members of that sort',
		expected: payeeExpectation,
		outputSchema: payeeOutputSchema,
		settings: [],
		normalise: (value) => normalisePayee(value),
	},
	{
		key: 'action',
		name: 'Notification Category (action)',
		nameZh: '通知类出站消息类别',
		accepts: 'A Hesi approval event code such as flow.rejected',
		expected: actionExpectation,
		outputSchema: z.string(),
		settings: [],
		normalise: (value) => normaliseAction(value),
	},
	{
		key: 'actionName',
		name: 'Notification Category Name (actionName)',
		nameZh: '通知类出站消息类别名称',
		accepts: 'The category name (被驳回); left empty, it is filled from the action field of the same item',
		expected: actionNameExpectation,
		outputSchema: z.string(),
		settings: [],
		normalise: (value) => normaliseActionName(value),
	},
	{
		key: 'userInfo',
		name: 'Notification Recipient (userInfo)',
		nameZh: '通知类出站消息消息接收人',
		accepts: '{id, name, cellphone, email}',
		expected: userInfoExpectation,
		outputSchema: userInfoOutputSchema,
		settings: [],
		normalise: (value) => normaliseUserInfo(value),
	},
	{
		key: 'internalMessageNameType',
		name: 'Internal Message Type (internalMessageNameType)',
		nameZh: '站内信消息类型',
		accepts: 'A Hesi internal message type code such as freeflow:autoSubmit',
		expected: internalMessageNameTypeExpectation,
		outputSchema: z.string(),
		settings: [],
		normalise: (value) => normaliseInternalMessageNameType(value),
	},
];

const fieldTypeByKey: ReadonlyMap<string, FieldTypeDefinition> = new Map(fieldTypes.map((type) => [type.key, type]));

export function findFieldType(key: string): FieldTypeDefinition | undefined {
	return fieldTypeByKey.get(key);
}
