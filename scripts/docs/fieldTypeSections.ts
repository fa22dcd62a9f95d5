import {
	type FieldError,
	type FieldLayout,
	type FieldTypeKey,
	compileFields,
	createZonedClock,
	currencyTableSource,
	exchangeRatePlaces,
	fieldTypes,
	formatFields,
	payeeMembers,
	payeeSortNamesZh,
	payeeSorts,
	secondsThreshold,
} from '../../nodes/shared/fields';
import { anchor, code, escapeCell, table } from './markdown';

/**
 * The field type part of docs/format-fields.md: a section a type, each example input formatted by
 * the engine when the page is written, and the seed 000 values the envelope examples reuse.
 */

/** Dates without an offset are read in Asia/Shanghai in every example of the page. */
export const clock = createZonedClock('Asia/Shanghai');
export const context = { clock };
/** 1e11, as the page writes it. */
const secondsLimit = secondsThreshold.toExponential().replace('+', '');

/** How an input value is written in the page: JSON, or a Date by its ISO text. */
function showInput(value: unknown): string {
	if (value instanceof Date) return `a Date ${value.toISOString()}`;
	if (value === undefined) return 'nothing';
	return JSON.stringify(value);
}

function formatOne(type: FieldTypeKey, value: unknown, layout: Partial<FieldLayout> = {}): { output?: string; errors?: readonly FieldError[] } {
	const name = layout.name ?? type;
	const compiled = compileFields([{ name, type, ...layout }]);
	const result = formatFields(compiled, [value], context);
	if (!result.ok) return { errors: result.errors };
	return { output: JSON.stringify(result.body[name]) };
}

interface TypeExamples {
	/** Accepted inputs (with an optional note on the row). */
	readonly accepted: ReadonlyArray<readonly [value: unknown, note?: string]>;
	/** Refused inputs: the page shows the Failure message. */
	readonly refused: readonly unknown[];
	/** What else to know, in the page's words. */
	readonly rules: string;
}


export const seedMoney = { currency: 'CNY', amount: '10.00', foreignCurrency: 'USD', foreignAmount: '68.80', exchangeRate: '6.88' };
const seedDimension = { id: '档案值id', path: 'AAA/BBB/CCC', name: 'CCC', code: '0902' };
const seedBank = {
	sort: 'BANK',
	type: 'PERSONAL',
	name: '杨平',
	nameSpell: 'YANGPING',
	cardNo: '6214000123123028888',
	bank: '招商银行',
	province: '江苏省',
	city: '南京市',
	branch: '招商银行南京中央路支行',
	certificateType: '03',
	certificateNo: '134322222343',
	bankLinkNo: '308301006211',
};
export const seedUserInfo = { id: '7hw8MheAgo0g00:I6A8MlHIQM0000', name: '张三', cellphone: '13111111111', email: '123456@163.com' };

