import { HesiApprovalEventTrigger } from '../../../nodes/HesiApprovalEventTrigger/HesiApprovalEventTrigger.node';
import { approvalEvents, hesiApprovalSample } from '../../../nodes/shared/events';
import { hesiSignKey, signedByHesi, standardSecret, standardWebhooksRequest } from '../shared/trigger/fixtures';
import { expectHesiSignatureDefaults, expectTriggerContract } from '../shared/trigger/triggerNodeContract';
import { emittedItems, startTriggerHarness, type TriggerHarness } from '../shared/trigger/webhookHarness';

describe('Hesi Approval Event Trigger', () => {
	let harness: TriggerHarness | undefined;
	afterEach(async () => await harness?.close());

	it('is a trigger offering the 19 approval events', () => {
		const node = new HesiApprovalEventTrigger();
		expectTriggerContract(node, {
			name: 'hesiApprovalEventTrigger',
			displayName: 'Hesi Approval Event Trigger',
			catalog: approvalEvents,
		});
		expectHesiSignatureDefaults(node);
	});

	it('outputs action, actionName, userInfo, flowId, nodeId and the selected fields', async () => {
		harness = await startTriggerHarness(new HesiApprovalEventTrigger(), signedByHesi);
		const call = await harness.send({ body: JSON.stringify(hesiApprovalSample('flow.rejected')) });
		expect(call).toMatchObject({ status: 200, body: '{"code":"1"}' });
		expect(emittedItems(call)?.[0]).toMatchObject({
			action: 'flow.rejected',
			actionName: '被驳回',
			userInfo: { id: '7hw8MheAgo0g00:I6A8MlHIQM0000' },
			flowId: 'ID01uJ2x8gHZ7N',
			nodeId: 'FLOW:1171302470:1592882963',
			expenseMoney: { currency: 'CNY', amount: '10.00' },
			event: { source: 'hesi', type: 'flow.rejected', typeName: 'Rejected (被驳回)' },
		});
	});

	it('answers an unselected action as success and starts nothing', async () => {
		harness = await startTriggerHarness(new HesiApprovalEventTrigger(), { ...signedByHesi, parameters: { events: ['backlog.approving'] } });
		const call = await harness.send({ body: JSON.stringify(hesiApprovalSample('flow.paid')) });
		expect(call).toMatchObject({ status: 200, body: '{"code":"1"}', result: { noWebhookResponse: true } });
		expect(emittedItems(call)).toBeUndefined();
	});

	it('suppresses a repeat keyed on the configured fields', async () => {
		harness = await startTriggerHarness(new HesiApprovalEventTrigger(), {
			...signedByHesi,
			parameters: { triggerOptions: { duplicateKeyFields: 'flowId, nodeId, action, userInfo.id' } },
		});
		const body = JSON.stringify(hesiApprovalSample('backlog.approving'));
		expect(emittedItems(await harness.send({ body }))).toHaveLength(1);
		expect(emittedItems(await harness.send({ body }))).toBeUndefined();
	});

	it('offers each event as an "On …" action with both names whole', () => {
		const events = new HesiApprovalEventTrigger().description.properties.find((property) => property.name === 'events');
		const actions = events?.options?.map((option) => ('action' in option ? option.action : undefined));
		expect(actions).toContain('On mentioned (被@)');
		expect(actions).toContain('On pending approval (待审批)');
		expect(actions).toContain('On paid / approval completed (已支付/审批完成)');
	});

	describe('Signature Check', () => {
		it('refuses an unsigned message at its defaults (Signature Check: Hesi signKey) with 401, and starts nothing', async () => {
			harness = await startTriggerHarness(new HesiApprovalEventTrigger(), { credentials: signedByHesi.credentials });
			const call = await harness.send({ body: JSON.stringify(hesiApprovalSample('flow.rejected')) });
			expect(call).toMatchObject({ status: 401, result: { noWebhookResponse: true } });
			expect(JSON.parse(call.body)).toEqual({ error: 'missing_signature', message: expect.stringContaining('header signKey') });
			const wrong = await harness.send({ headers: { signKey: 'a-guess' }, body: JSON.stringify(hesiApprovalSample('flow.rejected')) });
			expect(wrong.status).toBe(401);
		});

		it('accepts the message Hesi signs with its signKey header, marked verified', async () => {
			harness = await startTriggerHarness(new HesiApprovalEventTrigger(), signedByHesi);
			const call = await harness.send({ body: JSON.stringify(hesiApprovalSample('flow.rejected')) });
			expect(call.status).toBe(200);
			expect(emittedItems(call)?.[0]).toMatchObject({ event: { verified: true } });
		});

		it('reads the key where the credential says: a body field, checked and left out of the item', async () => {
			harness = await startTriggerHarness(new HesiApprovalEventTrigger(), {
				credentials: { scheme: 'hesiSignKey', secret: hesiSignKey, hesiLocation: 'body', hesiFieldName: 'sign_key' },
			});
			const call = await harness.send({ body: JSON.stringify({ ...hesiApprovalSample('flow.paid'), sign_key: hesiSignKey }) });
			expect(call.status).toBe(200);
			expect(emittedItems(call)?.[0]).not.toHaveProperty('sign_key');
			expect((await harness.send({ headers: { sign_key: hesiSignKey }, body: JSON.stringify(hesiApprovalSample('flow.paid')) })).status).toBe(401);
		});

		it('checks the signKey header with the Secret of a credential made for another scheme', async () => {
			harness = await startTriggerHarness(new HesiApprovalEventTrigger(), { credentials: { scheme: 'standardWebhooks', secret: standardSecret } });
			expect((await harness.send({ headers: { signKey: standardSecret }, body: JSON.stringify(hesiApprovalSample()) })).status).toBe(200);
			const signed = standardWebhooksRequest(hesiApprovalSample(), { at: Date.now() });
			const headers = Object.fromEntries(Object.entries(signed.headers).map(([key, value]) => [key, String(value)]));
			expect((await harness.send({ headers, body: signed.body.toString('utf8') })).status).toBe(401);
		});

		it('still accepts unsigned messages when None is chosen deliberately', async () => {
			harness = await startTriggerHarness(new HesiApprovalEventTrigger(), { parameters: { signatureCheck: 'none' } });
			expect((await harness.send({ body: JSON.stringify(hesiApprovalSample()) })).status).toBe(200);
		});
	});

	describe('Let Manual Re-Sends Through', () => {
		let clock: jest.SpyInstance<number, []>;
		let nowMs = Date.parse('2024-06-01T01:30:00.000Z');
		beforeEach(() => {
			nowMs = Date.parse('2024-06-01T01:30:00.000Z');
			clock = jest.spyOn(Date, 'now').mockImplementation(() => nowMs);
		});
		afterEach(() => clock.mockRestore());

		const keyed = (letThrough: boolean) => ({
			...signedByHesi,
			parameters: { triggerOptions: { duplicateKeyFields: 'flowId, nodeId, action, userInfo.id', letManualResendsThrough: letThrough } },
		});
		const body = JSON.stringify(hesiApprovalSample('backlog.approving'));

		it("drops Hesi's automatic retries (within 2 minutes) and lets a later re-send from the message log through", async () => {
			harness = await startTriggerHarness(new HesiApprovalEventTrigger(), keyed(true));
			expect(emittedItems(await harness.send({ body }))).toHaveLength(1);
			nowMs += 10_000;
			expect(emittedItems(await harness.send({ body }))).toBeUndefined();
			nowMs += 100_000;
			const retry = await harness.send({ body });
			expect(retry).toMatchObject({ status: 200, body: '{"code":"1"}' });
			expect(emittedItems(retry)).toBeUndefined();
			nowMs += 15 * 60_000;
			expect(emittedItems(await harness.send({ body }))).toHaveLength(1);
		});

		it('drops every copy within the Duplicate Window when off (the default)', async () => {
			harness = await startTriggerHarness(new HesiApprovalEventTrigger(), keyed(false));
			expect(emittedItems(await harness.send({ body }))).toHaveLength(1);
			nowMs += 23 * 3600_000;
			expect(emittedItems(await harness.send({ body }))).toBeUndefined();
		});

		it('keeps a Duplicate Window shorter than 2 minutes', async () => {
			harness = await startTriggerHarness(new HesiApprovalEventTrigger(), {
				...signedByHesi,
				parameters: { triggerOptions: { duplicateKeyFields: 'flowId', letManualResendsThrough: true, duplicateWindowHours: 0.01 } },
			});
			expect(emittedItems(await harness.send({ body }))).toHaveLength(1);
			nowMs += 40_000;
			expect(emittedItems(await harness.send({ body }))).toHaveLength(1);
		});
	});
});
