import {
	approvalEvents,
	businessObjectEvents,
	ebotEvents,
	hesiApprovalSample,
	hesiBusinessObjectSample,
	hesiEbotSample,
	hesiInternalMessageSample,
	hesiLoanSample,
	hesiMessageCenterSample,
	internalMessageEvents,
	jiandaoyunDataPushEvents,
	jiandaoyunFlowActions,
	jiandaoyunMessageEvents,
	jiandaoyunSample,
	loanEvents,
	messageCenterEvents,
	ofsTodoEvents,
	ofsTodoSample,
	e10TodoEvents,
	e10TodoSample,
	type EventDefinition,
} from '../../nodes/shared/events';
import { escapeCell, jsonBlock, table } from './markdown';

/**
 * docs/events.md, rendered from the catalogs (`npm run docs` writes it;
 * test/unit/shared/events/eventsDoc.test.ts fails while it is not current).
 */

function eventTable(catalog: readonly EventDefinition[], extra?: { header: string; cell: (event: EventDefinition) => string }): string {
	const head = ['Code', '中文', 'English', 'Code source'];
	if (extra) head.push(extra.header);
	const rows = catalog.map((event) => {
		const cells = [`\`${event.code}\``, event.nameZh, event.nameEn, event.documentedCode ? 'documented' : 'chosen here'];
		if (extra) cells.push(extra.cell(event));
		return cells.map(escapeCell);
	});
	return table(head, rows);
}

