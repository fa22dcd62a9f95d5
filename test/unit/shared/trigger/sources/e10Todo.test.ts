import { e10TodoEvents, e10TodoSample, ofsTodoSample } from '../../../../../nodes/shared/events';
import { detectedTodoSource, e10TodoSource, isE10TodoBody, ofsTodoSource } from '../../../../../nodes/shared/trigger/sources';

function typeOf(body: Record<string, unknown>): string | undefined {
	const result = e10TodoSource.validate(body, 'default');
	if (!result.ok) throw new Error(result.problem);
	return e10TodoSource.eventType(result.payload, 'default');
}

function problem(body: unknown): string | undefined {
	const result = e10TodoSource.validate(body, 'default');
	return result.ok ? undefined : result.problem;
}

describe('E10 unified to-do', () => {
	it.each(e10TodoEvents.map((event) => event.code))('reads %s from isRemark', (code) => {
		expect(typeOf(e10TodoSample(code))).toBe(code);
	});

	it('maps DESIGN §4\'s isRemark values, 10 to claim and -1 deleted included', () => {
		expect(e10TodoEvents.map((event) => [event.code, event.isRemark])).toEqual([
			['todo', '0'],
			['done', '2'],
			['finished', '4'],
			['cc', '8'],
			['toClaim', '10'],
			['deleteUser', '-1'],
			['deleteFlow', undefined],
		]);
	});

	it('refuses a to-do without sysCode, flowId or receiver, naming the field', () => {
		const { sysCode: _s, ...noSysCode } = e10TodoSample('todo');
		expect(problem(noSysCode)).toBe('sysCode: Required');
		expect(problem({ ...e10TodoSample('todo'), flowId: '' })).toContain('flowId');
		const { receiver: _r, ...noReceiver } = e10TodoSample('todo');
		expect(problem(noReceiver)).toBe('receiver: Required');
		expect(problem({ sysCode: 'E10' })).toBe('flowId: Required');
	});

	it('answers {code, msg, status} with the HTTP status as code on a failure', () => {
		expect(e10TodoSource.answerBody?.({ success: true, status: 200, message: 'success', endpoint: 'default' })).toEqual({ code: 200, msg: 'success', status: true });
		expect(e10TodoSource.answerBody?.({ success: false, status: 401, message: 'bad signature', endpoint: 'default' })).toEqual({ code: 401, msg: 'bad signature', status: false });
	});

	it('keys a re-sent push on state, system, flow, receiver and receivets; without receivets not at all', () => {
		const payload = e10TodoSample('todo');
		expect(e10TodoSource.defaultDuplicateKey(payload, 'todo')).toBe('todo|E10|202406010001|lisi|1717205405000');
		const { receivets: _ts, ...noTs } = payload;
		expect(e10TodoSource.defaultDuplicateKey(noTs, 'todo')).toBeUndefined();
	});

	it('tells an E10 body from an OFS one by the case of its keys', () => {
		expect(isE10TodoBody(e10TodoSample('todo'))).toBe(true);
		expect(isE10TodoBody(e10TodoSample('deleteFlow'))).toBe(true);
		expect(isE10TodoBody(ofsTodoSample('todo'))).toBe(false);
		expect(isE10TodoBody({ ...ofsTodoSample('todo'), flowId: '1' })).toBe(false);
		expect(isE10TodoBody('text')).toBe(false);
		expect(detectedTodoSource.resolve?.(e10TodoSample('todo'))).toBe(e10TodoSource);
		expect(detectedTodoSource.resolve?.(ofsTodoSample('todo'))).toBe(ofsTodoSource);
	});
});
