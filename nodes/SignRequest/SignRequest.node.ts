import { actionNodeType } from '../shared/n8nActionNode';
import { properties } from './actions/operation';
import { configuredOutputs } from './actions/outputs';
import { router } from './actions/router';
import { credentialTest } from './methods';

export class SignRequest extends actionNodeType({
	displayName: 'Sign Request',
	group: ['transform'],
	// Version 2: Sign has a Failure output; an item that cannot be signed goes there and the rest of
	// the batch is signed. Version 1 keeps its single output and stops on such an item (unless
	// "On Error" continues), so saved workflows and their error alerts behave as before.
	version: [1, 2],
	defaultVersion: 2,
	subtitle: '={{ $parameter["operation"] === "verify" ? "Verify" : "Sign" }}',
	description:
		'Sign outgoing requests (Standard Webhooks, Jiandaoyun, DingTalk, Feishu, GitHub, Stripe, custom HMAC) or verify the signature of received ones',
	outputs: `={{(${configuredOutputs})($nodeVersion, $parameter)}}`,
	credentials: [
		// A shared webhook secret, not a remote API: see credentials/OutboundSigningSecret.credentials.ts.
		{ name: 'outboundSigningSecret', required: true, testedBy: 'outboundSigningSecretTest' },
	],
	properties,
	execute: router,
	methods: { credentialTest },
}) {}
