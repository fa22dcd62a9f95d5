import type { ICredentialTestFunctions, ICredentialsDecrypted, INodeCredentialTestResult } from 'n8n-workflow';

import { stateStoreConfigFromCredential } from './n8nStateStore';
import { checkStateStore } from './storeCheck';

/** Name under which nodes list this test: `credentials: [{ name: 'outboundStateStore', testedBy: … }]`. */
export const outboundStateStoreTestName = 'outboundStateStoreTest';

/**
 * n8n credential test for "Outbound State Store": a store is not an HTTP API, so n8n 2.41 runs this
 * function (credentials-tester.service.js: the `testedBy` of the first node listing the credential,
 * found in that node's `methods.credentialTest`). Every node that lists the credential with `testedBy`
 * must therefore carry `methods.credentialTest` with this entry (`stateStoreCredentialTest`).
 */
export async function outboundStateStoreTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	try {
		const config = stateStoreConfigFromCredential(credential.data ?? {});
		return { status: 'OK', message: await checkStateStore(config) };
	} catch (error) {
		return { status: 'Error', message: (error as Error).message };
	}
}

/** For a node's `methods.credentialTest`. */
export const stateStoreCredentialTest = { [outboundStateStoreTestName]: outboundStateStoreTest };
