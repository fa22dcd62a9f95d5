import { NodeConnectionTypes } from 'n8n-workflow';

import { actionNodeType } from '../shared/n8nActionNode';
import { signingCredentialName } from './actions/callbackParameters';
import { hesiApiCredentialName } from './actions/callbackRun';
import { outputNames, properties } from './actions/operation';
import { router } from './actions/router';

export class HesiEbotCallback extends actionNodeType({
	displayName: 'Hesi EBot Callback',
	group: ['output'],
	version: 1,
	subtitle: '={{ $parameter["operation"] === "refuse" ? "Refuse" : "Accept" }}',
	description:
		"Tell Hesi (合思) to accept or refuse the EBot node a flow waits at, with a retry schedule and a failure policy (reject, agree or stay): Success, Fallback or Failure",
	// Success: Hesi confirmed the action. Fallback: it did not complete, and the failure policy's
	// accept / refuse was confirmed instead. Failure: neither (stayed at the node, 412, bad input).
	outputs: outputNames.map((displayName) => ({ type: NodeConnectionTypes.Main, displayName })),
	outputNames,
	credentials: [
		{ name: hesiApiCredentialName, required: true },
		{
			// The EBot outbound message's signKey, the same credential the Hesi EBot Trigger checks with.
			name: signingCredentialName,
			required: true,
			displayOptions: { show: { signKeyFrom: ['signingCredential'] } },
		},
	],
	properties,
	execute: router,
}) {}
