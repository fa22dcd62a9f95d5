import { type INodeProperties, updateDisplayOptions } from 'n8n-workflow';

import { oneOf } from '../../shared/n8nChoices';
import * as fields from './fields.operation';
import { fieldsProperty } from './fieldsList';
import * as hesi from './hesi.operation';
import * as itemOutput from './itemOutput';
import * as jiandaoyun from './jiandaoyun.operation';
import * as ofsTodo from './ofsTodo.operation';
import * as standardWebhooks from './standardWebhooks.operation';

/**
 * Every parameter of Format Fields, in the order saved workflows have them: the mode and envelope,
 * each envelope's settings, the Fields lists, then what every mode shares. n8n saves a parameter by
 * name and reads it by its place in this list, so the order and the names stay as they are.
 */
export const properties: INodeProperties[] = [
	{
		displayName: 'Mode',
		name: 'mode',
		...oneOf(
			['Fields', 'fields', 'Build a body from typed fields (text, date, money, payee, …)'],
			['Envelope', 'envelope', 'Build a complete message: Hesi body, Jiandaoyun push, OFS to-do or Standard Webhooks event'],
		),
		noDataExpression: true,
		default: 'fields',
		description:
			'How to build the body: from a list of typed fields you choose, or as a complete message in a shape a receiver documents (the fields, where it has some, go inside it)',
	},
	{
		displayName: 'Envelope',
		name: 'envelope',
		...oneOf(
			['Hesi Outbound Body (合思出站消息)', 'hesi', 'The fields, plus action / actionName / userInfo for notifications or internalMessageNameType for internal messages'],
			['Jiandaoyun Push (简道云消息推送)', 'jiandaoyun', '{op, data, send_time} with the recipients, texts and link of a message, or the record of a data push'],
			['OFS Unified To-Do (泛微统一待办)', 'ofsTodo', 'The e-cology OFS body: every member as text, dates as yyyy-MM-dd HH:mm:ss'],
			['Standard Webhooks Event', 'standardWebhooks', '{type, timestamp, data} with the fields as data'],
		),
		noDataExpression: true,
		default: 'hesi',
		description: 'The message to build. Each adds the members its receiver requires around your fields and checks them like the fields.',
		displayOptions: { show: { mode: ['envelope'] } },
	},
	...hesi.description,
	...jiandaoyun.description,
	...ofsTodo.description,
	...standardWebhooks.description,
	// One Fields list, shown where fields make the body: mode Fields, the Hesi body and the Standard
	// Webhooks data (one entry for both, as saved workflows have it), the record of a data push.
	...fields.description,
	...updateDisplayOptions({ show: { mode: ['envelope'], envelope: ['hesi', 'standardWebhooks'] } }, [fieldsProperty]),
	...jiandaoyun.dataPushFieldsDescription,
	...itemOutput.description,
];
