import { eventChoices, sampleMessage, testResult } from '../../../../nodes/shared/delivery/testMessage';
import { statusRangesFromCodes } from '../../../../nodes/shared/delivery/statusRanges';
import type { DeliveryRecord } from '../../../../nodes/shared/delivery/types';

const now = Date.parse('2026-03-01T08:00:00Z');

describe('test message', () => {
	it('offers every event once, named with its family and Chinese name', () => {
		const choices = eventChoices();
		expect(new Set(choices.map((choice) => choice.value)).size).toBe(choices.length);
		expect(choices).toContainEqual({ name: 'Hesi approval: Pending approval (待审批)', value: 'backlog.approving', description: 'backlog.approving' });
	});

	it('shapes a Hesi approval sample as a notification with action, actionName and userInfo (seed 000)', () => {
		expect(sampleMessage('flow.rejected', now)).toMatchObject({ action: 'flow.rejected', actionName: '被驳回', userInfo: { name: '张三' } });
	});

	it('shapes a Jiandaoyun sample as {op, data, send_time} (seed 001)', () => {
		expect(sampleMessage('data_create', now)).toEqual({
			op: 'data_create',
			data: { _id: 'sample_data01', appId: 'sample_app', entryId: 'sample_form' },
			send_time: '2026-03-01T08:00:00.000Z',
		});
	});

	it('shapes an OFS to-do sample with its isremark state', () => {
		expect(sampleMessage('done', now)).toMatchObject({ isremark: '2', createdatetime: '2026-03-01 08:00:00', receivets: String(now) });
	});

	it('sends a generic body for an event no catalog knows', () => {
		expect(sampleMessage('custom.thing', now)).toMatchObject({ event: 'custom.thing' });
	});

	it('reports a passed test with the answer and the rule', () => {
		const record = {
			status: 'succeeded',
			message: null,
			attempts: [{ response: { status: 204, body: '', headers: {}, truncated: false } }],
		} as unknown as DeliveryRecord;
		expect(testResult(record, { acceptedStatuses: statusRangesFromCodes([204]) })).toEqual({
			passed: true,
			successRule: 'HTTP 204',
			answer: 'HTTP 204 (empty body)',
		});
	});
});
