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
		expect(problem({ syscode: 'HESI', flowid: '1' }, 'deleteUserRequestInfoByJson')).toBe('userid: Required');
		expect(problem({ syscode: 'HESI' }, 'deleteRequestInfoByJson')).toBe('flowid: Required');
	});

	it('refuses a boolean where a string is expected', () => {
		expect(problem({ ...ofsTodoSample('todo'), receiver: true }, 'default')).toBe('receiver: Expected string or number, received boolean');
	});

	it('leaves an unknown isremark without a type', () => {
		expect(typeOf({ ...ofsTodoSample('todo'), isremark: '5' }, 'default')).toBeUndefined();
	});
});
