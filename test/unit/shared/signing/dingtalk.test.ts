import { dingtalkSignature, sign, verify } from '../../../../nodes/shared/signing/dingtalk';
import { outgoing, receivedFrom } from './requests';

// Golden vector: DingTalk publishes the custom robot "加签" algorithm with a Python demo
// (open.dingtalk.com, custom robot security settings) but no fixed output. The expected value is
// that demo's output (urllib.parse.quote_plus(base64(hmac_sha256(secret, ts + "\n" + secret))))
// for these inputs: test/unit/shared/signing/vendorDemos/vendor_demos.py (CPython; none of our code).
const demo = {
	timestamp: '1577262236757',
	secret: 'SEC1234567890abcdef',
	urlEncodedSign: 'f7qQ1A8KagEZ45y1gasTtKsEq5ERTeDXP9T%2BWkIqzDk%3D',
};
const config = { scheme: 'dingtalk' } as const;
const at = Number(demo.timestamp);

describe('DingTalk robot signature', () => {
	it('computes the demo\'s signature (before URL encoding)', () => {
		expect(encodeURIComponent(dingtalkSignature(demo.secret, demo.timestamp))).toBe(demo.urlEncodedSign);
	});

	it('appends timestamp (ms) and the URL-encoded sign to the robot URL', () => {
		const signed = sign(outgoing('{"msgtype":"text"}', 'https://oapi.dingtalk.com/robot/send?access_token=XXXXXX'), {
			config,
			secrets: [demo.secret],
			now: at,
		});
		expect(signed.url).toBe(`https://oapi.dingtalk.com/robot/send?access_token=XXXXXX&timestamp=${demo.timestamp}&sign=${demo.urlEncodedSign}`);
	});

	it('verifies the demo values from the query string', () => {
		const request = { method: 'POST', url: `/robot?timestamp=${demo.timestamp}&sign=${demo.urlEncodedSign}`, headers: {}, body: Buffer.from('{}') };
		expect(verify(request, { config, secrets: [demo.secret], now: at })).toEqual({ valid: true, timestamp: Math.floor(at / 1000) });
	});

	it('verifies the same pair sent as headers, as DingTalk\'s outgoing robot does', () => {
		const sign = decodeURIComponent(demo.urlEncodedSign);
		const request = { method: 'POST', url: '/robot', headers: { timestamp: demo.timestamp, sign }, body: Buffer.from('{}') };
		expect(verify(request, { config, secrets: [demo.secret], now: at }).valid).toBe(true);
	});

	it('rejects a timestamp outside the tolerance, read in milliseconds', () => {
		const request = { method: 'POST', url: `/robot?timestamp=${demo.timestamp}&sign=${demo.urlEncodedSign}`, headers: {}, body: Buffer.from('{}') };
		expect(verify(request, { config, secrets: [demo.secret], now: at + 3_601_000, toleranceSeconds: 3600 })).toMatchObject({
			reason: 'timestamp_out_of_tolerance',
			message: expect.stringContaining('expired by 1 s'),
		});
	});

	it('round-trips through the receiving side', () => {
		const signed = sign(outgoing('{"msgtype":"text"}'), { config, secrets: [demo.secret] });
		expect(verify(receivedFrom(signed), { config, secrets: [demo.secret] }).valid).toBe(true);
	});
});
