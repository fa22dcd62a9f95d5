import { ofsTodoEvents } from '../../nodes/shared/events';
import {
	buildHesiBody,
	buildJiandaoyunMessage,
	buildOfsTodoBody,
	buildOutboundRequest,
	buildStandardWebhooksEvent,
	compileFields,
	fieldTypes,
	formatFields,
	readRecipients,
} from '../../nodes/shared/fields';
import { clock, context, fieldTypeTable, seedMoney, seedUserInfo, typeSection } from './fieldTypeSections';
import { code, jsonBlock, table } from './markdown';

/**
 * docs/format-fields.md, rendered from the field type table and the envelope builders (`npm run
 * docs` writes it; test/unit/shared/fields/formatFieldsDoc.test.ts fails while it is not current).
 * Every output and every error message shown in the page is computed here by the engine, so the
 * page cannot drift from what the node does.
 */

/** A fixed "now" for the envelopes' defaults: 2024-01-15 09:05:00 in Asia/Shanghai. */
const now = Date.UTC(2024, 0, 15, 1, 5, 0);

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
