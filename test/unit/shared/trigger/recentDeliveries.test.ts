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

	it('offers the memory for saving when it has new keys and the last save is old enough', () => {
		const recent = new RecentDeliveries(10, 1000);
		expect(recent.takeDueSave('node', 5000)).toBeUndefined();
		recent.set('node', { a: 1 });
		expect(recent.takeDueSave('node', 5000)).toEqual({ a: 1 });
		expect(recent.takeDueSave('node', 5001)).toBeUndefined();
		recent.set('node', { a: 1, b: 2 });
		expect(recent.takeDueSave('node', 5500)).toBeUndefined();
		expect(recent.takeDueSave('node', 6000)).toEqual({ a: 1, b: 2 });
	});
});
