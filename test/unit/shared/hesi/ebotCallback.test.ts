import fs from 'node:fs';
import path from 'node:path';

import { type DeliveryDependencies, createHttpClient, type HttpClient } from '../../../../nodes/shared/delivery';
import {
	type EbotCallbackPlan,
	accessTokenFor,
	defaultEbotSchedule,
	ebotAnswerCodes,
	ebotApprovalBody,
	forgetAccessTokens,
	runEbotCallback,
	usableUntil,
} from '../../../../nodes/shared/hesi';
import { type FakeHesi, startFakeHesi } from '../../../fakes/hesi/ebotApi';

const signKey = 'ebot-sign-key-7d41a2c9';

let hesi: FakeHesi;
let client: HttpClient;
let waits: number[];
let dependencies: DeliveryDependencies;

beforeEach(async () => {
	forgetAccessTokens();
	hesi = await startFakeHesi({ signKey });
	client = createHttpClient({ connectionsPerOrigin: 4 });
	waits = [];
	dependencies = {
		send: client.send,
		sleep: async (ms) => {
			waits.push(ms);
			await Promise.resolve();
		},
	};
});

afterEach(async () => {
	await client.close();
	await hesi.close();
});

function plan(overrides: Partial<EbotCallbackPlan> = {}, callback: Partial<EbotCallbackPlan['callback']> = {}): EbotCallbackPlan {
	return {
		credential: { baseUrl: hesi.baseUrl, appKey: 'fake-app-key', appSecurity: 'fake-app-security-9f2c' },
		callback: { signKey, flowId: 'ID01uJ2x8gHZ7N', nodeId: 'FLOW:1171302470:1592882963', action: 'accept', comment: '预算校验通过', ...callback },
		schedule: defaultEbotSchedule,
		policy: 'stay',
		fallbackComment: 'n8n could not complete the EBot check in time',
		timeoutMs: 2_000,
		messageId: 'msg-1',
		...overrides,
	};
}

