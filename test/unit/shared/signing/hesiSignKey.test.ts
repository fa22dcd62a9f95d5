import { sign, verify } from '../../../../nodes/shared/signing/hesiSignKey';
import { outgoing, receivedFrom } from './requests';

const headerConfig = { scheme: 'hesiSignKey', location: 'header' } as const;
const bodyConfig = { scheme: 'hesiSignKey', location: 'body', name: 'signKey' } as const;

describe('Hesi signKey', () => {
	it('carries the key in the signKey header by default', () => {
		expect(sign(outgoing('{}'), { config: headerConfig, secrets: ['k1'] }).headers.signKey).toBe('k1');
	});

	it('carries the key as a body field without reformatting the body', () => {
		const signed = sign(outgoing('{ "action": "backlog.approving" }'), { config: bodyConfig, secrets: ['k1'] });
		expect(signed.body).toBe('{"signKey":"k1", "action": "backlog.approving" }');
	});

	it('accepts the current or a previous key from a header', () => {
		const signed = sign(outgoing('{}'), { config: headerConfig, secrets: ['old'] });
		expect(verify(receivedFrom(signed), { config: headerConfig, secrets: ['new', 'old'] })).toEqual({ valid: true });
	});

	it('accepts the key from the body field', () => {
		const signed = sign(outgoing('{"a":1}'), { config: bodyConfig, secrets: ['k1'] });
		expect(verify(receivedFrom(signed), { config: bodyConfig, secrets: ['k1'] })).toEqual({ valid: true });
	});

	it('rejects a wrong key without echoing either key', () => {
		const signed = sign(outgoing('{}'), { config: headerConfig, secrets: ['guess'] });
		const result = verify(receivedFrom(signed), { config: headerConfig, secrets: ['the-real-key'] });
		expect(result).toEqual({ valid: false, reason: 'signature_mismatch', message: 'The key in header signKey did not match' });
	});

	it('names a missing body field', () => {
		const request = receivedFrom(outgoing('{"a":1}'));
		expect(verify(request, { config: bodyConfig, secrets: ['k1'] })).toMatchObject({ message: 'Missing body field signKey' });
	});

	it('reports a body that is not JSON when the key should be in it', () => {
		const request = receivedFrom(outgoing('signKey=k1'));
		expect(verify(request, { config: bodyConfig, secrets: ['k1'] })).toMatchObject({ reason: 'malformed_signature' });
	});
});
