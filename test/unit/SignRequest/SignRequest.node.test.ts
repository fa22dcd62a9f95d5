import { type IDataObject, type INodeExecutionData, type INodeParameters, NodeOperationError } from 'n8n-workflow';
import { Webhook } from 'standardwebhooks';

import { SignRequest } from '../../../nodes/SignRequest/SignRequest.node';
import { signRequest } from '../../../nodes/shared/signing';
import { fakeExecuteContext } from '../fakeExecuteContext';

const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const credential = { scheme: 'standardWebhooks', secret, previousSecrets: '' };
const signParameters = { operation: 'sign', url: 'https://receiver.test/hooks', method: 'POST', bodySource: 'wholeItem', signOptions: {} };
const verifyParameters = { operation: 'verify', rawBodyField: 'data', toleranceSeconds: 300 };

async function run(
	parameters: INodeParameters,
	items: INodeExecutionData[],
	extra: { credential?: IDataObject; continueOnFail?: boolean; typeVersion?: number } = {},
) {
	const { context } = fakeExecuteContext({
		node: { name: 'Sign Request', type: 'n8n-nodes-outbound-messages.signRequest' },
		parameters,
		credentials: { outboundSigningSecret: extra.credential ?? credential },
		items,
		continueOnFail: extra.continueOnFail,
		typeVersion: extra.typeVersion,
	});
	return await new SignRequest().execute.call(context);
}

function requestOf(item: INodeExecutionData) {
	return item.json.request as { url: string; method: string; headers: Record<string, string>; body: string };
}

