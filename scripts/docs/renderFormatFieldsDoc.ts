import { ofsTodoEvents } from '../../nodes/shared/events';
import {
	type FieldError,
	type FieldLayout,
	type FieldTypeKey,
	buildHesiBody,
	buildJiandaoyunMessage,
	buildOfsTodoBody,
	buildOutboundRequest,
	buildStandardWebhooksEvent,
	compileFields,
	createZonedClock,
	currencyTableSource,
	exchangeRatePlaces,
	fieldTypes,
	formatFields,
	payeeMembers,
	payeeSortNamesZh,
	payeeSorts,
	readRecipients,
	secondsThreshold,
} from '../../nodes/shared/fields';

/**
 * docs/format-fields.md, rendered from the field type table and the envelope builders (`npm run
 * docs` writes it; test/unit/shared/fields/formatFieldsDoc.test.ts fails while it is not current). Every output and every error message shown in the page
 * is computed here by the engine, so the page cannot drift from what the node does.
 */

const clock = createZonedClock('Asia/Shanghai');
/** 1e11, as the page writes it. */
const secondsLimit = secondsThreshold.toExponential().replace('+', '');
const context = { clock };
/** A fixed "now" for the envelopes' defaults: 2024-01-15 09:05:00 in Asia/Shanghai. */
const now = Date.UTC(2024, 0, 15, 1, 5, 0);

function escapeCell(text: string): string {
	return text.replace(/\|/g, '\\|').replace(/\n/g, '\\n');
}

function code(text: string): string {
	return `\`${escapeCell(text)}\``;
}

/** How an input value is written in the page: JSON, or a Date by its ISO text. */
function showInput(value: unknown): string {
	if (value instanceof Date) return `a Date ${value.toISOString()}`;
	if (value === undefined) return 'nothing';
	return JSON.stringify(value);
}

