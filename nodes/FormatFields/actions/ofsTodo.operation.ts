import { type IExecuteFunctions, type INodeProperties, updateDisplayOptions } from 'n8n-workflow';

import { ofsTodoEvents } from '../../shared/events/ofsTodo';
import { type FormatContext, buildOfsTodoBody } from '../../shared/fields';
import { oneOf } from '../../shared/n8nChoices';
import { type ItemOutcome, type MemberSettings, parameter, withSettingLabels } from './envelopeMembers';
import { eventOptions } from './eventOptions';
import textMembers from './ofsTodoMembers.json';

/** Envelope OFS Unified To-Do (e-cology): every member as text, no typed fields. */

const everyState = ['todo', 'done', 'finished', 'cc', 'deleteUser', 'deleteFlow'];
const fullBody = ['todo', 'done', 'finished', 'cc'];

/** The states whose body has a member: all of them, or the to-do states (deletes carry only the system code and flow ID). */
const shownFor: Record<string, string[]> = { 'every state': everyState, 'full body': fullBody };

export const description: INodeProperties[] = updateDisplayOptions({ show: { mode: ['envelope'], envelope: ['ofsTodo'] } }, [
	{
		displayName: 'To-Do State',
		name: 'ofsEvent',
		type: 'options',
		options: eventOptions(ofsTodoEvents),
		default: 'todo',
		description: 'Which OFS body to build: to-do, done, finished and CC set isremark 0/2/4/8; the deletes need only the system code and flow ID',
	},
	// The OFS text members, one parameter each, with the label, description and placeholder in ofsTodoMembers.json.
	...textMembers.map(
		(member): INodeProperties => ({
			displayName: member.displayName,
			name: member.name,
			type: 'string',
			default: '',
			placeholder: member.placeholder,
			description: member.description,
			displayOptions: { show: { ofsEvent: shownFor[member.shownFor] } },
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
