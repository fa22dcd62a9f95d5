import { FieldLayoutError } from '../../../../../nodes/shared/fields/fieldLayoutError';
import { buildHesiBody, hesiBodyMemberSettings } from '../../../../../nodes/shared/fields/envelopes/hesiBody';
import { properties as formatFieldsProperties } from '../../../../../nodes/FormatFields/actions/operation';
import { seed000Examples } from '../seedExamples';

const fields = { flowId: 'ID01', amount: JSON.parse(seed000Examples.money) };
const userInfo = JSON.parse(seed000Examples.userInfo);

describe('Hesi outbound body (seed 000)', () => {
	it("adds action, the catalog's actionName and userInfo to a notification, after the fields", () => {
		const result = buildHesiBody({ kind: 'notification', fields, action: 'flow.rejected', userInfo });
		expect(result.ok && JSON.stringify(result.body)).toBe(
			`{"flowId":"ID01","amount":${seed000Examples.money},"action":${seed000Examples.action},"actionName":${seed000Examples.actionName},"userInfo":${seed000Examples.userInfo}}`,
		);
	});

	it('keeps a given actionName', () => {
		const result = buildHesiBody({ kind: 'notification', fields, action: 'flow.rejected', actionName: '退回', userInfo });
		expect(result.ok && result.body.actionName).toBe('退回');
	});

	it('adds internalMessageNameType to an internal message', () => {
		const result = buildHesiBody({ kind: 'internalMessage', fields: {}, internalMessageNameType: 'freeflow:autoSubmit' });
		expect(result.ok && JSON.stringify(result.body)).toBe(`{"internalMessageNameType":${seed000Examples.internalMessageNameType}}`);
	});

	it('is the fields alone for other events (business object, EBot, loan, message center)', () => {
		expect(buildHesiBody({ kind: 'other', fields, action: 'flow.rejected' })).toEqual({ ok: true, body: fields });
	});

	it('refuses a notification without a known action or a recipient', () => {
		const result = buildHesiBody({ kind: 'notification', fields, action: 'flow.ok', userInfo: { name: '张三' } });
		expect(!result.ok && result.errors.map((error) => [error.field, error.fieldNameZh])).toEqual([
			['action', '通知类出站消息类别'],
			['userInfo.id', '通知类出站消息消息接收人'],
		]);
		expect(!result.ok && result.errors[1].message).toBe(
			"Field 'userInfo.id' (通知类出站消息消息接收人): expected the recipient's Hesi staff id (text), received nothing",
		);
	});

	it('refuses an internal message type outside the catalog', () => {
		const result = buildHesiBody({ kind: 'internalMessage', fields: {}, internalMessageNameType: 'x' });
		expect(!result.ok && result.errors[0].field).toBe('internalMessageNameType');
	});

	it('refuses, as a layout error, a field named like a member the body sets itself', () => {
		expect(() => buildHesiBody({ kind: 'notification', fields: { action: 'x' }, action: 'flow.rejected', userInfo })).toThrow(FieldLayoutError);
	});

	it('points to the settings that fill the member by their labels in the panel, not by internal names', () => {
		const hintFor = (kind: 'notification' | 'internalMessage', member: string) => {
			try {
				buildHesiBody({ kind, fields: { [member]: 'x' }, action: 'flow.rejected', userInfo, internalMessageNameType: 'x' });
			} catch (error) {
				return (error as FieldLayoutError).hint;
			}
			return undefined;
		};
		expect(hintFor('notification', 'userInfo')).toBe(
			'Remove or rename the field \'userInfo\'; set userInfo with the "Recipient ID", "Recipient Name", "Recipient Cellphone" and "Recipient Email" settings of the node',
		);
		expect(hintFor('internalMessage', 'internalMessageNameType')).toBe(
			'Remove or rename the field \'internalMessageNameType\'; set internalMessageNameType with the "Internal Message Type" setting of the node',
		);
		const labels = formatFieldsProperties.map((property) => property.displayName);
		for (const settings of Object.values(hesiBodyMemberSettings)) for (const label of settings) expect(labels).toContain(label);
	});
});
