import { actionNodeType } from '../shared/n8nActionNode';
import { stateStoreCredentialName } from '../shared/store/n8nStateStore';
import { sendOutboundMessageProperties } from './description';
import { sendOutboundMessages, signingCredentialName } from './execute';
import { outputNames, sendOutputs } from './outputs';

export class SendOutboundMessage extends actionNodeType({
	displayName: 'Send Outbound Message',
	group: ['output'],
	version: 1,
	subtitle: '={{ $parameter["method"] + " " + ($parameter["url"] || "request.url") }}',
	description:
		'Deliver each item to a target URL with success codes, a body keyword rule, retries and a delivery record, as outbound messages (出站消息) do',
	// Success, Retry, Failure; and Held while the circuit breaker is on (outputs.ts).
	outputs: sendOutputs,
	outputNames,
	credentials: [
		{
			name: signingCredentialName,
			required: true,
			displayOptions: { show: { signEachAttempt: [true] } },
		},
		{
			// The circuit breaker's shared state and the push log; without it, the embedded file in the n8n folder.
			name: stateStoreCredentialName,
			required: false,
		},
	],
	properties: sendOutboundMessageProperties,
	execute: sendOutboundMessages,
}) {}
