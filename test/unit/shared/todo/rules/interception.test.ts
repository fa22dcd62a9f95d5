/** Interception (seed 002 拦截设置): business status, people, workflows, workflow types, in that order. */
import { businessStatusOf, intercept, noInterception, type InterceptionSettings } from '../../../../../nodes/shared/todo/rules/interception';
import type { TodoEvent } from '../../../../../nodes/shared/todo/types';
import { todoEvent as ev } from './todoEvents';

const settings = (change: Partial<InterceptionSettings>): InterceptionSettings => ({ ...noInterception, ...change });
const verdict = (event: TodoEvent, change: Partial<InterceptionSettings>) => intercept(event, settings(change));

describe('intercept', () => {
	it('intercepts nothing with the defaults (无需拦截, all people, all workflows)', () => {
		expect(intercept(ev('todo', { businessStatus: '转发', workflowId: '7', workflowType: 'HR' }), noInterception)).toEqual({ intercepted: false });
	});

	describe('business status (业务拦截)', () => {
		const custom = { businessStatus: { mode: 'custom', intercepted: { todo: ['抄送', ' 转发 '], delete: ['delete_user'] } } } as const;

		it.each([
			['a listed status of the todo data set', ev('todo', { businessStatus: '转发' }), 'the business status 转发 of the todo data set is intercepted'],
			['a cc, which belongs to the todo data set (seed line 175)', ev('cc', { businessStatus: '抄送' }), 'the business status 抄送 of the todo data set is intercepted'],
			['an operation named in the list when the OA gave no status', ev('delete_user'), 'the business status delete_user of the delete data set is intercepted'],
		])('intercepts %s', (_name, event, message) => {
			expect(verdict(event, custom)).toEqual({ intercepted: true, reason: 'intercepted_status', rule: 'businessStatus', message });
		});

		it('lets a status listed under another data set through', () => {
			expect(verdict(ev('done', { businessStatus: '抄送' }), custom)).toEqual({ intercepted: false });
		});

		it('judges an event without a business status by its operation', () => {
			expect(businessStatusOf(ev('finished'))).toBe('finished');
			expect(businessStatusOf(ev('todo', { businessStatus: '  ' }))).toBe('todo');
		});
	});

	describe('people (人员拦截)', () => {
		const lisi = ev('todo', { department: 'D7', roles: ['manager', 'auditor'], groups: ['g1'] });

		it.each([
			['by user id', { userIds: ['lisi'] }, 'the receiver lisi is on the people blacklist'],
			['by department', { departments: ['D7'] }, 'the receiver lisi (department D7) is on the people blacklist'],
			['by role', { roles: ['auditor'] }, 'the receiver lisi (role auditor) is on the people blacklist'],
			['by group', { groups: ['g1'] }, 'the receiver lisi (group g1) is on the people blacklist'],
		])('intercepts a blacklisted receiver %s', (_name, list, message) => {
			expect(verdict(lisi, { people: { scope: 'blacklist', ...list } })).toEqual({ intercepted: true, reason: 'intercepted_person', rule: 'people', message });
		});

		it('lets a receiver not on the blacklist through', () => {
			expect(verdict(lisi, { people: { scope: 'blacklist', userIds: ['wangwu'], departments: ['D8'] } })).toEqual({ intercepted: false });
		});

		it('pushes only whitelisted receivers', () => {
			expect(verdict(lisi, { people: { scope: 'whitelist', roles: ['manager'] } })).toEqual({ intercepted: false });
			expect(verdict(lisi, { people: { scope: 'whitelist', userIds: ['wangwu'] } })).toEqual({
				intercepted: true,
				reason: 'intercepted_person',
				rule: 'people',
				message: 'the receiver lisi is not on the people whitelist',
			});
		});

		it('does not judge a delete of the whole flow by its (absent) receiver', () => {
			expect(verdict(ev('delete_flow', { receiver: '' }), { people: { scope: 'whitelist', userIds: ['wangwu'] } })).toEqual({ intercepted: false });
		});
	});

	describe('workflows and workflow types (流程拦截, 流程类型分组拦截)', () => {
		it('intercepts a blacklisted workflow and lets others through', () => {
			expect(verdict(ev('todo', { workflowId: '7' }), { workflows: { scope: 'blacklist', workflowIds: ['7'] } })).toMatchObject({
				reason: 'intercepted_workflow',
				message: 'the workflow 7 is on the workflow blacklist',
			});
			expect(verdict(ev('todo', { workflowId: '8' }), { workflows: { scope: 'blacklist', workflowIds: ['7'] } })).toEqual({ intercepted: false });
		});

		it('pushes only whitelisted workflows: one without a workflow id is intercepted', () => {
			expect(verdict(ev('todo', { workflowId: '7' }), { workflows: { scope: 'whitelist', workflowIds: ['7'] } })).toEqual({ intercepted: false });
			expect(verdict(ev('todo'), { workflows: { scope: 'whitelist', workflowIds: ['7'] } })).toMatchObject({
				reason: 'intercepted_workflow',
				message: 'the event names no workflow, so it is not on the workflow whitelist',
			});
		});

		it('intercepts a whole workflow type', () => {
			expect(verdict(ev('done', { workflowType: 'HR' }), { workflowTypes: { scope: 'blacklist', workflowTypes: ['HR'] } })).toEqual({
				intercepted: true,
				reason: 'intercepted_workflow_type',
				rule: 'workflowType',
				message: 'the workflow type HR is on the workflow type blacklist',
			});
		});
	});

	it('names the first rule that matches, in the seed\'s order', () => {
		const everything: Partial<InterceptionSettings> = {
			businessStatus: { mode: 'custom', intercepted: { todo: ['转发'] } },
			people: { scope: 'blacklist', userIds: ['lisi'] },
			workflows: { scope: 'blacklist', workflowIds: ['7'] },
			workflowTypes: { scope: 'blacklist', workflowTypes: ['HR'] },
		};
		const event = ev('todo', { businessStatus: '转发', workflowId: '7', workflowType: 'HR' });
		const rules = [event, { ...event, businessStatus: undefined }, { ...event, businessStatus: undefined, receiver: 'wangwu' }, { ...event, businessStatus: undefined, receiver: 'wangwu', workflowId: '8' }].map(
			(each) => {
				const result = verdict(each, everything);
				return result.intercepted ? result.rule : 'none';
			},
		);
		expect(rules).toEqual(['businessStatus', 'people', 'workflow', 'workflowType']);
	});
});
