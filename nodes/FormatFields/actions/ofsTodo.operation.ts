import { type IExecuteFunctions, type INodeProperties, updateDisplayOptions } from 'n8n-workflow';

import { ofsTodoEvents } from '../../shared/events/ofsTodo';
import { type FormatContext, buildOfsTodoBody } from '../../shared/fields';
import { oneOf } from '../../shared/n8nChoices';
import { type ItemOutcome, type MemberSettings, parameter, withSettingLabels } from './envelopeMembers';
import { eventOptions } from './eventOptions';

/** Envelope OFS Unified To-Do (e-cology): every member as text, no typed fields. */

const everyState = ['todo', 'done', 'finished', 'cc', 'deleteUser', 'deleteFlow'];
const fullBody = ['todo', 'done', 'finished', 'cc'];

/** The OFS text members: [name, label, description, placeholder, the states whose body has it]. */
const textMembers: Array<[name: string, displayName: string, description: string, placeholder: string, states: string[]]> = [
	['syscode', 'System Code', 'The code this system is registered under in e-cology (syscode, 异构系统标识)', 'OA_PUSH', everyState],
	['flowid', 'Flow ID', 'The flow instance ID in this system (flowid)', '10086', everyState],
	['requestname', 'Title', 'The to-do title (requestname, 标题)', '差旅报销-张三', fullBody],
	['workflowname', 'Workflow Name', 'The workflow type (workflowname, 流程类型名称)', '差旅报销', fullBody],
	['nodename', 'Step Name', 'The current step (nodename, 节点名称)', '部门审批', fullBody],
	['pcurl', 'PC Link', 'The link opened on a PC (pcurl), absolute or relative to e-cology', 'https://oa.example.com/todo/10086', fullBody],
	['appurl', 'App Link', 'The link opened in the mobile app (appurl); may be empty', '/mobile/todo/10086', fullBody],
	['creator', 'Creator', "The creator's login ID (creator)", 'zhangsan', fullBody],
	['createdatetime', 'Created At', 'When the flow was created (createdatetime): any date, written as yyyy-MM-dd HH:mm:ss', 'e.g. {{ $json.createdAt }}', fullBody],
	['receiver', 'Receiver', "The receiver's login ID (receiver)", 'lisi', fullBody],
	['receivedatetime', 'Received At', 'When the receiver got the to-do (receivedatetime). Leave empty for now.', 'e.g. {{ $now }}', fullBody],
	['receivets', 'Receive Timestamp', 'Version of this push (receivets, ms): an older one never overwrites a newer. Leave empty for now.', '1705280400000', fullBody],
];

export const description: INodeProperties[] = updateDisplayOptions({ show: { mode: ['envelope'], envelope: ['ofsTodo'] } }, [
	{
		displayName: 'To-Do State',
		name: 'ofsEvent',
		type: 'options',
		options: eventOptions(ofsTodoEvents),
		default: 'todo',
		description: 'Which OFS body to build: to-do, done, finished and CC set isremark 0/2/4/8; the deletes need only the system code and flow ID',
	},
	...textMembers.map(
		([name, displayName, description, placeholder, states]): INodeProperties => ({
			displayName,
			name,
			type: 'string',
			default: '',
			placeholder,
			description,
			displayOptions: { show: { ofsEvent: states } },
		}),
	),
	{
		displayName: 'View Type',
		name: 'viewtype',
		...oneOf(['Unread (0)', '0'], ['Read (1)', '1']),
		default: '0',
		description: 'Whether the receiver has seen the to-do (viewtype)',
		displayOptions: { show: { ofsEvent: fullBody } },
	},
	{
		displayName: 'User ID',
		name: 'userid',
		type: 'string',
		default: '',
		description: 'The user whose to-do is removed (userid)',
		displayOptions: { show: { ofsEvent: ['deleteUser'] } },
	},
]);

/** The OFS members: each is filled by the parameter of its own name, the state by To-Do State. */
const members = ['syscode', 'flowid', 'requestname', 'workflowname', 'nodename', 'pcurl', 'appurl', 'viewtype', 'creator', 'createdatetime', 'receiver', 'receivedatetime', 'receivets', 'userid'];

export const memberSettings: MemberSettings = Object.fromEntries([
	['event', ['ofsEvent']],
	['isremark', ['ofsEvent']],
	...members.map((name) => [name, [name]]),
]) as MemberSettings;

export function execute(this: IExecuteFunctions, itemIndex: number, formatContext: FormatContext): ItemOutcome {
	const now = Date.now();
	const input: { event: unknown } & Record<string, unknown> = { event: parameter(this, 'ofsEvent', itemIndex) };
	for (const name of members) input[name] = parameter(this, name, itemIndex);
	const result = buildOfsTodoBody(input, { clock: formatContext.clock, now });
	return result.ok ? { ok: true, body: result.body, notes: [] } : withSettingLabels(result, memberSettings, description);
}
