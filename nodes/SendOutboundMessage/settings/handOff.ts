import type { INodeProperties } from 'n8n-workflow';

import { parseSchedule, svixSchedule } from '../../shared/delivery';
import { oneOf } from '../../shared/n8nChoices';
import type { SettingsReading } from './settingsStep';

/** Long retries leave the node by the Retry output, to wait in a Wait node (handOffSchedule.ts). */
export const handOffProperties: INodeProperties[] = [
	{
		displayName: 'Hand Off Long Retries',
		name: 'handOffLongRetries',
		type: 'boolean',
		default: false,
		description:
			'Whether items whose retries in this run are used up, and that are still worth retrying, leave by the Retry output with delivery.nextAttemptAt, to wait in a Wait node and come back to this node',
	},
	{
		displayName:
			'Connect the Retry output to a Wait node (Resume: At Specified Time, Date and Time: {{ $json.delivery.nextAttemptAt }}) and the Wait node back to this node\'s input. Each time an item comes back, one more attempt is made; after the last wait of the schedule it goes to Failure.',
		name: 'handOffNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { handOffLongRetries: [true] } },
	},
	{
		displayName: 'Schedule',
		name: 'handOffSchedule',
		...oneOf(['Svix (5s, 5m, 30m, 2h, 5h, 10h, 10h)', 'svix', "Svix's schedule: 8 attempts over about 28 hours"], ['Custom', 'custom', 'The waits you list']),
		noDataExpression: true,
		default: 'svix',
		displayOptions: { show: { handOffLongRetries: [true] } },
	},
	{
		displayName: 'Custom Schedule',
		name: 'customHandOffSchedule',
		type: 'string',
		default: '1m, 5m, 30m',
		placeholder: '10s, 1m, 5m',
		description: 'Waits before each later attempt, separated by commas: 30s, 5m, 2h, 1d',
		displayOptions: { show: { handOffLongRetries: [true], handOffSchedule: ['custom'] } },
	},
];

export const handOffParameters = ['handOffLongRetries', 'handOffSchedule', 'customHandOffSchedule'];

export const handOffCheckedParameters = ['customHandOffSchedule'] as const;

/** The waits of the hand-off schedule in ms; undefined when long retries are not handed off. */
export function readHandOffSchedule({ params, index, step }: SettingsReading): readonly number[] | undefined {
	if (!params.get<boolean>('handOffLongRetries', index, false)) return undefined;
	if (params.get<string>('handOffSchedule', index, 'svix') === 'svix') return svixSchedule;
	return step('customHandOffSchedule', () => parseSchedule(params.get<string>('customHandOffSchedule', index, '')));
}
