import type { INodeProperties } from 'n8n-workflow';

import { describeSchedule } from '../../shared/delivery';
import { defaultEbotSchedule } from '../../shared/hesi';
import { oneOf } from '../../shared/n8nChoices';
import { optionsCollection } from '../../shared/n8nOptionsCollection';

/**
 * The parameters Accept and Refuse share: which EBot node, the signKey, the comment, and what
 * happens when Hesi cannot be told in time (retry schedule, failure policy). Labels are read back
 * from here by the error messages (`labelOf`), so the panel and the messages never drift apart.
 */

export const signingCredentialName = 'outboundSigningSecret';

/** Which EBot node, the signKey and the comment. */
export const callbackTargetParameters: INodeProperties[] = [
	{
		displayName: 'Flow ID',
		name: 'flowId',
		type: 'string',
		default: '={{ $json.flowId }}',
		required: true,
		description: "The document's flow ID (单据ID). The default reads the flowId of the Hesi EBot Trigger's item.",
	},
	{
		displayName: 'Node ID',
		name: 'nodeId',
		type: 'string',
		default: '={{ $json.nodeId }}',
		required: true,
		description: "The EBot node the flow waits at (节点ID). The default reads the nodeId of the Hesi EBot Trigger's item.",
	},
	{
		displayName: 'Sign Key From',
		name: 'signKeyFrom',
		...oneOf(
			['Outbound Signing Secret Credential', 'signingCredential', 'The Hesi signKey credential the Hesi EBot Trigger checks incoming messages with'],
			['Item Field', 'itemField', "A field of the incoming item (Hesi's own message, when it carries the key)"],
			['Value', 'value', 'Typed here (kept in the workflow: prefer the credential)'],
		),
		noDataExpression: true,
		default: 'signingCredential',
		description: "Where the EBot outbound message's signKey (签名秘钥) comes from: Hesi checks it on every callback",
	},
	{
		displayName: 'Sign Key Field',
		name: 'signKeyField',
		type: 'string',
		default: 'signKey',
		displayOptions: { show: { signKeyFrom: ['itemField'] } },
		description: 'Name of the item field holding the signKey; dots reach into objects (e.g. body.signKey)',
	},
	{
		displayName: 'Sign Key',
		name: 'signKey',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		displayOptions: { show: { signKeyFrom: ['value'] } },
		description: 'The signKey Hesi issued for the EBot outbound message',
	},
	{
		displayName: 'Comment',
		name: 'comment',
		type: 'string',
		default: '',
		placeholder: 'e.g. Budget check passed',
		description: 'The approval comment (审批意见) Hesi shows in the flow',
	},
];

/** What happens when Hesi cannot be told: the retry schedule, the failure policy, the timeout. */
export const callbackPolicyParameters: INodeProperties[] = [
	{
		displayName: 'Retry Schedule',
		name: 'retrySchedule',
		type: 'string',
		default: describeSchedule(defaultEbotSchedule),
		placeholder: '60s, 180s, 600s',
		description:
			"Waits before each new attempt when the callback fails for a passing reason (timeout, connection error, HTTP 5xx, Hesi's code 500). Seed 000's EBot waits are 60 s, 180 s and 600 s; empty: one attempt. Hesi's codes 400, 401 and 412 are never retried. The run waits in the node, so allow the workflow's timeout for it.",
	},
	{
		displayName: 'When the Callback Fails',
		name: 'whenCallbackFails',
		...oneOf(
			['Stay at the Node', 'stay', 'Send nothing more: the document waits at the EBot node; the item leaves by Failure'],
			['Reject the Document', 'refuse', 'Send a refuse instead; when Hesi confirms it, the item leaves by Fallback'],
			['Agree', 'accept', 'Send an accept instead; when Hesi confirms it, the item leaves by Fallback'],
		),
		default: 'stay',
		description: 'What to do when the callback cannot complete after the retry schedule (seed 000: reject the document, agree, or stay at the node)',
	},
	{
		displayName: 'Fallback Comment',
		name: 'fallbackComment',
		type: 'string',
		default: 'n8n could not complete the EBot check in time',
		displayOptions: { show: { whenCallbackFails: ['refuse', 'accept'] } },
		description: 'The comment the fallback accept or refuse carries',
	},
	optionsCollection('options', [
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeoutSeconds',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 120 },
			default: 10,
			description: 'Longest wait for each of Hesi\'s answers (the token and each callback attempt)',
		},
	]),
];

export const callbackParameters: INodeProperties[] = [...callbackTargetParameters, ...callbackPolicyParameters];

/** The label the panel shows for a parameter of this node (`Options → Timeout (Seconds)`). */
export function labelOf(path: string, properties: readonly INodeProperties[] = callbackParameters): string {
	const [name, inner] = path.split('.');
	const property = properties.find((entry) => entry.name === name);
	if (!property) return path;
	if (!inner) return property.displayName;
	const option = (property.options ?? []).find((entry) => 'name' in entry && entry.name === inner && 'displayName' in entry);
	return `${property.displayName} → ${option && 'displayName' in option ? option.displayName : inner}`;
}
