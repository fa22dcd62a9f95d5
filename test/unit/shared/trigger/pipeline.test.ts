import { hesiApprovalSample, jiandaoyunSample, ofsTodoSample } from '../../../../nodes/shared/events';
import { DeliveryMemory } from '../../../../nodes/shared/trigger/deliveryMemory';
import { decideTriggerRequest, sampleItems } from '../../../../nodes/shared/trigger/pipeline';
import { hesiApprovalSource, jiandaoyunSource, ofsTodoSource } from '../../../../nodes/shared/trigger/sources';
import type { TriggerDecision } from '../../../../nodes/shared/trigger/types';
import {
	jiandaoyunRequest,
	jiandaoyunSecret,
	now,
	settingsFor,
	standardSecret,
	standardWebhooksRequest,
	unsigned,
	verifierFor,
} from './fixtures';

/** The state of a node that has not remembered any delivery yet. */
const fresh = () => ({ nowMs: now, deliveries: new DeliveryMemory() });
const jdySettings = settingsFor(jiandaoyunSource, {
	verify: verifierFor({ scheme: 'jiandaoyun' }, jiandaoyunSecret),
	splitRecipients: true,
});
const hesiSigned = settingsFor(hesiApprovalSource, {
	verify: verifierFor({ scheme: 'standardWebhooks' }, standardSecret),
});

function accepted(decision: TriggerDecision) {
	if (decision.outcome !== 'accepted') throw new Error(`expected accepted, got ${decision.outcome}: ${JSON.stringify(decision)}`);
	return decision;
}

describe('trigger pipeline: signatures', () => {
	it('accepts a Jiandaoyun push signed with the published algorithm and marks it verified', () => {
		const decision = accepted(decideTriggerRequest(jiandaoyunRequest(jiandaoyunSample('data_create')), jdySettings, fresh()));
		expect(decision.items[0].event).toMatchObject({ source: 'jiandaoyun', type: 'data_create', verified: true, deliveryId: '6479a1b2c3d4e5f6a7b8c9d0' });
	});

	it('accepts a Standard Webhooks request signed with the official library', () => {
		const decision = accepted(decideTriggerRequest(standardWebhooksRequest(hesiApprovalSample('flow.rejected')), hesiSigned, fresh()));
		expect(decision.items[0].event).toMatchObject({ type: 'flow.rejected', verified: true, deliveryId: 'msg_2hKZ1fD7v3Qm8pWn0sXy4Tb6' });
	});

	it('refuses a tampered body with 401 and a short reason', () => {
		const request = jiandaoyunRequest(jiandaoyunSample('data_create'));
		request.body = Buffer.from(request.body.toString('utf8').replace('病假', '事假'), 'utf8');
		const decision = decideTriggerRequest(request, jdySettings, fresh());
		expect(decision).toMatchObject({ outcome: 'rejected', reason: 'signature', response: { status: 401 } });
		expect(JSON.parse(decision.response.body ?? '')).toMatchObject({ error: 'signature_mismatch' });
	});

	it('refuses a request signed with another secret', () => {
		const request = jiandaoyunRequest(jiandaoyunSample('flow_message'), { secret: 'not-the-secret' });
		expect(decideTriggerRequest(request, jdySettings, fresh()).response.status).toBe(401);
	});

	it('refuses a request without a signature', () => {
		const decision = decideTriggerRequest(unsigned(hesiApprovalSample()), hesiSigned, fresh());
		expect(decision).toMatchObject({ outcome: 'rejected', reason: 'signature', response: { status: 401 } });
		expect(JSON.parse(decision.response.body ?? '')).toMatchObject({ error: 'missing_signature' });
	});

	it('refuses an expired request: signed more than 300 s before it arrives', () => {
		const request = standardWebhooksRequest(hesiApprovalSample(), { at: now - 301_000 });
		const decision = decideTriggerRequest(request, hesiSigned, fresh());
		expect(decision).toMatchObject({ outcome: 'rejected', response: { status: 401 } });
		expect(JSON.parse(decision.response.body ?? '')).toMatchObject({ error: 'timestamp_out_of_tolerance' });
	});

	it('accepts a request signed 299 s before it arrives', () => {
		const request = standardWebhooksRequest(hesiApprovalSample(), { at: now - 299_000 });
		expect(decideTriggerRequest(request, hesiSigned, fresh()).outcome).toBe('accepted');
	});

	it('answers a replayed signed request (same delivery id, within the window) as success without items', () => {
		const request = jiandaoyunRequest(jiandaoyunSample('data_update'));
		const deliveries = new DeliveryMemory();
		accepted(decideTriggerRequest(request, jdySettings, { nowMs: now, deliveries }));
		const replay = decideTriggerRequest(request, jdySettings, { nowMs: now + 60_000, deliveries });
		expect(replay).toMatchObject({ outcome: 'ignored', reason: 'duplicate', response: { status: 200, body: 'success' } });
	});

	it('refuses a replayed signed request once its timestamp is outside the window', () => {
		const request = jiandaoyunRequest(jiandaoyunSample('data_update'));
		const deliveries = new DeliveryMemory();
		accepted(decideTriggerRequest(request, jdySettings, { nowMs: now, deliveries }));
		const later = settingsFor(jiandaoyunSource, { verify: verifierFor({ scheme: 'jiandaoyun' }, jiandaoyunSecret, now + 400_000) });
		expect(decideTriggerRequest(request, later, { nowMs: now + 400_000, deliveries }).response.status).toBe(401);
	});

	it('does not parse the body of a request whose signature fails', () => {
		const request = jiandaoyunRequest(jiandaoyunSample('data_update'));
		request.body = Buffer.from('{not json', 'utf8');
		expect(decideTriggerRequest(request, jdySettings, fresh())).toMatchObject({ reason: 'signature' });
	});

	it('answers a body that is not JSON with 400 when the signature is carried in the body, as the check cannot read it', () => {
		const settings = settingsFor(hesiApprovalSource, {
			verify: verifierFor({ scheme: 'hesiSignKey', location: 'body', name: 'signKey' }, 'hesi-shared-key'),
			signatureInBody: true,
		});
		const decision = decideTriggerRequest(unsigned('{"signKey":"hesi-shared-key","flowId":'), settings, fresh());
		expect(decision).toMatchObject({ outcome: 'rejected', reason: 'malformed', response: { status: 400 } });
		expect(JSON.parse(decision.response.body ?? '')).toMatchObject({ error: 'malformed_json', message: expect.stringContaining('not valid JSON') });
	});

	it('still refuses a JSON body with a wrong key with 401 when the signature is carried in the body', () => {
		const settings = settingsFor(hesiApprovalSource, {
			verify: verifierFor({ scheme: 'hesiSignKey', location: 'body', name: 'signKey' }, 'hesi-shared-key'),
			signatureInBody: true,
		});
		const decision = decideTriggerRequest(unsigned({ ...hesiApprovalSample(), signKey: 'guess' }), settings, fresh());
		expect(decision).toMatchObject({ outcome: 'rejected', reason: 'signature', response: { status: 401 } });
	});
});