describe('the EBot callback', () => {
	it('gets a token with the app key and security, then posts the documented body with the token in the query', async () => {
		const result = await runEbotCallback(plan(), dependencies);
		expect(result.route).toBe('success');
		expect(hesi.tokenRequests()[0].body).toEqual({ appKey: 'fake-app-key', appSecurity: 'fake-app-security-9f2c' });
		const [approval] = hesi.approvalRequests();
		expect(approval.rawBody).toBe(
			JSON.stringify({ signKey, flowId: 'ID01uJ2x8gHZ7N', nodeId: 'FLOW:1171302470:1592882963', action: 'accept', comment: '预算校验通过' }),
		);
		expect(approval.query.accessToken).toMatch(/^fake-token-1-/);
		expect(result.ebot).toMatchObject({ outcome: 'completed', appliedAction: 'accept', code: '204', message: null });
		expect(result.delivery).toMatchObject({ status: 'succeeded', event: 'ebot.accept', target: `${hesi.baseUrl}/api/outbound/v1/approval` });
	});

	it('sends rejectTo and resubmitMethod with a refuse, after the documented fields', () => {
		const body = ebotApprovalBody({ signKey: 'k', flowId: 'f', nodeId: 'n', action: 'refuse', comment: 'c', rejectTo: 'FLOW:1', resubmitMethod: 'TO_REJECTOR' });
		expect(body).toBe('{"signKey":"k","flowId":"f","nodeId":"n","action":"refuse","comment":"c","rejectTo":"FLOW:1","resubmitMethod":"TO_REJECTOR"}');
	});

	it('masks the access token and the signKey in the delivery record', async () => {
		hesi.scriptApprovals({ code: '400', message: `bad signKey ${signKey}` });
		const result = await runEbotCallback(plan(), dependencies);
		const text = JSON.stringify(result);
		expect(text).not.toContain(signKey);
		expect(text).not.toMatch(/fake-token-/);
		expect(result.delivery.attempts[0].request.url).toBe(`${hesi.baseUrl}/api/outbound/v1/approval?accessToken=***`);
		expect(JSON.parse(result.delivery.attempts[0].request.body ?? '{}').signKey).toBe('***');
	});

	it.each([
		['400', 'the request is invalid: a field is missing or wrong', 'status_not_accepted'],
		['401', 'the signKey is wrong', 'status_not_accepted'],
		['412', 'the flow has moved on from this EBot node', 'gone'],
	])('fails on HTTP 200 with code %s, carrying Hesi\'s message, without retrying', async (code, meaning, reason) => {
		hesi.scriptApprovals({ code: code as '400', message: `Hesi says ${code}` });
		const result = await runEbotCallback(plan(), dependencies);
		expect(result.route).toBe('failure');
		expect(hesi.approvalRequests()).toHaveLength(1);
		expect(waits).toEqual([]);
		expect(result.delivery).toMatchObject({ status: 'failed', reason, message: `Hesi answered code ${code} (${meaning}): "Hesi says ${code}"` });
		expect(result.ebot.code).toBe(code);
	});

	it('never retries a 412 nor sends a fallback: the document is no longer at the node', async () => {
		hesi.scriptApprovals({ code: '412', message: '节点已流转' });
		const result = await runEbotCallback(plan({ policy: 'refuse' }), dependencies);
		expect(hesi.approvalRequests()).toHaveLength(1);
		expect(result.ebot).toMatchObject({ outcome: 'failed', appliedAction: null });
		expect(result.ebot.message).toContain('no fallback: the flow has moved on');
		expect(result.fallbackDelivery).toBeUndefined();
	});

	it('retries code 500 on the schedule 60 s, 180 s, 600 s and succeeds on the fourth attempt', async () => {
		hesi.scriptApprovals({ code: '500' }, { code: '500' }, { code: '500' });
		const result = await runEbotCallback(plan(), dependencies);
		expect(waits).toEqual([60_000, 180_000, 600_000]);
		expect(result.route).toBe('success');
		expect(result.delivery.attempts.map((attempt) => attempt.error?.reason ?? 'ok')).toEqual(['keyword_mismatch', 'keyword_mismatch', 'keyword_mismatch', 'ok']);
		expect(hesi.tokenRequests()).toHaveLength(1);
	});

	it('retries HTTP 5xx, a reset connection and a timeout, then gives up after the schedule', async () => {
		hesi.scriptApprovals({ status: 503, body: 'busy' }, { reset: true }, { delayMs: 1_500 }, { status: 502 });
		const result = await runEbotCallback(plan({ timeoutMs: 300 }), dependencies);
		expect(result.delivery.attempts.map((attempt) => attempt.error?.reason)).toEqual(['status_not_accepted', 'connection_error', 'timeout', 'status_not_accepted']);
		expect(result.route).toBe('failure');
		expect(result.ebot).toMatchObject({ outcome: 'stayed', appliedAction: null });
		expect(result.ebot.message).toContain('the document stays at the EBot node');
	});

	it('keeps one token for the whole process and asks again once it is near its expiry', async () => {
		await runEbotCallback(plan(), dependencies);
		await runEbotCallback(plan({ messageId: 'msg-2' }), dependencies);
		expect(hesi.tokenRequests()).toHaveLength(1);
		let now = Date.now();
		const clock = { ...dependencies, now: () => now };
		const first = await accessTokenFor(plan().credential, clock, 1_000);
		now = first.usableUntil + 1;
		const second = await accessTokenFor(plan().credential, clock, 1_000);
		expect(second.accessToken).not.toBe(first.accessToken);
		expect(hesi.tokenRequests()).toHaveLength(2);
	});

	it('reads expireTime as epoch ms, epoch seconds or seconds from now, refreshing a minute early', () => {
		const now = 1_700_000_000_000;
		expect(usableUntil(now + 7_200_000, now)).toBe(now + 7_140_000);
		expect(usableUntil((now + 7_200_000) / 1000, now)).toBe(now + 7_140_000);
		expect(usableUntil(7200, now)).toBe(now + 7_140_000);
		expect(usableUntil(undefined, now)).toBe(now + 30 * 60_000);
	});

	it('fetches a new token once on HTTP 401 and repeats the callback at once', async () => {
		await runEbotCallback(plan(), dependencies);
		hesi.expireTokens();
		const result = await runEbotCallback(plan({ messageId: 'msg-2' }), dependencies);
		expect(result.route).toBe('success');
		expect(hesi.tokenRequests()).toHaveLength(2);
		const [, expired, renewed] = hesi.approvalRequests();
		expect(renewed.query.accessToken).not.toBe(expired.query.accessToken);
		expect(result.delivery.attempts.map((attempt) => attempt.response?.status)).toEqual([401, 200]);
		expect(waits).toEqual([]);
	});

	it("fetches a new token on Hesi's token-expired answer too", async () => {
		hesi.scriptApprovals({ tokenExpired: true });
		const result = await runEbotCallback(plan(), dependencies);
		expect(result.route).toBe('success');
		expect(hesi.tokenRequests()).toHaveLength(2);
	});

	it('fails without a fallback when the token endpoint refuses the app key', async () => {
		const result = await runEbotCallback(plan({ policy: 'refuse', credential: { baseUrl: hesi.baseUrl, appKey: 'wrong', appSecurity: 'x' } }), dependencies);
		expect(result.route).toBe('failure');
		expect(hesi.approvalRequests()).toHaveLength(0);
		expect(result.delivery).toMatchObject({ reason: 'invalid_request' });
		expect(result.delivery.message).toContain('check App Key and App Security');
		expect(result.delivery.message).toContain('appKey或appSecurity错误');
		expect(result.fallbackDelivery).toBeUndefined();
	});

	it('waits out a token endpoint that is down, on the schedule', async () => {
		hesi.scriptTokens(503, 503);
		const result = await runEbotCallback(plan(), dependencies);
		expect(waits).toEqual([60_000, 180_000]);
		expect(result.route).toBe('success');
	});
});

