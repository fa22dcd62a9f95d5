import { ofsTodoEvents } from '../../../../../nodes/shared/events/ofsTodo';
import { buildOfsTodoBody, ofsPathFor } from '../../../../../nodes/shared/fields/envelopes/ofsTodo';
import { shanghai, utc } from '../clock';

const now = Date.UTC(2024, 0, 15, 2, 30, 0, 123); // 2024-01-15 10:30:00.123 in Asia/Shanghai
const options = { ...shanghai, now };

const todo = {
	event: 'todo',
	syscode: 'OA_PUSH',
	flowid: 10086,
	requestname: '差旅报销-张三',
	workflowname: '差旅报销',
	nodename: '部门审批',
	pcurl: 'https://oa.example.com/todo/10086',
	appurl: '/mobile/todo/10086',
	creator: 'zhangsan',
	createdatetime: '2024-01-14T01:00:00Z',
	receiver: 'lisi',
	receivedatetime: '2024-01-15 09:00:00',
	receivets: 1705280400000,
};

function body(input: Parameters<typeof buildOfsTodoBody>[0], opts = options) {
	const result = buildOfsTodoBody(input, opts);
	if (!result.ok) throw new Error(JSON.stringify(result.errors));
	return result.body;
}

describe('OFS unified to-do body (DESIGN §4)', () => {
	it('writes every member of DESIGN §4 as text, in its order, dates as yyyy-MM-dd HH:mm:ss in the chosen zone', () => {
		expect(JSON.stringify(body(todo))).toBe(
			'{"syscode":"OA_PUSH","flowid":"10086","requestname":"差旅报销-张三","workflowname":"差旅报销","nodename":"部门审批","pcurl":"https://oa.example.com/todo/10086","appurl":"/mobile/todo/10086","isremark":"0","viewtype":"0","creator":"zhangsan","createdatetime":"2024-01-14 09:00:00","receiver":"lisi","receivedatetime":"2024-01-15 09:00:00","receivets":"1705280400000"}',
		);
	});

	it('writes the dates in the zone of the e-cology server', () => {
		expect(body(todo, { ...utc, now }).createdatetime).toBe('2024-01-14 01:00:00');
	});

	it('takes isremark from the state: 0 to-do, 2 done, 4 finished, 8 CC', () => {
		expect(['todo', 'done', 'finished', 'cc'].map((event) => body({ ...todo, event }).isremark)).toEqual(['0', '2', '4', '8']);
	});

	it('stamps receivedatetime and receivets with now when they are not given', () => {
		const result = body({ ...todo, receivedatetime: undefined, receivets: '' });
		expect(result.receivedatetime).toBe('2024-01-15 10:30:00');
		expect(result.receivets).toBe('1705285800123');
	});

	it("writes receivets as a date's milliseconds", () => {
		expect(body({ ...todo, receivets: '2024-01-15T01:00:00.000Z' }).receivets).toBe('1705280400000');
	});

	it("writes appurl '' when not given and keeps viewtype 1", () => {
		const result = body({ ...todo, appurl: undefined, viewtype: 1 });
		expect([result.appurl, result.viewtype]).toEqual(['', '1']);
	});

	it('writes the short bodies of the two deletes', () => {
		expect(body({ event: 'deleteUser', syscode: 'OA_PUSH', flowid: '10086', userid: 'lisi' })).toEqual({ syscode: 'OA_PUSH', flowid: '10086', userid: 'lisi' });
		expect(body({ event: 'deleteFlow', syscode: 'OA_PUSH', flowid: '10086' })).toEqual({ syscode: 'OA_PUSH', flowid: '10086' });
	});

	it('names the endpoint of each state from the catalog', () => {
		expect(ofsTodoEvents.map((event) => ofsPathFor(event.code))).toEqual([
			'ReceiveRequestInfoByJson',
			'ProcessDoneRequestByJson',
			'ProcessOverRequestByJson',
			'ReceiveRequestInfoByJson',
			'deleteUserRequestInfoByJson',
			'deleteRequestInfoByJson',
		]);
	});

	it('refuses an unknown state, listing the states', () => {
		const result = buildOfsTodoBody({ ...todo, event: 'approved' }, options);
		expect(!result.ok && result.errors.map((error) => error.message)).toEqual([
			"Field 'event' (待办状态): expected an OFS to-do state: todo, done, finished, cc, deleteUser, deleteFlow, received 'approved'",
		]);
	});

	it('names each bad member with its e-cology name', () => {
		const result = buildOfsTodoBody({ ...todo, requestname: '', createdatetime: 'soon', viewtype: 'read', pcurl: undefined }, options);
		expect(!result.ok && result.errors.map((error) => error.message)).toEqual([
			"Field 'requestname' (标题): expected the to-do title (标题), received '' (empty text)",
			"Field 'pcurl' (PC地址): expected a link to the to-do, absolute (https://…) or relative to e-cology (/spa/…), received nothing",
			"Field 'viewtype' (流程查看状态): expected 0 (unread) or 1 (read), received 'read'",
			"Field 'createdatetime' (创建日期时间): expected a date: yyyy-MM-dd HH:mm:ss text, ISO 8601 text, a Date or DateTime, or a timestamp, received 'soon'",
		]);
	});
});
