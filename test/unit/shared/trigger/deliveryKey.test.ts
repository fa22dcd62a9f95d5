import { deliveryKeyOf, fieldsKey, headerDeliveryId } from '../../../../nodes/shared/trigger/deliveryKey';

const payload = { flowId: 'ID01', nodeId: 'N1', action: 'flow.rejected', userInfo: { id: 'u1' } };

describe('delivery key', () => {
	it('joins the configured fields that have a value', () => {
		expect(fieldsKey(payload, ['flowId', 'nodeId', 'userInfo.id', 'missing'])).toBe('flowId=ID01;nodeId=N1;userInfo.id=u1');
	});

	it('has no key when none of the fields has a value', () => {
		expect(fieldsKey(payload, ['missing'])).toBeUndefined();
	});

	it('reads X-JDY-DeliverId, then webhook-id', () => {
		expect(headerDeliveryId({ 'x-jdy-deliverid': 'jdy-1', 'webhook-id': 'msg_1' })).toBe('jdy-1');
		expect(headerDeliveryId({ 'webhook-id': 'msg_1' })).toBe('msg_1');
		expect(headerDeliveryId({})).toBeUndefined();
	});

	it('prefers configured fields over header ids, header ids over the source default', () => {
		const headers = { 'webhook-id': 'msg_1' };
		const sourceDefault = () => 'default-key';
		expect(deliveryKeyOf({ payload, headers, fields: ['flowId'], sourceDefault })).toBe('flowId=ID01');
		expect(deliveryKeyOf({ payload, headers, fields: [], sourceDefault })).toBe('msg_1');
		expect(deliveryKeyOf({ payload, headers, verifiedDeliveryId: 'verified-1', fields: [], sourceDefault })).toBe('verified-1');
		expect(deliveryKeyOf({ payload, headers: {}, fields: [], sourceDefault })).toBe('default-key');
	});
});