describe('trigger pipeline: body and schema', () => {
	const settings = settingsFor(hesiApprovalSource);

	it('answers malformed JSON with 400 naming the problem', () => {
		const decision = decideTriggerRequest(unsigned('{"action": "flow.rejected",'), settings, fresh());
		expect(decision).toMatchObject({ outcome: 'rejected', reason: 'malformed', response: { status: 400 } });
		expect(JSON.parse(decision.response.body ?? '')).toMatchObject({ error: 'malformed_json' });
		expect(JSON.parse(decision.response.body ?? '').message).toMatch(/not valid JSON/);
	});

	it('answers a body that fails the schema with 400 naming the path', () => {
		const decision = decideTriggerRequest(unsigned({ ...hesiApprovalSample(), userInfo: { name: '张三' } }), settings, fresh());
		expect(decision).toMatchObject({ outcome: 'rejected', reason: 'schema', response: { status: 400 } });
		expect(JSON.parse(decision.response.body ?? '').message).toContain('userInfo.id: Required');
	});
});

describe('trigger pipeline: selection', () => {
	it('answers an unselected event as success without items', () => {
		const settings = settingsFor(hesiApprovalSource, { selection: { events: ['flow.paid'], filters: [] } });
		const decision = decideTriggerRequest(unsigned(hesiApprovalSample('flow.rejected')), settings, fresh());
		expect(decision).toEqual({
			outcome: 'ignored',
			reason: 'unselected',
			eventType: 'flow.rejected',
			deliveryId: null,
			response: { status: 200, body: '{"code":"1"}', contentType: 'application/json; charset=utf-8' },
		});
	});

	it('passes a selected event', () => {
		const settings = settingsFor(hesiApprovalSource, { selection: { events: ['flow.paid', 'flow.rejected'], filters: [] } });
		expect(decideTriggerRequest(unsigned(hesiApprovalSample('flow.rejected')), settings, fresh()).outcome).toBe('accepted');
	});

	it('passes a code the user added under Other Event Codes', () => {
		const settings = settingsFor(hesiApprovalSource, { selection: { events: ['flow.paid'], filters: [], extraEvents: ['flow.custom'] } });
		expect(decideTriggerRequest(unsigned(hesiApprovalSample('flow.custom')), settings, fresh()).outcome).toBe('accepted');
	});

	it('does not remember an unselected event, so selecting it later lets a re-sent copy through', () => {
		const settings = settingsFor(jiandaoyunSource, { selection: { events: ['flow_message'], filters: [] } });
		const request = jiandaoyunRequest(jiandaoyunSample('data_create'));
		const deliveries = new DeliveryMemory();
		const ignored = decideTriggerRequest(request, settings, { nowMs: now, deliveries });
		expect(ignored.outcome).toBe('ignored');
		expect(deliveries.size).toBe(0);
		const selected = settingsFor(jiandaoyunSource, { selection: { events: ['data_create'], filters: [] } });
		expect(decideTriggerRequest(request, selected, { nowMs: now, deliveries }).outcome).toBe('accepted');
	});
});

