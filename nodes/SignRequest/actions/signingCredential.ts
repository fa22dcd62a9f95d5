import { type IExecuteFunctions, NodeOperationError } from 'n8n-workflow';

import { type CredentialSigning, signingFromCredential } from '../../shared/signing';

export const credentialName = 'outboundSigningSecret';

/** The credential's scheme and secrets; an incomplete credential fails the node with the field named. */
export async function signingCredential(context: IExecuteFunctions): Promise<CredentialSigning> {
	const data = await context.getCredentials(credentialName);
	try {
		return signingFromCredential(data as Record<string, unknown>);
	} catch (error) {
		throw new NodeOperationError(context.getNode(), (error as Error).message, {
			description: 'Open the Outbound Signing Secret credential used by this node and fill in or correct the named field.',
		});
	}
}