const examples: Record<FieldTypeKey, TypeExamples> = {
	text: {
		accepted: [['xxxx', 'the seed example'], [42, 'a number is written as text'], [true]],
		refused: [{ a: 1 }],
		rules: 'Empty text `""` is a value for this type: a Required text field accepts it.',
	},
	date: {
		accepted: [
			['2017-01-15T16:38:38.241Z', 'the seed example, ISO 8601 with Z'],
			['2017-01-16T00:38:38.241+08:00', 'with an offset: exact'],
			['2017-01-15', 'date only: midnight in the time zone (here Asia/Shanghai)'],
			['2017-01-15 16:38', 'no offset: wall time in the time zone'],
			[1484498318, `a number below ${secondsLimit} is seconds`],
			[1484498318241, 'otherwise milliseconds'],
			['1484498318241', 'numeric text too'],
			[new Date('2017-01-15T16:38:38.241Z'), 'a Date; a Luxon DateTime ($now, DateTime.fromISO(…)) the same way'],
		],
		refused: ['next Friday', '2017-02-30'],
		rules:
			`Numbers below ${secondsLimit} are read as seconds (${secondsLimit} s is the year 5138), others as milliseconds; ` +
			'fractions are rounded to the millisecond. ISO text without an offset, and a date alone, are read in the time zone of ' +
			"**Options → Time Zone** (empty: the workflow's time zone). With **Options → Include Conversion Notes** on, `formatNotes` " +
			'says which reading was used for each field (seconds or milliseconds, the zone).',
	},
	dateRange: {
		accepted: [
			[{ from: '2017-01-15T16:38:38.241Z', to: 1484498318398 }, 'the seed example'],
			[{ start: '2017-01-15', end: '2017-01-16' }, '{start, end} as well'],
			[['2017-01-15', '2017-01-15'], 'a list [from, to]; from = to is allowed'],
		],
		refused: [{ from: '2017-01-16', to: '2017-01-15' }, { from: 'soon', to: '2017-01-15' }],
		rules: 'Each end is read like a Date field. A date alone is midnight at the start of that day, for `to` as well.',
	},
	number: {
		accepted: [[23.4, 'the seed example'], ['23.4'], ['1,234.5', 'thousands separators']],
		refused: ['23,4', 'abc'],
		rules: 'Written as a JSON number.',
	},
	money: {
		accepted: [
			[seedMoney, 'the seed example: all three foreign members given, they agree'],
			['10', 'an amount alone is in the field\'s Currency setting (default CNY)'],
			[0.1 + 0.2, 'the float 0.30000000000000004: no drift'],
			[{ currency: 'usd', amount: 12.345 }, 'a local currency other than CNY; half-up rounding'],
			[{ amount: '10', foreignCurrency: 'USD', foreignAmount: '68.8' }, 'the rate is computed'],
			[{ amount: '10', foreignCurrency: 'USD', exchangeRate: '6.88' }, 'the foreign amount is computed'],
			[{ foreignCurrency: 'USD', foreignAmount: '68.80', exchangeRate: '6.88' }, 'the amount is computed'],
			[{ currency: 'CNY', amount: '10', foreignCurrency: 'CNY' }, 'a "foreign" currency equal to the local one: a local amount'],
		],
		refused: [
			'ten',
			{ currency: 'RMB', amount: '10' },
			{ amount: '10', foreignCurrency: 'USD' },
			{ amount: '10.00', foreignCurrency: 'USD', foreignAmount: '68.80', exchangeRate: '7.2' },
		],
		rules: [
			'- Amounts are 2-decimal strings, rounded half-up (0.125 → "0.13", -0.125 → "-0.13") with exact decimal arithmetic:',
			'  a JavaScript number is read through its shortest text, so float drift never reaches the cents.',
			'- Currencies are ISO 4217 codes, case-insensitive (`usd` → `USD`); the list is ' + `${currencyTableSource.replace(/\.$/, '')}.`,
			'- The three foreign members (`foreignCurrency`, `foreignAmount`, `exchangeRate`) appear only when the amount was in a foreign',
			'  currency (seed 000: "如果金额是本位币，则无下列字段"). 汇率 = 外币金额 ÷ 本位币金额: `exchangeRate = foreignAmount ÷ amount`.',
			'- Of `amount`, `foreignAmount` and `exchangeRate`, any two give the third: `foreignAmount = amount × rate` and',
			`  \`amount = foreignAmount ÷ rate\` rounded to the cent, \`rate = foreignAmount ÷ amount\` to ${exchangeRatePlaces} decimals`,
			'  (more for rates below 0.001, so that 6 significant digits remain), written with at least 2 decimals and no trailing zeros.',
			'- When all three are given they must agree: the rate equals foreignAmount ÷ amount at the rate\'s own precision',
			'  (at least 2 decimals), or amount × rate is within 0.01 of foreignAmount.',
			'- Members of an object value win over the field\'s settings (Currency, Foreign Currency, Foreign Amount, Exchange Rate):',
			'  the settings fill in what the value does not say, e.g. a fixed foreign currency and rate for amounts given as plain numbers.',
		].join('\n'),
	},
	switch: {
		accepted: [[true, 'the seed example'], ['是'], ['否'], [1], ['0'], ['FALSE', 'case does not matter']],
		refused: ['maybe', 2],
		rules: 'Written as JSON `true` or `false`.',
	},
	dimension: {
		accepted: [
			[seedDimension, 'the seed example'],
			[{ id: '档案值id', path: 'AAA/BBB/CCC', code: '0902' }, 'name missing: the last segment of path'],
			[{ id: 'd-2', name: '财务部' }, 'path missing: the name (a top-level entry)'],
			[{ id: 902, path: 'AAA/BBB/' }, 'an id given as a number is written as text; the name skips a trailing /'],
		],
		refused: [{ path: 'AAA/BBB' }, { id: 'd-3' }],
		rules: 'The four keys are always written; `code` missing is written as `""`. The id is required, and a path or a name.',
	},
	multiDimension: {
		accepted: [
			[[seedDimension, { id: 'p-2', path: '研发中心/平台组' }], 'the seed example, and an entry with only a path'],
			[{ id: 'p-3', path: '市场部' }, 'one object is a list of one'],
		],
		refused: [[seedDimension, { path: 'AAA' }]],
		rules: 'Each entry follows the rules of Department / Custom Dimension; a bad entry is named by its position.',
	},
	staff: {
		accepted: [[{ id: '员工ID', name: '姓名' }, 'the seed example']],
		refused: [{ id: '员工ID' }, '张三'],
		rules: 'The id is the Hesi staff id (员工ID); both members are required.',
	},
	businessObject: {
		accepted: [
			[{ id: 'x2y34', name: 'xxxx', code: '1234' }, 'the seed example'],
			[{ id: 1234, name: '合同A' }, 'code missing: written as ""'],
		],
		refused: [{ name: '合同A' }],
		rules: 'The three keys are always written.',
	},
	payee: {
		accepted: [
			[seedBank, 'the seed example of 收款信息_银行卡'],
			[{ sort: 'bank', name: '杨平', cardNo: '6214 0001 2312 3028 888' }, 'the sort is case-insensitive; spaces in the card number are removed'],
			[{ sort: 'ALIPAY', name: '杨平', cardNo: 'yangping@example.com' }, 'an Alipay account is a mobile number or an email'],
		],
		refused: [
			{ sort: 'BANK', name: '杨平', cardNo: '6214-0001-ABC' },
			{ sort: 'BANK', name: '杨平', cardNo: 6214000123123028888 },
			{ sort: 'WECHAT', name: '杨平', cardNo: '13900001111' },
		],
		rules: '', // rendered from the payee member table below
	},
	action: {
		accepted: [['flow.rejected', 'the seed example']],
		refused: ['flow.reject'],
		rules:
			'The codes of the Hesi approval event catalog (seed 000 "通知类出站消息类别"), listed in [events.md](events.md#hesi-approval-events). ' +
			'In the Hesi envelope the action is a setting of the envelope, not a field.',
	},
	actionName: {
		accepted: [['被驳回', 'the seed example']],
		refused: [42],
		rules:
			"Left empty, it is filled with the Chinese name of the same item's `action` field (`flow.rejected` → 被驳回), " +
			'when the layout has an action field.',
	},
	userInfo: {
		accepted: [
			[seedUserInfo, 'the seed example'],
			[{ id: '7hw8MheAgo0g00:I6A8MlHIQM0000', name: '张三' }, 'cellphone and email missing: written as ""'],
		],
		refused: [{ ...seedUserInfo, email: 'zhangsan' }, { ...seedUserInfo, cellphone: 'call me' }],
		rules:
			'Phone numbers and emails are checked loosely: digits with an optional leading +, spaces or dashes (5 to 20 characters); ' +
			'something@something.something without spaces.',
	},
	internalMessageNameType: {
		accepted: [['freeflow:autoSubmit', 'the seed example']],
		refused: ['autoSubmit'],
		rules: 'The codes of the Hesi internal message catalog (seed 000 "站内信消息类型"), listed in [events.md](events.md).',
	},
};