describe('trigger pipeline: duplicates', () => {
	it('remembers a delivery by configured JSON fields and suppresses the second', () => {
		const settings = settingsFor(hesiApprovalSource, {
			duplicates: { enabled: true, fields: ['flowId', 'nodeId', 'action'], windowSeconds: 3600, maxKeys: 100 },
		});
		const deliveries = new DeliveryMemory();
		const first = accepted(decideTriggerRequest(unsigned(hesiApprovalSample('flow.rejected')), settings, { nowMs: now, deliveries }));
		expect(first.deliveryId).toBe('flowId=ID01uJ2x8gHZ7N;nodeId=FLOW:1171302470:1592882963;action=flow.rejected');
		const second = decideTriggerRequest(unsigned(hesiApprovalSample('flow.rejected')), settings, { nowMs: now + 1000, deliveries });
		expect(second).toMatchObject({ outcome: 'ignored', reason: 'duplicate', response: { status: 200 } });
		const other = decideTriggerRequest(unsigned(hesiApprovalSample('flow.paid')), settings, { nowMs: now + 1000, deliveries });
		expect(other.outcome).toBe('accepted');
	});

	it('suppresses the second of two decisions for the same delivery made back to back', () => {
		const deliveries = new DeliveryMemory();
		const request = jiandaoyunRequest(jiandaoyunSample('data_create'));
		const decisions = [decideTriggerRequest(request, jdySettings, { nowMs: now, deliveries }), decideTriggerRequest(request, jdySettings, { nowMs: now, deliveries })];
		expect(decisions.map((decision) => decision.outcome)).toEqual(['accepted', 'ignored']);
		expect(decisions[1]).toMatchObject({ reason: 'duplicate', deliveryId: '6479a1b2c3d4e5f6a7b8c9d0' });
	});

	it('lets the same delivery through again once the window has passed', () => {
		const settings = settingsFor(hesiApprovalSource, {
			duplicates: { enabled: true, fields: ['flowId', 'action'], windowSeconds: 60, maxKeys: 100 },
		});
		const deliveries = new DeliveryMemory();
		accepted(decideTriggerRequest(unsigned(hesiApprovalSample()), settings, { nowMs: now, deliveries }));
		expect(decideTriggerRequest(unsigned(hesiApprovalSample()), settings, { nowMs: now + 59_000, deliveries }).outcome).toBe('ignored');
		expect(decideTriggerRequest(unsigned(hesiApprovalSample()), settings, { nowMs: now + 61_000, deliveries }).outcome).toBe('accepted');
	});

	it('does not track deliveries when duplicate suppression is off', () => {
		const settings = settingsFor(jiandaoyunSource, { duplicates: { enabled: false, fields: [], windowSeconds: 60, maxKeys: 10 } });
		const request = jiandaoyunRequest(jiandaoyunSample('data_create'));
		const deliveries = new DeliveryMemory();
		const first = accepted(decideTriggerRequest(request, settings, { nowMs: now, deliveries }));
		expect(first.deliveryId).toBe('6479a1b2c3d4e5f6a7b8c9d0');
		expect(deliveries.size).toBe(0);
		expect(decideTriggerRequest(request, settings, { nowMs: now, deliveries }).outcome).toBe('accepted');
	});

	it('does not treat an event without any key as a duplicate', () => {
		const settings = settingsFor(hesiApprovalSource);
		const deliveries = new DeliveryMemory();
		const first = accepted(decideTriggerRequest(unsigned(hesiApprovalSample()), settings, { nowMs: now, deliveries }));
		expect(first.items[0].event).toMatchObject({ deliveryId: null, verified: false });
		expect(deliveries.size).toBe(0);
		expect(decideTriggerRequest(unsigned(hesiApprovalSample()), settings, { nowMs: now, deliveries }).outcome).toBe('accepted');
	});

	it('keys an OFS push on its state, system, flow, receiver and receivets by default', () => {
		const settings = settingsFor(ofsTodoSource);
		const request = unsigned(ofsTodoSample('todo'), 'ReceiveRequestInfoByJson');
		const deliveries = new DeliveryMemory();
		const first = accepted(decideTriggerRequest(request, settings, { nowMs: now, deliveries }));
		expect(first.deliveryId).toBe('todo|EC9|202406010001|lisi|1717205405000');
		expect(decideTriggerRequest(request, settings, { nowMs: now, deliveries }).outcome).toBe('ignored');
	});
});

