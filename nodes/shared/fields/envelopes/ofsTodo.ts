import { type OfsPath, findOfsTodoEvent, ofsTodoEvents } from '../../events/ofsTodo';
import { normaliseDate } from '../dateValue';
import type { ZonedClock } from '../zonedTime';
import { type EnvelopeResult, ProblemList, envelopeErrors, isGiven, readText } from './envelopeResult';

/**
 * The e-cology 8/9 OFS unified to-do body (DESIGN §4, seed 002). Every member is a string;
 * `createdatetime` / `receivedatetime` are `yyyy-MM-dd HH:mm:ss` wall time in the chosen zone
 * (e-cology reads them as its server's local time), `receivets` is epoch milliseconds as text
 * (OFS: an older receivets must not overwrite a newer push of the same to-do).
 * The state (`isremark`) and endpoint come from the OFS catalog in nodes/shared/events/ofsTodo.ts.
 */

export interface OfsTodoInput {
	/** OFS catalog code: todo, done, finished, cc, deleteUser, deleteFlow. */
	readonly event: unknown;
	readonly syscode?: unknown;
	readonly flowid?: unknown;
	readonly requestname?: unknown;
	readonly workflowname?: unknown;
	readonly nodename?: unknown;
	readonly pcurl?: unknown;
	/** Optional; '' when not given. */
	readonly appurl?: unknown;
	/** 0 unread (default), 1 read. */
	readonly viewtype?: unknown;
	readonly creator?: unknown;
	/** Any date input. */
	readonly createdatetime?: unknown;
	readonly receiver?: unknown;
	/** Any date input; default now. */
	readonly receivedatetime?: unknown;
	/** Any date input (its ms are written); default now. */
	readonly receivets?: unknown;
	/** For deleteUser: the user whose to-do is removed. */
	readonly userid?: unknown;
}

export type OfsTodoBody = Record<string, string>;

export interface OfsTodoOptions {
	/** The zone of e-cology's server clock: dates are written as wall time there. */
	readonly clock: ZonedClock;
	readonly now: number;
}

/** The names e-cology's OFS documentation gives the members. */
export const ofsTodoLabels = {
	event: '待办状态',
	syscode: '异构系统标识',
	flowid: '流程实例id',
	requestname: '标题',
	workflowname: '流程类型名称',
	nodename: '步骤名称（节点名称）',
	pcurl: 'PC地址',
	appurl: 'APP地址',
	isremark: '流程处理状态',
	viewtype: '流程查看状态',
	creator: '创建人（原值）',
	createdatetime: '创建日期时间',
	receiver: '接收人（原值）',
	receivedatetime: '接收日期时间',
	receivets: '时间戳',
	userid: '用户',
} as const;

const eventExpectation = `an OFS to-do state: ${ofsTodoEvents.map((event) => event.code).join(', ')}`;
const dateTimeExpectation = 'a date: yyyy-MM-dd HH:mm:ss text, ISO 8601 text, a Date or DateTime, or a timestamp';

/** The endpoint a body of this state goes to (`{base}/rest/ofs/<path>`). */
export function ofsPathFor(event: string): OfsPath | undefined {
	return findOfsTodoEvent(event)?.ofsPath;
}

export function buildOfsTodoBody(input: OfsTodoInput, options: OfsTodoOptions): EnvelopeResult<OfsTodoBody> {
	const problems = new ProblemList();
	const code = typeof input.event === 'string' ? input.event.trim() : '';
	const event = findOfsTodoEvent(code);
	if (event === undefined) {
		problems.add('event', eventExpectation, input.event);
		return { ok: false, errors: envelopeErrors(problems.problems, ofsTodoLabels) };
	}
	const text = (member: keyof OfsTodoInput, expected: string): string => problems.requiredText(member, input[member], expected);
	const syscode = text('syscode', 'the system code registered in e-cology (异构系统标识), like OA_PUSH');
	const flowid = text('flowid', 'the flow instance id (text or number)');
	if (event.code === 'deleteFlow') return finish(problems, { syscode, flowid });
	if (event.code === 'deleteUser') return finish(problems, { syscode, flowid, userid: text('userid', "the user's login id or the id e-cology knows them by") });

	const dateTime = (member: 'createdatetime' | 'receivedatetime'): string => {
		const value = input[member];
		if (!isGiven(value) && member === 'receivedatetime') return options.clock.formatDateTime(options.now);
		const date = normaliseDate(value, { clock: options.clock });
		if (date.ok) return options.clock.formatDateTime(date.value);
		problems.add(member, dateTimeExpectation, value);
		return '';
	};

	const body: OfsTodoBody = {
		syscode,
		flowid,
		requestname: text('requestname', 'the to-do title (标题)'),
		workflowname: text('workflowname', 'the workflow type name (流程类型名称)'),
		nodename: text('nodename', 'the current step name (节点名称)'),
		pcurl: url('pcurl', input.pcurl, problems, true),
		appurl: url('appurl', input.appurl, problems, false),
		isremark: event.isremark ?? '0',
		viewtype: viewType(input.viewtype, problems),
		creator: text('creator', "the creator's login id (创建人)"),
		createdatetime: dateTime('createdatetime'),
		receiver: text('receiver', "the receiver's login id (接收人)"),
		receivedatetime: dateTime('receivedatetime'),
		receivets: receiveTimestamp(input.receivets, options, problems),
	};
	return finish(problems, body);
}

function finish(problems: ProblemList, body: OfsTodoBody): EnvelopeResult<OfsTodoBody> {
	return problems.isEmpty ? { ok: true, body } : { ok: false, errors: envelopeErrors(problems.problems, ofsTodoLabels) };
}

function url(member: string, value: unknown, problems: ProblemList, required: boolean): string {
	if (!isGiven(value)) {
		if (required) problems.add(member, 'a link to the to-do, absolute (https://…) or relative to e-cology (/spa/…)', value);
		return '';
	}
	const text = readText(value);
	if (text === undefined) {
		problems.add(member, 'a link as text', value);
		return '';
	}
	return text.trim();
}

function viewType(value: unknown, problems: ProblemList): string {
	if (!isGiven(value)) return '0';
	const text = readText(value)?.trim();
	if (text === '0' || text === '1') return text;
	problems.add('viewtype', '0 (unread) or 1 (read)', value);
	return '';
}

function receiveTimestamp(value: unknown, options: OfsTodoOptions, problems: ProblemList): string {
	if (!isGiven(value)) return String(options.now);
	const date = normaliseDate(value, { clock: options.clock });
	if (date.ok) return String(date.value);
	problems.add('receivets', 'a timestamp in milliseconds (or any date), like 1700000000000', value);
	return '';
}
