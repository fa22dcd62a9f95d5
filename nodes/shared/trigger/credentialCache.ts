import type { ICredentialDataDecryptedObject, INode, IWebhookFunctions } from 'n8n-workflow';

/**
 * A trigger's credentials (its signing secret, its state store), kept for a moment between requests.
 * n8n reads a credential from its database and decrypts it on every `getCredentials` call: about
 * 0.4 ms of n8n's CPU per request for the signing secret (docs/performance.md), a third of what a
 * refused request cost beyond n8n's own floor. Requests to the same node within `credentialCacheMs`
 * share one read (concurrent ones share the read in flight).
 *
 * Kept per workflow, node and selected credential id: choosing another credential takes effect on
 * the next request; a secret edited in place is used from at most `credentialCacheMs` later. A read
 * that fails is not kept (the next request asks n8n again and gets n8n's error). Process memory only:
 * nothing is written anywhere, and the data is what n8n would hand the node anyway.
 */
export const credentialCacheMs = 1000;

/** Nodes a process keeps a credential for at once; beyond it the oldest entry goes. */
const maxEntries = 1000;

const entries = new Map<string, { data: Promise<ICredentialDataDecryptedObject>; until: number }>();

/**
 * `node`: the request's `context.getNode()` when the caller has it already (n8n deep-copies the node
 * on every getNode() call, ~20 µs for a trigger's parameters).
 */
export function cachedCredential(
	context: IWebhookFunctions,
	type: string,
	{ node = context.getNode(), now = Date.now() }: { node?: INode; now?: number } = {},
): Promise<ICredentialDataDecryptedObject> {
	const selectedId = node.credentials?.[type]?.id;
	// None selected (or a workflow saved before n8n had credential ids): n8n's own answer, uncached.
	if (!selectedId) return context.getCredentials(type);
	const key = `${context.getWorkflow().id ?? ''}\u0000${node.name}\u0000${type}\u0000${selectedId}`;
	const kept = entries.get(key);
	if (kept !== undefined && kept.until > now) return kept.data;
	const data = context.getCredentials(type);
	entries.delete(key);
	entries.set(key, { data, until: now + credentialCacheMs });
	if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
	data.then(undefined, () => {
		if (entries.get(key)?.data === data) entries.delete(key);
	});
	return data;
}

/** Forgets every kept credential (tests). */
export function clearCredentialCache(): void {
	entries.clear();
}
