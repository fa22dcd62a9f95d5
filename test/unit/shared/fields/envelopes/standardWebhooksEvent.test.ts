import { buildStandardWebhooksEvent } from '../../../../../nodes/shared/fields/envelopes/standardWebhooksEvent';
import { shanghai } from '../clock';

const options = { ...shanghai, now: Date.UTC(2022, 10, 3, 20, 26, 10, 344) };

describe('Standard Webhooks event payload', () => {
	it('writes {type, timestamp, data} like the specification\'s example', () => {
		// standardwebhooks.com spec, "Payload structure": {"type": "contact.created", "timestamp": "2022-11-03T20:26:10.344522Z", "data": {...}}
		const result = buildStandardWebhooksEvent({ type: 'contact.created', data: { id: '1f81eb52-5198-4599-803e-771906343485', type: 'contact' } }, options);
		expect(result.ok && JSON.stringify(result.body)).toBe(
			'{"type":"contact.created","timestamp":"2022-11-03T20:26:10.344Z","data":{"id":"1f81eb52-5198-4599-803e-771906343485","type":"contact"}}',
		);
	});

	it('converts a given timestamp from any date input', () => {
		const result = buildStandardWebhooksEvent({ type: 'flow.rejected', timestamp: 1484498318, data: {} }, options);
		expect(result.ok && result.body.timestamp).toBe('2017-01-15T16:38:38.000Z');
	});

	it('refuses a type with spaces, a bad timestamp and data that is not an object', () => {
		const result = buildStandardWebhooksEvent({ type: 'flow rejected', timestamp: 'later', data: [1] }, options);
		expect(!result.ok && result.errors.map((error) => error.message)).toEqual([
			"Field 'type' (事件类型): expected a full-stop delimited event type without spaces, like invoice.paid, received 'flow rejected'",
			"Field 'timestamp' (事件时间): expected the event time: ISO 8601 text, a Date or DateTime, or a timestamp, received 'later'",
			'Field \'data\' (事件数据): expected the event data as an object, like {"id": "…"}, received the list [1]',
		]);
	});
});
