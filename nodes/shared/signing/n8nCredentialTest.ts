import type { ICredentialTestFunctions, ICredentialsDecrypted, INodeCredentialTestResult } from 'n8n-workflow';

import { checkSigningCredential } from './credentialCheck';

/** Name under which nodes list this test: `credentials: [{ name: 'outboundSigningSecret', testedBy: … }]`. */
export const outboundSigningSecretTestName = 'outboundSigningSecretTest';

/**
 * n8n credential test for "Outbound Signing Secret" (methods.credentialTest of every node that
 * uses the credential). Local only: a shared secret has no remote endpoint to test against.
 */
export async function outboundSigningSecretTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	try {
		return { status: 'OK', message: checkSigningCredential((credential.data ?? {}) as Record<string, unknown>) };
	} catch (error) {
		return { status: 'Error', message: (error as Error).message };
	}
}