describe('Sign Request: Sign', () => {
	it('builds json.request from the whole item, signed so the official library verifies it', async () => {
		const [[item]] = await run(signParameters, [{ json: { event: 'flow.paid', amount: 12.5 } }]);
		const request = requestOf(item);
		expect(request).toMatchObject({ url: 'https://receiver.test/hooks', method: 'POST', body: '{"event":"flow.paid","amount":12.5}' });
		expect(request.headers['content-type']).toBe('application/json');
		expect(() => new Webhook(secret).verify(request.body, request.headers)).not.toThrow();
	});

	it('takes the message id from the item and writes it to webhook-id', async () => {
		const [[item]] = await run(signParameters, [{ json: { messageId: 'msg_42', n: 1 } }]);
		expect(requestOf(item).headers['webhook-id']).toBe('msg_42');
	});

	it('prefers the Message ID option over the item', async () => {
		const [[item]] = await run({ ...signParameters, signOptions: { messageId: 'msg_option' } }, [{ json: { messageId: 'msg_42' } }]);
		expect(requestOf(item).headers['webhook-id']).toBe('msg_option');
	});

	it('signs the body of a field exactly as its text', async () => {
		const parameters = { ...signParameters, bodySource: 'field', bodyField: 'payload.text' };
		const [[item]] = await run(parameters, [{ json: { payload: { text: '{ "spaced" : true }' } } }]);
		expect(requestOf(item).body).toBe('{ "spaced" : true }');
		expect(() => new Webhook(secret).verify(requestOf(item).body, requestOf(item).headers)).not.toThrow();
	});

	it('signs an existing request and merges the signature headers into it, keeping its URL, body and other fields', async () => {
		const existing = { url: 'https://other.test/in', method: 'PUT', headers: { 'X-Tenant': 't1' }, body: '{"a":1}', note: 'kept' };
		const [[item]] = await run({ ...signParameters, url: '' }, [{ json: { request: existing, other: true } }]);
		const request = requestOf(item);
		expect(request).toMatchObject({ url: 'https://other.test/in', method: 'PUT', body: '{"a":1}', note: 'kept' });
		expect(request.headers['X-Tenant']).toBe('t1');
		expect(item.json.other).toBe(true);
		expect(() => new Webhook(secret).verify(request.body, request.headers)).not.toThrow();
	});

	it('keeps the webhook-id when an already signed request is signed again', async () => {
		const [[first]] = await run(signParameters, [{ json: { messageId: 'msg_first' } }]);
		const [[second]] = await run({ ...signParameters, url: '' }, [{ json: { ...first.json, messageId: 'msg_other' } }]);
		expect(requestOf(second).headers['webhook-id']).toBe('msg_first');
	});

	it('adds Jiandaoyun query parameters to the URL', async () => {
		const [[item]] = await run(signParameters, [{ json: { op: 'data_create' } }], { credential: { scheme: 'jiandaoyun', secret: 'jdy' } });
		expect(requestOf(item).url).toMatch(/^https:\/\/receiver\.test\/hooks\?timestamp=\d+&nonce=[0-9a-f]{20}$/);
	});

	it('refuses to sign with the Hesi signKey scheme, which would put the secret into the item', async () => {
		await expect(run(signParameters, [{ json: {} }], { credential: { scheme: 'hesiSignKey', secret: 'hesi-key' } })).rejects.toThrow(
			'cannot sign with the Hesi signKey scheme',
		);
	});

	it('names the field of an incomplete credential', async () => {
		await expect(run(signParameters, [{ json: {} }], { credential: { scheme: 'standardWebhooks', secret: '' } })).rejects.toThrow(
			'"Secret" is empty',
		);
	});

	it('fails the item with its index when Feishu gets a body that is not a JSON object', async () => {
		const parameters = { ...signParameters, bodySource: 'custom', customBody: 'plain text' };
		await expect(run(parameters, [{ json: {} }], { credential: { scheme: 'feishu', secret: 'f' } })).rejects.toMatchObject({
			message: expect.stringContaining('not valid JSON'),
			context: { itemIndex: 0 },
		});
	});

	it('with continue on fail, keeps going and puts the error on the failed item without the secret', async () => {
		const parameters = { ...signParameters, bodySource: 'field', bodyField: 'missing' };
		const [out] = await run(parameters, [{ json: { missing: 'x' } }, { json: {} }], { continueOnFail: true });
		expect(out).toHaveLength(2);
		expect(out[0].json.request).toBeDefined();
		expect(out[1]).toMatchObject({ json: { error: 'The item has no field "missing", which the node\'s Field names as the body to sign' }, pairedItem: { item: 1 } });
		expect(JSON.stringify(out)).not.toContain(secret.slice(6));
	});

	it("version 1, continue on fail: the failed item also carries the error as n8n's item error, so \"Continue (using error output)\" routes it there", async () => {
		const parameters = { ...signParameters, bodySource: 'field', bodyField: 'missing' };
		const [out] = await run(parameters, [{ json: {} }], { continueOnFail: true });
		expect(out[0].error).toBeInstanceOf(NodeOperationError);
		expect(out[0].error?.message).toBe('The item has no field "missing", which the node\'s Field names as the body to sign');
	});

	it('version 1, continue on fail: a credential that cannot sign marks every item with the error instead of passing it on unsigned', async () => {
		const [out] = await run(signParameters, [{ json: { n: 1 } }, { json: { n: 2 } }], { continueOnFail: true, credential: { scheme: 'hesiSignKey', secret: 'hesi-key' } });
		expect(out.map((item) => [item.json.n, item.json.request, item.pairedItem, item.error instanceof NodeOperationError, item.json.error])).toEqual([
			[1, undefined, { item: 0 }, true, 'Sign Request cannot sign with the Hesi signKey scheme'],
			[2, undefined, { item: 1 }, true, 'Sign Request cannot sign with the Hesi signKey scheme'],
		]);
	});

	it('version 1 stops at an item it cannot sign, as before', async () => {
		const parameters = { ...signParameters, bodySource: 'field', bodyField: 'body' };
		await expect(run(parameters, [{ json: { body: { a: 1 } } }, { json: {} }])).rejects.toMatchObject({ context: { itemIndex: 1 } });
	});

	it('requires a URL for a scheme that signs into the URL', async () => {
		await expect(run({ ...signParameters, url: '' }, [{ json: {} }], { credential: { scheme: 'dingtalk', secret: 'SEC1' } })).rejects.toThrow(
			'set "URL"',
		);
	});
});

