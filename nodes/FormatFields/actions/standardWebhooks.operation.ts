import { type IExecuteFunctions, type INodeProperties, updateDisplayOptions } from 'n8n-workflow';

import { type FormatContext, buildStandardWebhooksEvent } from '../../shared/fields';
import { type ItemOutcome, type MemberSettings, envelopeFields, envelopeOutcome, parameter, withSettingLabels } from './envelopeMembers';

/** Envelope Standard Webhooks Event ({type, timestamp, data}): the fields as data. */

export const description: INodeProperties[] = updateDisplayOptions({ show: { mode: ['envelope'], envelope: ['standardWebhooks'] } }, [
	{
		displayName: 'Event Type',
		name: 'eventType',
		type: 'string',
		default: '',
		placeholder: 'invoice.paid',
		description: 'The type of the event, full-stop delimited',
	},
	{
		displayName: 'Event Time',
		name: 'eventTimestamp',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $now }}',
		description: 'When the event happened, written as ISO 8601 UTC. Leave empty for now.',
	},
]);

export const memberSettings: MemberSettings = { type: ['eventType'], timestamp: ['eventTimestamp'] };

export function execute(this: IExecuteFunctions, itemIndex: number, formatContext: FormatContext): ItemOutcome {
	const now = Date.now();
	const typed = envelopeFields(this, itemIndex, formatContext, 'data');
	const result = buildStandardWebhooksEvent(
		{ type: parameter(this, 'eventType', itemIndex), timestamp: parameter(this, 'eventTimestamp', itemIndex), data: typed.fields },
		{ clock: formatContext.clock, now },
	);
	return envelopeOutcome(withSettingLabels(result, memberSettings, description), typed);
}
