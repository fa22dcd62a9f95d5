import { isEventSelected } from '../../../../nodes/shared/trigger/eventSelection';

const flowMessage = { op: 'flow_message', data: { flow_action: 'flow_cc' } };

describe('event selection', () => {
	it('passes every event, also one without a type, when nothing is selected', () => {
		expect(isEventSelected({ events: [], filters: [] }, undefined, {})).toBe(true);
	});

	it('passes only selected events when some are selected', () => {
		const selection = { events: ['flow_message'], filters: [] };
		expect(isEventSelected(selection, 'flow_message', flowMessage)).toBe(true);
		expect(isEventSelected(selection, 'data_create', {})).toBe(false);
		expect(isEventSelected(selection, undefined, {})).toBe(false);
	});

	it('applies a flow-action filter to flow messages only', () => {
		const selection = { events: [], filters: [{ path: 'data.flow_action', values: ['flow_forward'], onlyForType: 'flow_message' }] };
		expect(isEventSelected(selection, 'flow_message', flowMessage)).toBe(false);
		expect(isEventSelected(selection, 'flow_message', { data: { flow_action: 'flow_forward' } })).toBe(true);
		expect(isEventSelected(selection, 'data_create', { data: {} })).toBe(true);
	});

	it('matches a name filter after trimming and refuses a payload without the field', () => {
		const selection = { events: [], filters: [{ path: 'entityName', values: ['供应商档案'] }] };
		expect(isEventSelected(selection, 'datalink.create', { entityName: ' 供应商档案 ' })).toBe(true);
		expect(isEventSelected(selection, 'datalink.create', { entityName: '客户' })).toBe(false);
		expect(isEventSelected(selection, 'datalink.create', {})).toBe(false);
	});

	it('ignores a filter with no values', () => {
		expect(isEventSelected({ events: [], filters: [{ path: 'entityName', values: [] }] }, undefined, {})).toBe(true);
	});
});
