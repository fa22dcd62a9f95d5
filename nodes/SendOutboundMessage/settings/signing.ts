import { type IExecuteFunctions, type INodeProperties, NodeOperationError } from 'n8n-workflow';

import type { AttemptContext, DeliveryRequest } from '../../shared/delivery';
import { type CredentialSigning, signRequest, signingFromCredential } from '../../shared/signing';
import type { ParameterReader } from '../parameterReader';

export const signingCredentialName = 'outboundSigningSecret';

/** Signing each attempt afresh with an Outbound Signing Secret credential. */
export const signingProperties: INodeProperties[] = [
	{
		displayName: 'Sign Each Attempt',
		name: 'signEachAttempt',
		type: 'boolean',
		default: false,
		description:
			"Whether to sign every attempt afresh with an Outbound Signing Secret, so a late retry carries a current timestamp and passes the receiver's replay window",
	},
];

/** The credential's signing, once per run; undefined when Sign Each Attempt is off. */
export async function readSigning(context: IExecuteFunctions, params: ParameterReader): Promise<CredentialSigning | undefined> {
	if (!params.get<boolean>('signEachAttempt', 0, false)) return undefined;
	const data = await context.getCredentials(signingCredentialName);
	try {
		return signingFromCredential(data);
	} catch (error) {
		throw new NodeOperationError(context.getNode(), (error as Error).message, {
			description: 'Open the Outbound Signing Secret credential chosen under "Sign Each Attempt" and complete it',
		});
	}
}

export function signAttemptWith(signing: CredentialSigning): (request: DeliveryRequest, context: AttemptContext) => DeliveryRequest {
	return (request, context) => {
		const signed = signRequest(
			{ method: request.method, url: request.url, headers: request.headers, body: request.body ?? '' },
			{ config: signing.config, secrets: signing.secrets, signWithAll: signing.signWithAll, messageId: context.messageId },
		);
		return { ...signed, body: request.body === undefined && signed.body === '' ? undefined : signed.body };
	};
}
