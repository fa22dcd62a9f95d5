import type { IWebhookFunctions } from 'n8n-workflow';

import { cachedCredential, clearCredentialCache, credentialCacheMs } from '../../../../nodes/shared/trigger/credentialCache';

/** A webhook context whose getCredentials answers from `reads` in turn and counts the calls. */
function contextWith(options: { workflowId?: string; nodeName?: string; credentialId?: string | null; reads: Array<Record<string, unknown> | Error> }) {
	let calls = 0;
	const context = {
		getNode: () => ({
			name: options.nodeName ?? 'Jiandaoyun Push Trigger',
			...(options.credentialId === null ? {} : { credentials: { outboundSigningSecret: { id: options.credentialId ?? 'cred-1', name: 'Signing' } } }),
		}),
		getWorkflow: () => ({ id: options.workflowId ?? 'wf-1' }),
		getCredentials: async () => {
			const read = options.reads[Math.min(calls, options.reads.length - 1)];
			calls++;
			if (read instanceof Error) throw read;
			return read;
		},
	} as unknown as IWebhookFunctions;
	return { context, calls: () => calls };
}

describe('cachedCredential', () => {
	beforeEach(() => clearCredentialCache());

	it('reads the credential once for the requests within the cache time, and again after it', async () => {
		const { context, calls } = contextWith({ reads: [{ secret: 'first' }, { secret: 'second' }] });
		const t = 1_000_000;
		expect(await cachedCredential(context, 'outboundSigningSecret', { now: t })).toEqual({ secret: 'first' });
		expect(await cachedCredential(context, 'outboundSigningSecret', { now: t + credentialCacheMs - 1 })).toEqual({ secret: 'first' });
		expect(calls()).toBe(1);
		// A secret edited in place is used from the cache time on.
		expect(await cachedCredential(context, 'outboundSigningSecret', { now: t + credentialCacheMs })).toEqual({ secret: 'second' });
		expect(calls()).toBe(2);
	});

	it('shares one read among requests that arrive together', async () => {
		const { context, calls } = contextWith({ reads: [{ secret: 'only' }] });
		const all = await Promise.all(Array.from({ length: 5 }, () => cachedCredential(context, 'outboundSigningSecret', { now: 5 })));
		expect(all.every((data) => data.secret === 'only')).toBe(true);
		expect(calls()).toBe(1);
	});

	it('keeps credentials apart by the selected credential id, the node and the workflow', async () => {
		const a = contextWith({ credentialId: 'cred-a', reads: [{ secret: 'a' }] });
		const b = contextWith({ credentialId: 'cred-b', reads: [{ secret: 'b' }] });
		const otherNode = contextWith({ credentialId: 'cred-a', nodeName: 'Other', reads: [{ secret: 'other node' }] });
		const otherWorkflow = contextWith({ credentialId: 'cred-a', workflowId: 'wf-2', reads: [{ secret: 'other workflow' }] });
		expect((await cachedCredential(a.context, 'outboundSigningSecret', { now: 10 })).secret).toBe('a');
		expect((await cachedCredential(b.context, 'outboundSigningSecret', { now: 10 })).secret).toBe('b');
		expect((await cachedCredential(otherNode.context, 'outboundSigningSecret', { now: 10 })).secret).toBe('other node');
		expect((await cachedCredential(otherWorkflow.context, 'outboundSigningSecret', { now: 10 })).secret).toBe('other workflow');
	});

	it('does not keep a failed read: the next request asks n8n again', async () => {
		const { context, calls } = contextWith({ reads: [new Error('Credential with ID "cred-1" does not exist'), { secret: 'restored' }] });
		await expect(cachedCredential(context, 'outboundSigningSecret', { now: 10 })).rejects.toThrow('does not exist');
		expect(await cachedCredential(context, 'outboundSigningSecret', { now: 11 })).toEqual({ secret: 'restored' });
		expect(calls()).toBe(2);
	});

	it('asks n8n every time when no credential is selected (n8n answers with its own error)', async () => {
		const { context, calls } = contextWith({ credentialId: null, reads: [new Error('Node does not have any credentials set')] });
		await expect(cachedCredential(context, 'outboundSigningSecret', { now: 10 })).rejects.toThrow('does not have any credentials');
		await expect(cachedCredential(context, 'outboundSigningSecret', { now: 11 })).rejects.toThrow('does not have any credentials');
		expect(calls()).toBe(2);
	});
});