export function renderEventsDoc(): string {
	return `<!-- Generated from nodes/shared/events by scripts/docs/renderEventsDoc.ts: do not edit by hand.
     Regenerate: npm run docs -->

# Trigger events

Eight trigger nodes receive the pushes of three source systems: Hesi (合思, formerly 易快报 Ekuaibao)
outbound messages (seed 000), Jiandaoyun (简道云) message and data push (seed 001), and Weaver (泛微)
e-cology unified to-do in the OFS shape (seed 002, DESIGN §4). Each node lists the events of its
catalog below. "Code source" says whether the vendor's manual documents the code, or whether the
manual names the event without a code and this package chose one (the reason is in a comment at the
entry in \`nodes/shared/events/\`). If the vendor sends another code, add it under
**Options → Other Event Codes**.

## How every trigger handles a request

1. **Signature** (Signature Check: the vendor's own by default, Hesi signKey for the Hesi triggers and
   the Jiandaoyun signature for Jiandaoyun; Verify With Credential; or None, which the node marks
   with a notice), on the raw request bytes, with a replay window of ±300 s (Options → Replay Window)
   for schemes that sign a timestamp. Failure: **401** \`{"error": "<reason>", "message": "…"}\`, no execution.
2. **JSON**: a body that is not a JSON object gets **400** \`{"error": "malformed_json", "message": "…"}\`.
3. **Schema** of the event family (zod): failure gets **400** \`{"error": "invalid_event", "message":
   "<path>: <problem>"}\`, no execution.
4. **Event selection**: an event outside **Events** (empty = all) is answered as success and starts no
   execution; so is a Jiandaoyun message whose \`data.to\` is empty while Split Recipients Into Items is on.
5. **Duplicates**: the delivery id (\`X-JDY-DeliverId\`, \`webhook-id\`, the JSON fields in Options →
   Duplicate Key Fields, or for OFS state + syscode + flowid + receiver + receivets) is remembered for
   24 h (Options → Duplicate Window), at most 10,000 ids (oldest forgotten first), in memory and in
   a journal file in n8n's folder written as the success answer goes out, so across restarts too (see
   [triggers.md](triggers.md#where-delivery-ids-are-kept)). A repeat is answered as success and starts
   no execution. Copies handled at the same moment by one n8n process are caught too; several webhook
   processes (queue mode) share them through the state store when the trigger has an Outbound State
   Store credential.
6. **Accepted**: the success answer (Options → Response Code 200 / 201 / 204 and Response Body),
   sent as soon as n8n has stored the execution, without waiting for the workflow to run.

| Source | Success answer (default) |
| --- | --- |
| Hesi | 200 \`{"code":"1"}\`: passes Hesi's "HTTP200" rule and its keyword example \`code=1\`. If you ticked only 204 in Hesi, set Response Code to 204. |
| Jiandaoyun | 200 \`success\` (Jiandaoyun wants a 2xx within 2 s) |
| OFS to-do | 200 \`{"syscode", "dataType": "OfsTodoData", "operType", "operResult": "1", "message"}\`; failures carry \`operResult: "0"\` |

Every item is the event payload plus \`event\`:

\`\`\`json
{ "event": { "source": "jiandaoyun", "type": "flow_message", "typeName": "Flow message (表单流程消息提醒): Submitted (提交)",
  "deliveryId": "6479a1b2c3d4e5f6a7b8c9d0", "flowId": null, "receivedAt": "2024-06-01T01:30:00.000Z", "verified": true } }
\`\`\`

**Sample events.** Click **Execute step** in the trigger (or **Execute workflow** on the canvas) and,
while the editor waits for the event, open the Test URL in a browser (a GET): the
trigger emits the sample shown below for the first selected event, marked \`event.sample: true\`, so
you can build the workflow before the source is connected. A GET on the Production URL only answers
a short note.

**Workflow JSON.** The triggers read the raw body themselves; n8n hands it over unparsed because of a
hidden parameter \`options: {"binaryData": true}\`. Do not set \`options\` in a workflow file; the
node's own options live in \`triggerOptions\`.

## Hesi approval events

Node **Hesi Approval Event Trigger**. Matches on \`action\`; the message also carries \`actionName\`
and \`userInfo\` (\`id\`, \`name\`, \`cellphone\`, \`email\`), plus the fields chosen in Hesi such as
\`flowId\` and \`nodeId\`. ${approvalEvents.length} events.

${eventTable(approvalEvents)}

${jsonBlock(hesiApprovalSample('flow.rejected'))}

## Hesi business object events

Node **Hesi Business Object Trigger**. Matches on \`action\`; **Object Names** filters on the
business-object name read from \`entityName\` (Options → Object Name Field). A message without
\`action\` passes only when no event is selected.

${eventTable(businessObjectEvents)}

${jsonBlock(hesiBusinessObjectSample())}

## Hesi message center events

Node **Hesi Message Center Trigger**. One event; **Message Names** filters on the message name read
from \`messageName\` (Options → Message Name Field).

${eventTable(messageCenterEvents)}

${jsonBlock(hesiMessageCenterSample())}

## Hesi EBot events

Node **Hesi EBot Trigger**. The flow reached an EBot node; \`flowId\` and \`nodeId\` are required, and
are what Hesi's EBot callback API takes back to accept or refuse the node (\`POST
{Hesi}/api/outbound/v1/approval?accessToken=…\` with \`{signKey, flowId, nodeId, action}\`, DESIGN §3):
send it with Send Outbound Message until this package has its own EBot callback node.

${eventTable(ebotEvents)}

${jsonBlock(hesiEbotSample())}

## Hesi loan events

Node **Hesi Loan Event Trigger**. Matches on \`action\`, else \`internalMessageNameType\`. The manual
names these five events without codes; they reuse the codes of the matching internal messages.

${eventTable(loanEvents)}

${jsonBlock(hesiLoanSample())}

## Hesi internal messages

Node **Hesi Internal Message Trigger**. Matches on \`internalMessageNameType\`. Every type of the
manual, spelled exactly as there (\`requistion\` included). ${internalMessageEvents.length} types.

${eventTable(internalMessageEvents)}

${jsonBlock(hesiInternalMessageSample())}

## Jiandaoyun pushes

Node **Jiandaoyun Push Trigger**. Matches on \`op\`; for \`flow_message\`, **Flow Actions** filters on
\`data.flow_action\`. **Split Recipients Into Items** (on by default) outputs one item per \`data.to\`
recipient, so the old flow-message format (all recipients in one push) and the new one (one push
per recipient) give the same items. Checks \`X-JDY-Signature\` by default.

Message push ops (seed 001 §4):

${eventTable(jiandaoyunMessageEvents)}

Data push ops:

${eventTable(jiandaoyunDataPushEvents)}

Flow actions of \`flow_message\` (seed 001 §4.5.2):

${eventTable(jiandaoyunFlowActions, { header: 'Default notify_text', cell: (event) => ('notifyText' in event ? String(event.notifyText) : '') })}

${jsonBlock(jiandaoyunSample('flow_message'))}

## Unified to-do (OFS)

Node **Unified Todo Trigger**. One URL for every state (told apart by \`isremark\`; a body without
\`isremark\` is a delete, of one user's to-do when it has \`userid\`; an \`isremark\` other than 0, 2, 4
or 8 is answered 400 with \`operResult: "0"\` naming the field and the values), and the e-cology OFS REST
endpoints under the same path, so an OA system can point straight at n8n:
\`<path>/rest/ofs/ReceiveRequestInfoByJson\`, \`ProcessDoneRequestByJson\`, \`ProcessOverRequestByJson\`,
\`deleteUserRequestInfoByJson\`, \`deleteRequestInfoByJson\`.

${eventTable(ofsTodoEvents, {
		header: 'isremark / endpoint',
		cell: (event) => {
			const state = event as (typeof ofsTodoEvents)[number];
			return `${state.isremark === undefined ? '' : `${state.isremark} / `}\`${state.ofsPath}\``;
		},
	})}

${jsonBlock(ofsTodoSample('todo'))}

### E10 shape

With **Push Format** E10 (or Detect Automatically), the same node reads E10's camelCase push (DESIGN
§4) on its URL, the state from \`isRemark\` (a body without it deletes the whole flow), and answers
\`{"code": 200, "msg": "success", "status": true}\` (a refusal: the HTTP status as \`code\`, the reason
as \`msg\`, \`status: false\`). Items carry \`event.source: "e10"\`.

${eventTable(e10TodoEvents, {
		header: 'isRemark',
		cell: (event) => (event as (typeof e10TodoEvents)[number]).isRemark ?? '(none)',
	})}

${jsonBlock(e10TodoSample('todo'))}
`;
}