function payeeRules(): string {
	const rows = payeeSorts.map((sort) => [code(sort), payeeSortNamesZh[sort], payeeMembers[sort].map((member) => code(member)).join(', ')]);
	return [
		'`sort`, `name` and `cardNo` are required; the other members of the sort are written when given, in the order',
		'the seed prints them, and left out when not. Members of another sort are ignored. The account `type` is',
		'`PERSONAL` (个人) or `PUBLIC` (对公). A BANK card number and the bank link number (联行号) are digits only;',
		'give long numbers as text, since a JavaScript number of 19 digits has already lost some.',
		'',
		table(['sort', '中文', 'Members (seed order)'], rows),
	].join('\n');
}

export function typeSection(index: number): string {
	const type = fieldTypes[index];
	const { accepted, refused, rules } = examples[type.key];
	const acceptedRows = accepted.map(([value, note]) => {
		const result = formatOne(type.key, value);
		if (result.output === undefined) throw new Error(`docs example for ${type.key} was refused: ${showInput(value)}`);
		return [code(showInput(value)), code(result.output), note ?? ''];
	});
	const refusedRows = refused.map((value) => {
		const result = formatOne(type.key, value);
		if (result.errors === undefined) throw new Error(`docs example for ${type.key} was accepted: ${showInput(value)}`);
		return [code(showInput(value)), result.errors.map((error) => escapeCell(error.message)).join('<br>')];
	});
	return [
		`### ${type.name} (${type.nameZh})`,
		'',
		`Type \`${type.key}\`. Accepts: ${type.accepts}`,
		'',
		table(['Value', 'Written as', ''], acceptedRows),
		'',
		table(['Refused value', 'Failure message (field named after the type here)'], refusedRows),
		'',
		type.key === 'payee' ? payeeRules() : rules,
	].join('\n');
}

export function fieldTypeTable(): string {
	return table(
		['Type', '中文 (seed 000)', 'Key', 'Written as'],
		fieldTypes.map((type) => {
			const example = examples[type.key].accepted[0][0];
			const written = formatOne(type.key, example).output ?? '';
			return [`[${type.name}](#${anchor(`${type.name} (${type.nameZh})`)})`, type.nameZh, code(type.key), code(written)];
		}),
	);
}
