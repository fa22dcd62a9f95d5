import { jiandaoyunSample } from '../../../../nodes/shared/events';
import { splitRecipients } from '../../../../nodes/shared/trigger/recipientSplit';

describe('recipient split', () => {
	it('gives the old flow-message format the items the new format gives (seed 001 §4.5.3)', () => {
		const old = jiandaoyunSample('flow_message');
		const data = old.data as Record<string, unknown>;
		const newFormat = (data.to as unknown[]).map((recipient) => ({ ...old, data: { ...data, to: [recipient] } }));
		expect(splitRecipients(old)).toEqual(newFormat);
		for (const push of newFormat) expect(splitRecipients(push)).toEqual([push]);
	});

	it('keeps a push without a recipient list (data push) as one item', () => {
		const push = jiandaoyunSample('data_create');
		expect(splitRecipients(push)).toEqual([push]);
	});

	it('gives no item for a message to nobody (empty data.to): one item per recipient of none', () => {
		expect(splitRecipients({ op: 'flow_message', data: { to: [] } })).toEqual([]);
	});

	it('does not modify the payload', () => {
		const push = jiandaoyunSample('form_schedule_message');
		const copy = JSON.parse(JSON.stringify(push));
		splitRecipients(push);
		expect(push).toEqual(copy);
	});
});