describe('trigger pipeline: items and answers', () => {
	it('splits an old-format flow message into one item per recipient, each with a one-element data.to', () => {
		const decision = accepted(decideTriggerRequest(jiandaoyunRequest(jiandaoyunSample('flow_message')), jdySettings, fresh()));
		expect(decision.items.map((item) => (item.data as { to: unknown[] }).to)).toEqual([
			[{ name: '张三', username: 'zhangsan' }],
			[{ name: '李四', username: 'lisi' }],
			[{ name: '王五', username: 'wangwu' }],
		]);
		expect(decision.response).toEqual({ status: 200, body: 'success', contentType: 'text/plain; charset=utf-8' });
	});

	it('stamps each item with source, type, type name, delivery id, receive time and verification', () => {
		const decision = accepted(decideTriggerRequest(jiandaoyunRequest(jiandaoyunSample('flow_message', 'flow_urge')), jdySettings, fresh()));
		expect(decision.items[0].event).toEqual({
			source: 'jiandaoyun',
			type: 'flow_message',
			typeName: 'Flow message (表单流程消息提醒): Flow urged (流程催办)',
			deliveryId: '6479a1b2c3d4e5f6a7b8c9d0',
			flowId: null,
			receivedAt: '2024-06-01T01:30:00.000Z',
			verified: true,
		});
	});

	it("stamps each item with the Hesi document's flowId, for an Execution Data node to save", () => {
		const decision = accepted(decideTriggerRequest(unsigned(hesiApprovalSample('flow.rejected')), settingsFor(hesiApprovalSource), fresh()));
		expect(decision.items[0].event).toMatchObject({ source: 'hesi', type: 'flow.rejected', flowId: 'ID01uJ2x8gHZ7N' });
	});

	it('stamps each item with the OFS flowid', () => {
		const decision = accepted(decideTriggerRequest(unsigned(ofsTodoSample('todo'), 'ReceiveRequestInfoByJson'), settingsFor(ofsTodoSource), fresh()));
		expect(decision.items[0].event).toMatchObject({ source: 'ofs', flowId: ofsTodoSample('todo').flowid });
	});

	it('keeps the Hesi notification fields on the item', () => {
		const decision = accepted(decideTriggerRequest(unsigned(hesiApprovalSample('freeflow.remind')), settingsFor(hesiApprovalSource), fresh()));
		expect(decision.items[0]).toMatchObject({ action: 'freeflow.remind', actionName: '催办', userInfo: { name: '张三' }, flowId: 'ID01uJ2x8gHZ7N', nodeId: 'FLOW:1171302470:1592882963' });
		expect(decision.items[0].event).toMatchObject({ typeName: 'Reminder (urged) (催办)' });
	});

	it.each([
		[201, '', { status: 201, body: '', contentType: 'text/plain; charset=utf-8' }],
		[204, '{"code":"1"}', { status: 204 }],
		[200, 'ok', { status: 200, body: 'ok', contentType: 'text/plain; charset=utf-8' }],
	] as const)('answers success with status %s and the configured body', (status, body, expected) => {
		const settings = settingsFor(hesiApprovalSource, { response: { status, body } });
		expect(decideTriggerRequest(unsigned(hesiApprovalSample()), settings, fresh()).response).toEqual(expected);
	});

	it('answers OFS in its own shape with operResult 1 on success', () => {
		const decision = accepted(decideTriggerRequest(unsigned(ofsTodoSample('done'), 'ProcessDoneRequestByJson'), settingsFor(ofsTodoSource), fresh()));
		expect(JSON.parse(decision.response.body ?? '')).toEqual({ syscode: 'EC9', dataType: 'OfsTodoData', operType: 'AutoUpdate', operResult: '1', message: 'success' });
	});

	it('answers a bad OFS body with 400 and operResult 0 naming the problem', () => {
		const decision = decideTriggerRequest(unsigned({ syscode: 'EC9', flowid: '1', isremark: '0' }, 'ReceiveRequestInfoByJson'), settingsFor(ofsTodoSource), fresh());
		expect(decision.response.status).toBe(400);
		expect(JSON.parse(decision.response.body ?? '')).toMatchObject({ syscode: 'EC9', operResult: '0', message: expect.stringContaining('receiver: Required') });
	});

	it('answers an OFS push whose isremark names no state with 400 and operResult 0 naming the field and the states, and emits nothing', () => {
		const decision = decideTriggerRequest(unsigned({ ...ofsTodoSample('todo'), isremark: '9' }), settingsFor(ofsTodoSource), fresh());
		expect(decision).toMatchObject({ outcome: 'rejected', reason: 'schema', response: { status: 400 } });
		expect(JSON.parse(decision.response.body ?? '')).toEqual({
			syscode: 'EC9',
			dataType: 'OfsTodoData',
			operType: 'AutoNew',
			operResult: '0',
			message: 'The event does not match the expected shape: isremark: "9" is not an OFS state; expected 0 (To-do), 2 (Done), 4 (Finished) or 8 (CC / to read)',
		});
	});

	it('keeps the keys of a Hesi message in the order received and adds event after them', () => {
		const body = { title: '差旅报销', flowId: 'ID01', u_项目: { id: 'p1' }, userInfo: { id: 'u1', name: '张三' }, action: 'flow.paid', nodeId: 'N1', actionName: '已支付' };
		const [item] = accepted(decideTriggerRequest(unsigned(body), settingsFor(hesiApprovalSource), fresh())).items;
		expect(Object.keys(item)).toEqual([...Object.keys(body), 'event']);
	});

	it('moves a payload field named event to the end, replaced by the stamp', () => {
		const body = { event: 'theirs', action: 'flow.paid', flowId: 'ID01' };
		const [item] = accepted(decideTriggerRequest(unsigned(body), settingsFor(hesiApprovalSource), fresh())).items;
		expect(Object.keys(item)).toEqual(['action', 'flowId', 'event']);
		expect(item.event).toMatchObject({ source: 'hesi', type: 'flow.paid' });
	});

	it('keeps the order of a signKey body field left out of the item', () => {
		const settings = settingsFor(hesiApprovalSource, { secretFields: ['signKey'] });
		const [item] = accepted(decideTriggerRequest(unsigned({ title: 't', signKey: 'k', action: 'flow.paid' }), settings, fresh())).items;
		expect(Object.keys(item)).toEqual(['title', 'action', 'event']);
	});

	it('answers a split message to nobody (data.to empty) as success, with no item and no remembered delivery', () => {
		const deliveries = new DeliveryMemory();
		const push = { op: 'flow_message', data: { to: [], entry_name: '请假审批', flow_action: 'flow_forward' }, send_time: '2024-06-01T01:30:00.000Z' };
		const decision = decideTriggerRequest(jiandaoyunRequest(push), jdySettings, { nowMs: now, deliveries });
		expect(decision).toMatchObject({ outcome: 'ignored', reason: 'noRecipients', eventType: 'flow_message', response: { status: 200, body: 'success' } });
		expect(deliveries.size).toBe(0);
	});

	it('emits a message to nobody as one item when recipients are not split (one item per push)', () => {
		const push = { op: 'data_create_message', data: { to: [], entry_name: '请假审批' } };
		const decision = accepted(decideTriggerRequest(jiandaoyunRequest(push), { ...jdySettings, splitRecipients: false }, fresh()));
		expect(decision.items).toHaveLength(1);
		expect(decision.items[0]).toMatchObject({ data: { to: [] } });
	});

	it('emits the sample of the first selected event, marked as a sample', () => {
		const items = sampleItems(settingsFor(hesiApprovalSource, { selection: { events: ['flow.paid'], filters: [] } }), now);
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({ action: 'flow.paid', actionName: '已支付/审批完成', event: { type: 'flow.paid', sample: true, verified: false } });
	});
});
