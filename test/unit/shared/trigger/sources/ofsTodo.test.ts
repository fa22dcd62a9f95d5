import { ofsPaths, ofsTodoEvents, ofsTodoSample } from '../../../../../nodes/shared/events';
import { ofsTodoSource } from '../../../../../nodes/shared/trigger/sources';

function typeOf(body: Record<string, unknown>, endpoint: string): string | undefined {
	const result = ofsTodoSource.validate(body, endpoint);
	if (!result.ok) throw new Error(result.problem);
	return ofsTodoSource.eventType(result.payload, endpoint);
}

function problem(body: unknown, endpoint: string): string | undefined {
	const result = ofsTodoSource.validate(body, endpoint);
	return result.ok ? undefined : result.problem;
}

describe('OFS unified to-do', () => {
	it.each(ofsTodoEvents.map((event) => [event.code, event.ofsPath] as const))('reads %s on its endpoint %s', (code, path) => {
		expect(typeOf(ofsTodoSample(code), path)).toBe(code);
	});

	it.each(ofsTodoEvents.map((event) => event.code))('reads %s on the single URL', (code) => {
		expect(typeOf(ofsTodoSample(code), 'default')).toBe(code);
	});

	it('serves five OFS endpoints', () => {
		expect(ofsPaths).toEqual([
			'ReceiveRequestInfoByJson',
			'ProcessDoneRequestByJson',
			'ProcessOverRequestByJson',
			'deleteUserRequestInfoByJson',
			'deleteRequestInfoByJson',
		]);
	});

	it('accepts numbers where OA builds send them', () => {
		expect(typeOf({ ...ofsTodoSample('todo'), flowid: 202406010001, isremark: 0, receivets: 1717205405000 }, 'default')).toBe('todo');
	});

	it('refuses a to-do without receiver or isremark', () => {
		const { receiver: _receiver, ...noReceiver } = ofsTodoSample('todo');
		expect(problem(noReceiver, 'ReceiveRequestInfoByJson')).toBe('receiver: Required');
		const { isremark: _isremark, ...noState } = ofsTodoSample('todo');
		expect(problem(noState, 'ReceiveRequestInfoByJson')).toBe('isremark: Required');
	});

	it('refuses a user delete without userid and a flow delete without flowid', () => {
		expect(problem({ syscode: 'EC9', flowid: '1' }, 'deleteUserRequestInfoByJson')).toBe('userid: Required');
		expect(problem({ syscode: 'EC9' }, 'deleteRequestInfoByJson')).toBe('flowid: Required');
	});

	it('refuses a boolean where a string is expected', () => {
		expect(problem({ ...ofsTodoSample('todo'), receiver: true }, 'default')).toBe('receiver: Expected string or number, received boolean');
	});

	it.each(['ReceiveRequestInfoByJson', 'default'])('refuses an isremark that names no state on %s, naming the field and the states', (endpoint) => {
		const expected = 'isremark: "9" is not an OFS state; expected 0 (To-do), 2 (Done), 4 (Finished) or 8 (CC / to read)';
		expect(problem({ ...ofsTodoSample('todo'), isremark: '9' }, endpoint)).toBe(expected);
		expect(problem({ ...ofsTodoSample('todo'), isremark: 'pending' }, endpoint)).toContain('isremark: "pending" is not an OFS state');
		expect(problem({ ...ofsTodoSample('todo'), isremark: 10 }, endpoint)).toContain('isremark: 10 is not an OFS state');
	});

	it('reads every isremark of DESIGN §4, as text, number or padded', () => {
		expect(typeOf({ ...ofsTodoSample('todo'), isremark: ' 8 ' }, 'default')).toBe('cc');
		expect(typeOf({ ...ofsTodoSample('todo'), isremark: 4 }, 'ReceiveRequestInfoByJson')).toBe('finished');
		expect(typeOf({ ...ofsTodoSample('todo'), isremark: '2' }, 'default')).toBe('done');
	});

	it('does not read isremark on the done and finished endpoints, whose state the URL names', () => {
		expect(typeOf({ ...ofsTodoSample('done'), isremark: '9' }, 'ProcessDoneRequestByJson')).toBe('done');
	});

	it('keeps the body as received: keys in the order sent', () => {
		const body = { receiver: 'lisi', isremark: '0', flowid: '1', syscode: 'EC9', custom: 'x' };
		const result = ofsTodoSource.validate(body, 'default');
		expect(result.ok && Object.keys(result.payload)).toEqual(['receiver', 'isremark', 'flowid', 'syscode', 'custom']);
	});
});