describe('Sign Request: Sign, version 2 (Success and Failure outputs)', () => {
	const v2 = { typeVersion: 2 };

	it('signs every good item of a batch and sends the one without the body field to Failure, paired with its input', async () => {
		const parameters = { ...signParameters, bodySource: 'field', bodyField: 'body' };
		const input = [{ json: { body: { orderId: 'A-1' } } }, { json: { other: true } }, { json: { body: { orderId: 'A-3' } } }];
		const [success, failure] = await run(parameters, input, v2);
		expect(success.map((item) => [requestOf(item).body, item.pairedItem])).toEqual([
			['{"orderId":"A-1"}', { item: 0 }],
			['{"orderId":"A-3"}', { item: 2 }],
		]);
		for (const item of success) expect(() => new Webhook(secret).verify(requestOf(item).body, requestOf(item).headers)).not.toThrow();
		expect(failure).toEqual([
			{
				json: {
					other: true,
					error: {
						message: 'The item has no field "body", which the node\'s Field names as the body to sign',
						description: "Check the item and the node's URL and Body settings.",
					},
				},
				binary: undefined,
				pairedItem: { item: 1 },
			},
		]);
	});

	it('sends an item whose body the scheme cannot sign to Failure and signs the rest', async () => {
		const parameters = { ...signParameters, bodySource: 'field', bodyField: 'body' };
		const [success, failure] = await run(parameters, [{ json: { body: 'plain text' } }, { json: { body: { msg_type: 'text' } } }], {
			...v2,
			credential: { scheme: 'feishu', secret: 'f' },
		});
		expect(success.map((item) => item.pairedItem)).toEqual([{ item: 1 }]);
		expect(failure.map((item) => [item.pairedItem, (item.json.error as IDataObject).message])).toEqual([[{ item: 0 }, expect.stringContaining('not valid JSON')]]);
	});

	it('fails an item without a URL for a scheme that signs the URL, and signs one that brings its own request URL', async () => {
		const [success, failure] = await run({ ...signParameters, url: '' }, [{ json: { request: { url: 'https://r.test/a', body: '{}' } } }, { json: { a: 1 } }], {
			...v2,
			credential: { scheme: 'dingtalk', secret: 'SEC1' },
		});
		expect(success.map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
		expect(failure.map((item) => (item.json.error as IDataObject).message)).toEqual([expect.stringContaining('set "URL"')]);
	});

	it('names the scheme that needs a URL as the credential\'s Signature Scheme dropdown shows it, not its internal key', async () => {
		const customQuery = { scheme: 'customHmac', secret: 's', customTemplate: '{timestamp}.{body}', customPlacement: 'query', customName: 'sign' };
		const [, custom] = await run({ ...signParameters, url: '' }, [{ json: { a: 1 } }], { ...v2, credential: customQuery });
		const [, dingtalk] = await run({ ...signParameters, url: '' }, [{ json: { a: 1 } }], { ...v2, credential: { scheme: 'dingtalk', secret: 'SEC1' } });
		expect([custom, dingtalk].map(([item]) => (item.json.error as IDataObject).message)).toEqual([
			'The Custom HMAC scheme signs values in the URL: set "URL", or give the item a request.url',
			'The DingTalk Robot (钉钉) scheme signs values in the URL: set "URL", or give the item a request.url',
		]);
	});

	it('still stops for a credential that cannot sign, the same for every item; with continue on fail every item goes to Failure', async () => {
		const hesi = { ...v2, credential: { scheme: 'hesiSignKey', secret: 'hesi-key' } };
		await expect(run(signParameters, [{ json: {} }], hesi)).rejects.toThrow('cannot sign with the Hesi signKey scheme');
		const [success, failure] = await run(signParameters, [{ json: { n: 1 } }, { json: { n: 2 } }], { ...hesi, continueOnFail: true });
		expect(success).toEqual([]);
		expect(failure.map((item) => [item.json.n, item.pairedItem, (item.json.error as IDataObject).message])).toEqual([
			[1, { item: 0 }, 'Sign Request cannot sign with the Hesi signKey scheme'],
			[2, { item: 1 }, 'Sign Request cannot sign with the Hesi signKey scheme'],
		]);
		expect(JSON.stringify(failure)).not.toContain('hesi-key');
	});
});

function webhookItem(signed: { headers: Record<string, string>; body: string; url?: string }, options: { raw?: boolean } = {}): INodeExecutionData {
	const query = signed.url ? Object.fromEntries(new URL(signed.url).searchParams) : {};
	return {
		json: {
			headers: Object.fromEntries(Object.entries(signed.headers).map(([name, value]) => [name.toLowerCase(), value])),
			params: {},
			query,
			body: JSON.parse(signed.body) as IDataObject,
			webhookUrl: 'http://localhost:5678/webhook/abc',
			executionMode: 'production',
		},
		binary: options.raw === false ? undefined : { data: { data: Buffer.from(signed.body).toString('base64'), mimeType: 'application/json' } },
	};
}

describe('Sign Request: Verify', () => {
	const outgoing = { method: 'POST', url: 'https://n8n.test/webhook/abc', headers: { 'content-type': 'application/json' }, body: '{"b": 2,  "a": 1}' };

	it('sends a request signed with the current secret to Valid with its delivery id', async () => {
		const signed = signRequest(outgoing, { config: { scheme: 'standardWebhooks' }, secrets: [secret], messageId: 'msg_v' });
		const [valid, invalid] = await run(verifyParameters, [webhookItem(signed)]);
		expect(invalid).toEqual([]);
		expect(valid[0].json.verification).toMatchObject({ valid: true, scheme: 'standardWebhooks', deliveryId: 'msg_v' });
		expect(valid[0].pairedItem).toEqual({ item: 0 });
	});

	it('sends a tampered request to Invalid with the reason', async () => {
		const signed = signRequest(outgoing, { config: { scheme: 'standardWebhooks' }, secrets: [secret] });
		const item = webhookItem({ ...signed, body: '{"b": 2,  "a": 9}' });
		const [valid, invalid] = await run(verifyParameters, [item]);
		expect(valid).toEqual([]);
		expect(invalid[0].json.verification).toEqual({
			valid: false,
			scheme: 'standardWebhooks',
			reason: 'signature_mismatch',
			message: 'No signature in header webhook-signature matched',
		});
	});

	it('checks Jiandaoyun query values read from the Webhook node output', async () => {
		const signed = signRequest(outgoing, { config: { scheme: 'jiandaoyun' }, secrets: ['jdy'] });
		const [valid] = await run(verifyParameters, [webhookItem(signed)], { credential: { scheme: 'jiandaoyun', secret: 'jdy' } });
		expect(valid).toHaveLength(1);
	});

	it('explains that the body was rebuilt from parsed JSON when there is no raw body', async () => {
		const signed = signRequest(outgoing, { config: { scheme: 'standardWebhooks' }, secrets: [secret] });
		const [, invalid] = await run(verifyParameters, [webhookItem(signed, { raw: false })]);
		expect(invalid[0].json.verification).toMatchObject({
			reason: 'signature_mismatch',
			message: expect.stringContaining('turn on "Raw Body" in the Webhook node'),
		});
	});

	it('accepts a request in json.request with a text body', async () => {
		const signed = signRequest(outgoing, { config: { scheme: 'standardWebhooks' }, secrets: [secret] });
		const [valid] = await run({ ...verifyParameters, rawBodyField: '' }, [{ json: { request: { ...signed, url: '/webhook/abc' } } }]);
		expect(valid).toHaveLength(1);
	});

	it('fails an item that carries no request, naming what it expected', async () => {
		await expect(run(verifyParameters, [{ json: { hello: 'world' } }])).rejects.toThrow('expected json.headers');
	});

	it("continue on fail: an item that cannot be checked goes to Invalid with the error as text and as n8n's item error, the rest of the batch is checked", async () => {
		const signed = signRequest(outgoing, { config: { scheme: 'standardWebhooks' }, secrets: [secret] });
		const [valid, invalid] = await run(verifyParameters, [{ json: { hello: 'world' } }, webhookItem(signed)], { continueOnFail: true });
		expect(valid.map((item) => item.pairedItem)).toEqual([{ item: 1 }]);
		expect(invalid).toHaveLength(1);
		expect(invalid[0]).toMatchObject({ json: { hello: 'world', error: expect.stringContaining('expected json.headers') }, pairedItem: { item: 0 } });
		expect(invalid[0].error).toBeInstanceOf(NodeOperationError);
		expect(invalid[0].error?.message).toBe(invalid[0].json.error);
	});

	it('continue on fail: a credential that cannot verify sends every item to Invalid with the error, without the secret', async () => {
		const items = [{ json: { n: 1 } }, { json: { n: 2 } }];
		const [valid, invalid] = await run(verifyParameters, items, { continueOnFail: true, credential: { scheme: 'standardWebhooks', secret: '' } });
		expect(valid).toEqual([]);
		expect(invalid.map((item) => [item.json.n, item.pairedItem, item.error instanceof NodeOperationError])).toEqual([
			[1, { item: 0 }, true],
			[2, { item: 1 }, true],
		]);
		expect(invalid[0].json.error).toContain('"Secret" is empty');
	});
});

describe('Sign Request description', () => {
	const evaluateOutputs = (operation: string, version: number) => {
		const expression = new SignRequest().description.outputs as string;
		const source = expression.replace(/^=\{\{/, '').replace(/\}\}$/, '');
		return new Function('$nodeVersion', '$parameter', `return ${source}`)(version, { operation }) as Array<{ displayName?: string }>;
	};

	it('has Success / Failure for Sign from version 2, one output in version 1, and Valid / Invalid for Verify, from a self-contained expression', () => {
		expect(evaluateOutputs('sign', 2).map((output) => output.displayName)).toEqual(['Success', 'Failure']);
		expect(evaluateOutputs('sign', 1)).toEqual([{ type: 'main' }]);
		expect(evaluateOutputs('verify', 2).map((output) => output.displayName)).toEqual(['Valid', 'Invalid']);
		expect(evaluateOutputs('verify', 1).map((output) => output.displayName)).toEqual(['Valid', 'Invalid']);
	});

	it('is version 2 by default, and keeps version 1 for saved workflows', () => {
		expect(new SignRequest().description).toMatchObject({ version: [1, 2], defaultVersion: 2 });
	});

	it('uses "Add option" and a URL hint that says what the URL is needed for', () => {
		const properties = new SignRequest().description.properties;
		expect(properties.find((property) => property.name === 'signOptions')?.placeholder).toBe('Add option');
		expect(properties.find((property) => property.name === 'url')?.hint).toMatch(/^Required for Jiandaoyun, DingTalk and a custom HMAC/);
	});

	it('tests the credential locally: a good secret passes', async () => {
		const test = new SignRequest().methods.credentialTest.outboundSigningSecretTest;
		const result = await test.call({} as never, { id: '1', name: 'c', type: 'outboundSigningSecret', data: credential });
		expect(result).toEqual({ status: 'OK', message: 'The secret is well formed for standardWebhooks v1; a sample request signed with each verifies' });
	});

	it('tests the credential locally: a broken previous secret fails without showing it', async () => {
		const test = new SignRequest().methods.credentialTest.outboundSigningSecretTest;
		const data = { ...credential, previousSecrets: 'whsec_not*base64' };
		const result = await test.call({} as never, { id: '1', name: 'c', type: 'outboundSigningSecret', data });
		expect(result).toEqual({ status: 'Error', message: expect.stringContaining('previous secret no. 1: The secret after "whsec_" is not valid base64') });
		expect(result.message).not.toContain('not*base64');
	});
});
