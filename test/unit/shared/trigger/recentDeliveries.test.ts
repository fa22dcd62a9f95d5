import { RecentDeliveries } from '../../../../nodes/shared/trigger/recentDeliveries';

describe('recent deliveries of this process', () => {
	it('returns the memory last written for a node', () => {
		const recent = new RecentDeliveries();
		recent.set('wf1/Trigger', { a: 1 });
		recent.set('wf1/Trigger', { a: 1, b: 2 });
		expect(recent.get('wf1/Trigger')).toEqual({ a: 1, b: 2 });
		expect(recent.get('wf2/Trigger')).toBeUndefined();
	});

	it('forgets the least recently written node beyond its bound', () => {
		const recent = new RecentDeliveries(2);
		recent.set('one', {});
		recent.set('two', {});
		recent.set('one', { x: 1 });
		recent.set('three', {});
		expect(recent.get('two')).toBeUndefined();
		expect(recent.get('one')).toEqual({ x: 1 });
		expect(recent.get('three')).toEqual({});
	});
});