describe('the failure policy when the callback cannot complete', () => {
	it('rejects the document instead (fallback refuse with its comment) and leaves by Fallback', async () => {
		hesi.scriptApprovals({ code: '500' }, { code: '500' });
		const result = await runEbotCallback(plan({ schedule: [1_000], policy: 'refuse' }), dependencies);
		expect(result.route).toBe('fallback');
		expect(result.ebot).toMatchObject({ action: 'accept', outcome: 'fallbackApplied', appliedAction: 'refuse', policy: 'refuse' });
		const bodies = hesi.approvalRequests().map((request) => request.body);
		expect(bodies.map((body) => body?.action)).toEqual(['accept', 'accept', 'refuse']);
		expect(bodies[2]).toEqual({ signKey, flowId: 'ID01uJ2x8gHZ7N', nodeId: 'FLOW:1171302470:1592882963', action: 'refuse', comment: 'n8n could not complete the EBot check in time' });
		expect(result.fallbackDelivery).toMatchObject({ status: 'succeeded', event: 'ebot.refuse', messageId: 'msg-1-fallback' });
	});

	it('agrees instead when a refuse to a given node is refused with code 400, sending a plain accept', async () => {
		hesi.scriptApprovals({ code: '400', message: 'rejectTo节点不存在' });
		const result = await runEbotCallback(plan({ policy: 'accept' }, { action: 'refuse', rejectTo: 'FLOW:nope', resubmitMethod: 'FROM_START' }), dependencies);
		expect(result.route).toBe('fallback');
		expect(hesi.approvalRequests()[1].body).not.toHaveProperty('rejectTo');
		expect(hesi.approvalRequests()[1].body?.action).toBe('accept');
	});

	it('stays at the node: sends nothing more and leaves by Failure with the reason', async () => {
		hesi.scriptApprovals({ code: '500', message: '系统繁忙' });
		const result = await runEbotCallback(plan({ schedule: [], policy: 'stay' }), dependencies);
		expect(hesi.approvalRequests()).toHaveLength(1);
		expect(result).toMatchObject({ route: 'failure', ebot: { outcome: 'stayed' } });
		expect(result.ebot.message).toBe('Hesi answered code 500 (Hesi\'s server failed): "系统繁忙"; the document stays at the EBot node for a person to decide');
	});

	it('sends no fallback after a wrong signKey (code 401): it would be refused the same way', async () => {
		const result = await runEbotCallback(plan({ policy: 'refuse' }, { signKey: 'not-the-key' }), dependencies);
		expect(hesi.approvalRequests()).toHaveLength(1);
		expect(result.ebot).toMatchObject({ outcome: 'failed', code: '401' });
	});

	it('reports Failure when the fallback fails too, with both reasons', async () => {
		hesi.scriptApprovals({ code: '500' }, { code: '412', message: '已流转' });
		const result = await runEbotCallback(plan({ schedule: [], policy: 'refuse' }), dependencies);
		expect(result.route).toBe('failure');
		expect(result.ebot.outcome).toBe('failed');
		expect(result.ebot.message).toMatch(/code 500 .*the fallback refuse failed too: Hesi answered code 412/);
		expect(result.fallbackDelivery?.status).toBe('failed');
	});

	it('does not repeat the same action as its own fallback', async () => {
		hesi.scriptApprovals({ code: '500' });
		const result = await runEbotCallback(plan({ schedule: [], policy: 'accept' }), dependencies);
		expect(hesi.approvalRequests()).toHaveLength(1);
		expect(result.ebot.message).toContain('no fallback: it would repeat the same accept');
	});
});

describe("docs/ebot-callback.md's table of Hesi's answers", () => {
	const doc = fs.readFileSync(path.resolve(__dirname, '../../../../docs/ebot-callback.md'), 'utf8');

	it.each(ebotAnswerCodes.map((entry) => [entry.code, entry] as const))('describes code %s as the node judges it', (code, entry) => {
		const row = doc.split('\n').find((line) => line.startsWith(`| HTTP 200, code ${code} |`));
		expect(row).toBeDefined();
		const [, , meaning, retried, fallback] = (row ?? '').split('|').map((cell) => cell.trim());
		expect(meaning).toBe(entry.meaning);
		expect(retried.startsWith(entry.reason === 'keyword_mismatch' ? 'on the schedule' : 'n')).toBe(true);
		expect(fallback.startsWith(entry.fallbackApplies ? 'yes' : 'no')).toBe(true);
	});
});
