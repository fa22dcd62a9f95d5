import { feishuSignature, sign, verify } from '../../../../nodes/shared/signing/feishu';
import { outgoing, receivedFrom } from './requests';

// Golden vector: Feishu publishes the custom bot "签名校验" algorithm with a Python demo
// (open.feishu.cn, custom bot guide: gen_sign = base64(hmac(key = ts + "\n" + secret, empty msg)))
// but no fixed output. The expected value is that demo's output for these inputs:
// test/unit/shared/signing/vendorDemos/vendor_demos.py (CPython; none of our code).
const demo = { timestamp: '1599360473', secret: 'demo-feishu-secret', sign: 'I14G+BylJBIS1VqI4nUg1mKqMAjMGZlFJGT36IJRUr8=' };
const config = { scheme: 'feishu' } as const;
const at = Number(demo.timestamp) * 1000;

describe('Feishu bot signature', () => {
	it('computes the demo\'s signature', () => {
		expect(feishuSignature(demo.secret, demo.timestamp)).toBe(demo.sign);
	});

	it('puts timestamp and sign first in the JSON body and leaves the rest byte for byte', () => {
		const body = '{"msg_type":"text",  "content":{"text":"hi"}, "id": 12345678901234567890}';
		const signed = sign(outgoing(body), { config, secrets: [demo.secret], now: at });
		expect(signed.body).toBe(`{"timestamp":"${demo.timestamp}","sign":"${demo.sign}",` + body.slice(1));
	});

	it('replaces timestamp and sign already in the body when re-signing', () => {
		const first = sign(outgoing('{"msg_type":"text"}'), { config, secrets: [demo.secret], now: at - 60_000 });
		const again = sign(first, { config, secrets: [demo.secret], now: at });
		expect(again.body).toBe(`{"timestamp":"${demo.timestamp}","sign":"${demo.sign}","msg_type":"text"}`);
	});

	it('refuses a body that is not a JSON object', () => {
		expect(() => sign(outgoing('[1,2]'), { config, secrets: [demo.secret] })).toThrow('the body is JSON but not an object');
	});

	it('verifies the demo values in a received body', () => {
		const body = Buffer.from(`{"timestamp":"${demo.timestamp}","sign":"${demo.sign}","msg_type":"text"}`);
		expect(verify({ method: 'POST', url: '/bot', headers: {}, body }, { config, secrets: [demo.secret], now: at }).valid).toBe(true);
	});

	it('names the missing sign field', () => {
		const body = Buffer.from(`{"timestamp":"${demo.timestamp}"}`);
		expect(verify({ method: 'POST', url: '/bot', headers: {}, body }, { config, secrets: [demo.secret], now: at })).toMatchObject({
			message: 'Missing body field sign',
		});
	});

	it('round-trips through the receiving side', () => {
		const signed = sign(outgoing('{}'), { config, secrets: [demo.secret] });
		expect(verify(receivedFrom(signed), { config, secrets: [demo.secret] }).valid).toBe(true);
	});
});