function table(head: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
	return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

function jsonBlock(value: unknown): string {
	return ['```json', JSON.stringify(value, null, 2), '```'].join('\n');
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

const seedMoney = { currency: 'CNY', amount: '10.00', foreignCurrency: 'USD', foreignAmount: '68.80', exchangeRate: '6.88' };
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
const seedUserInfo = { id: '7hw8MheAgo0g00:I6A8MlHIQM0000', name: '张三', cellphone: '13111111111', email: '123456@163.com' };

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

function typeSection(index: number): string {
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

function fieldTypeTable(): string {
	return table(
		['Type', '中文 (seed 000)', 'Key', 'Written as'],
		fieldTypes.map((type) => {
			const example = examples[type.key].accepted[0][0];
			const written = formatOne(type.key, example).output ?? '';
			return [`[${type.name}](#${anchor(`${type.name} (${type.nameZh})`)})`, type.nameZh, code(type.key), code(written)];
		}),
	);
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes. */
function anchor(heading: string): string {
	return heading
		.toLowerCase()
		.replace(/[^\p{L}\p{N}\s_-]/gu, '')
		.replace(/\s/g, '-');
}

function failureExample(): string {
	const compiled = compileFields([
		{ name: 'flowId', type: 'text' },
		{ name: 'expense.amount', type: 'money' },
		{ name: 'urgent', type: 'switch' },
	]);
	const input = { flowId: 'F2', amount: 'ten', urgent: 'maybe' };
	const result = formatFields(compiled, [input.flowId, input.amount, input.urgent], context);
	if (result.ok) throw new Error('the failure example was accepted');
	return jsonBlock({ ...input, error: { ...result.errors[0], errors: result.errors } });
}

function hesiExample(): string {
	const compiled = compileFields([
		{ name: 'flowId', type: 'text' },
		{ name: 'expenseMoney', type: 'money' },
	]);
	const fields = formatFields(compiled, ['ID01owxnVgQ0BV', '10.00'], context);
	if (!fields.ok) throw new Error('the Hesi example fields were refused');
	const result = buildHesiBody({ kind: 'notification', fields: fields.body, action: 'flow.rejected', userInfo: seedUserInfo });
	if (!result.ok) throw new Error('the Hesi example was refused');
	return jsonBlock(result.body);
}

function jiandaoyunExamples(): string {
	const options = { clock, now: Date.parse('2017-10-20T22:41:51.430Z') };
	const message = buildJiandaoyunMessage(
		{ op: 'flow_message', to: [{ username: 'jiandaoyun', name: '小云' }], entryName: '请假审批', notifyText: '小云本周五请假1天', url: 'https://abc.com/xyz' },
		options,
	);
	const flow = buildJiandaoyunMessage(
		{ op: 'flow_message', to: readRecipients('zhangsan'), entryName: '报销', flowAction: 'flow_forward', url: 'https://www.jiandaoyun.com/x' },
		options,
	);
	if (!message.ok || !flow.ok) throw new Error('a Jiandaoyun example was refused');
	return [
		'Seed 001 §3\'s sample (Recipients `[{"username":"jiandaoyun","name":"小云"}]`, Send Time `2017-10-20T22:41:51.430Z`):',
		'',
		'```json',
		JSON.stringify(message.body),
		'```',
		'',
		'A flow message with Flow Action `flow_forward` and no Notify Text takes the action\'s 提醒文字; Recipients `zhangsan` (usernames):',
		'',
		'```json',
		JSON.stringify(flow.body),
		'```',
	].join('\n');
}

function ofsExample(): string {
	const result = buildOfsTodoBody(
		{
			event: 'todo',
			syscode: 'OA_PUSH',
			flowid: 10086,
			requestname: '差旅报销-张三',
			workflowname: '差旅报销',
			nodename: '部门审批',
			pcurl: 'https://oa.example.com/todo/10086',
			appurl: '/mobile/todo/10086',
			creator: 'zhangsan',
			createdatetime: '2024-01-15T01:00:00Z',
			receiver: 'lisi',
		},
		{ clock, now },
	);
	if (!result.ok) throw new Error('the OFS example was refused');
	return jsonBlock(result.body);
}

function ofsStates(): string {
	return table(
		['To-Do State', '中文', '`isremark`', 'OFS endpoint (`{base}/rest/ofs/…`)', 'Body'],
		ofsTodoEvents.map((event) => [
			code(event.code),
			event.nameZh,
			event.isremark === undefined ? '' : code(event.isremark),
			code(event.ofsPath),
			event.isremark === undefined ? (event.code === 'deleteUser' ? '`{syscode, flowid, userid}`' : '`{syscode, flowid}`') : 'the full body',
		]),
	);
}

function standardWebhooksExample(): string {
	const compiled = compileFields([
		{ name: 'flowId', type: 'text' },
		{ name: 'amount', type: 'money' },
	]);
	const fields = formatFields(compiled, ['ID01owxnVgQ0BV', seedMoney], context);
	if (!fields.ok) throw new Error('the Standard Webhooks example fields were refused');
	const result = buildStandardWebhooksEvent({ type: 'flow.paid', timestamp: 1667507170344, data: fields.body }, { clock, now });
	if (!result.ok) throw new Error('the Standard Webhooks example was refused');
	return jsonBlock(result.body);
}

function requestExample(): string {
	return jsonBlock(buildOutboundRequest({ flowId: 'ID01owxnVgQ0BV', urgent: true }, { url: '', method: '' }));
}

export function renderFormatFieldsDoc(): string {
	return `<!-- Generated from nodes/shared/fields by scripts/docs/renderFormatFieldsDoc.ts: do not edit by hand.
     Regenerate: npm run docs -->

# Format Fields

**Format Fields** (字段格式) builds the body of an outbound message from each item and checks every
value on the way. It writes each field in the JSON shape that Hesi (合思) documents for its field
type (seed 000 "支持字段"), or a whole message: a Hesi outbound body, a Jiandaoyun (简道云) push, a
Weaver (泛微) e-cology OFS unified to-do, or a Standard Webhooks event.

Every output and message on this page is produced by the node's own code when the page is
generated. Dates without an offset are read in Asia/Shanghai in the examples.

- **Mode Fields**: a list of fields, each with an **Output Name**, a **Type** and a **Value**
  (usually an expression such as \`{{ $json.amount }}\`; objects and lists from expressions are used
  as they are). Dots in names build nested objects: \`expense.amount\` writes
  \`{"expense": {"amount": …}}\` (Options → Support Dot Notation).
- **Mode Envelope**: one of the four messages below; the Hesi body, the Standard Webhooks \`data\` and
  a Jiandaoyun data push take their fields from the same list.
- **Success** output: the body in \`json.body\` (Options → Put Output In), the input's fields too
  with **Include Other Input Fields**, and with **Add Ready Request** (on by default from version 2)
  a \`json.request\` that Sign Request and Send Outbound Message use as it is (see
  [Ready request](#ready-request)).
- **Failure** output: each item with a wrong value, with \`error.field\`, \`error.expected\`,
  \`error.received\` and a message; every other item goes on (see [Failure items](#failure-items)).

A typical workflow: a trigger or Manual Trigger → your data → **Format Fields** → **Sign Request**
(optional) → **Send Outbound Message**. \`examples/format-fields-hesi-outbound.json\` is one you can run
as it is (\`npm start\` imports it).

## Field types

${fieldTypeTable()}

### Every field

- **Required** (on by default): nothing, \`null\`, or blank text (for every type but Text) fails the
  item. Off, an empty value leaves the field out of the body.
- **Output names** are checked once, before any item: an empty name, an empty part between dots
  (\`a..b\`), the same name twice, or a name that holds a value and nested fields at once (\`amount\`
  and \`amount.currency\`) stop the node with an error naming both fields (with Continue On Fail,
  every item goes to Failure with that message instead).
- **Time zone**: Options → Time Zone (an IANA name such as \`Asia/Shanghai\`); empty, the workflow's
  time zone. It is used for dates without an offset and for the OFS dates.
- **Conversion notes**: Options → Include Conversion Notes adds \`formatNotes\`, a list of
  \`{field, assumed}\`: what was assumed about each value (seconds or milliseconds, the zone of a
  date without one, the default currency, a name taken from a path).

${fieldTypes.map((_, index) => typeSection(index)).join('\n\n')}

## Envelopes

### Hesi outbound body (合思出站消息)

The fields, and by **Message Kind**:

- **Approval Notification** (审批事件): \`action\` (the **Action** setting, a code of the approval
  catalog), \`actionName\` (**Action Name**; empty, the action's Chinese name) and \`userInfo\`
  \`{id, name, cellphone, email}\` from the **Recipient** settings. These members are set by the
  envelope: a field with one of these names stops the node (seed 000: "通知类出站消息才会有的固定字段").
- **Internal Message** (站内信): \`internalMessageNameType\`.
- **Other** (业务对象, EBot, 借款, 消息中心): the fields alone.

${hesiExample()}

### Jiandaoyun push (简道云消息推送)

\`{op, data, send_time}\` (seed 001 §3). **Send Time** is written as ISO 8601 UTC with milliseconds;
empty, the time of the run.

- Message ops (\`form_schedule_message\`, \`data_create_message\`, \`data_update_message\`,
  \`form_widget_message\`, \`flow_message\`, \`dash_schedule_message\`, \`dash_alert_message\`):
  \`data = {to, entry_name, notify_text, content?, url, flow_action?}\`. **Recipients** is a list of
  \`{username, name}\` (usually an expression), or usernames separated by commas; **Content** is left
  out when empty; **Link** must be an http(s) address; only \`flow_message\` carries a flow action.
  Errors name the members as seed 001's table does: \`data.to[0].username\`, \`data.url\`, …
- Data push ops (\`data_create\`, \`data_update\`, \`data_remove\`, \`data_recover\`): \`data\` is the
  record, built from the fields.

${jiandaoyunExamples()}

### OFS unified to-do (泛微统一待办)

The e-cology 8/9 OFS body (DESIGN §4). Every member is text; \`createdatetime\` and
\`receivedatetime\` are \`yyyy-MM-dd HH:mm:ss\` in the time zone (set it to e-cology's server zone);
\`receivets\` is milliseconds (empty: now), so that an older push never overwrites a newer one.
**Received At** empty is now; **App Link** may be empty; **View Type** is \`0\` unread or \`1\` read.

${ofsStates()}

Send each state to its endpoint (Send Outbound Message's URL). A to-do, with Received At and Receive
Timestamp left empty (the run's time, here 2024-01-15 09:05 in Asia/Shanghai):

${ofsExample()}

### Standard Webhooks event

\`{type, timestamp, data}\` (standardwebhooks.com, "Payload structure"): **Event Type** is full-stop
delimited without spaces (\`invoice.paid\`), **Event Time** any date, written as ISO 8601 UTC (empty:
now), and \`data\` the fields.

${standardWebhooksExample()}

## Failure items

An item with wrong values leaves by **Failure** as it came in, plus \`error\`: the first problem at
the top (\`field\`, \`fieldNameZh\`, \`type\`, \`expected\`, \`received\`, \`message\`) and every
problem of the item in \`errors\`. A value that was missing is shown as \`null\`. Members of a value
are named with dots and positions (\`payee.cardNo\`, \`projects[1].id\`); in an envelope, its own
members come first, and fields that sit in \`data\` are named \`data.<name>\`. A member that a setting
of the panel fills says which, by its label: \`Field 'userInfo.name' (通知类出站消息消息接收人): expected
the recipient's name, like 张三, received '' (empty text). Set it with "Recipient Name".\` Here for fields
\`flowId\` (Text), \`expense.amount\` (Money) and \`urgent\` (Switch):

${failureExample()}

## Ready request

With **Add Ready Request**, each Success item also gets \`request\`: the body serialised once as JSON,
so the bytes Sign Request signs are the bytes Send Outbound Message sends (its default Body Source
"Item's Request, Else Whole Item"). **Request URL** empty leaves \`url\` out: Send Outbound Message's
URL is used. **Request Method** "Not Set" leaves \`method\` out: Sign Request's or Send Outbound
Message's Method is used.

${requestExample()}

**Defaults and versions.** Format Fields version 2 (what n8n adds to a workflow now) has Add Ready
Request on and Request Method "Not Set", so Format Fields → (Sign Request →) Send Outbound Message
with their defaults delivers exactly the formatted body, and the delivery record says
\`"bodyFrom": "request"\`. Version 1 had it off: Send Outbound Message then sent the whole item,
\`{"body": {…}}\`. n8n saves only the values that differ from a default, so a Format Fields node
saved in version 1 keeps version 1 and sends what it sent before; turn on Add Ready Request there to
send the formatted body (or pick Format Fields anew). The ready request is made when Format Fields
runs: a node between Format Fields and Send Outbound Message that changes \`body\` does not change
\`request.body\`. Make changes before Format Fields, or turn Add Ready Request off and send
\`{{ $json.body }}\` as Send Outbound Message's Custom Body.
`;
}
