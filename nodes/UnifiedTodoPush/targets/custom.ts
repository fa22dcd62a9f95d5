import type { INodeProperties } from 'n8n-workflow';

import type { ParameterReader } from '../../SendOutboundMessage/parameterReader';
import { readSuccessRule, successRuleProperties } from '../../SendOutboundMessage/settings/successRule';
import { type CustomRequestTemplate, customPlaceholders } from '../../shared/todo/adapters/custom';
import { todoOperations, type TodoOperation } from '../../shared/todo/types';
import { type TargetReader, forAdapter, labelled, text } from './targetParameters';

/**
 * Custom target: one request template per operation and Send Outbound Message's success rule (the
 * same parameters, shown for this adapter), read by nodes/shared/todo/adapters/custom.ts.
 */

const operationNames: Record<TodoOperation, string> = {
	todo: 'To-Do (待办)',
	done: 'Done (已办)',
	finished: 'Finished (办结)',
	cc: 'CC / To Read (待阅)',
	delete_user: "Delete One Receiver's",
	delete_flow: 'Delete Whole Flow',
};

const placeholderHint = customPlaceholders.map((name) => `{{${name}}}`).join(' ');

export const properties: INodeProperties[] = [
	{
		displayName: 'Requests',
		name: 'customRequests',
		type: 'fixedCollection',
		placeholder: 'Add Request',
		typeOptions: { multipleValues: true },
		default: {},
		description: 'One request per operation; an operation without one is not sent (its items leave by Ignored, unsupported_operation)',
		displayOptions: forAdapter('custom'),
		options: [
			{
				displayName: 'Request',
				name: 'request',
				values: [
					{
						displayName: 'Body Template',
						name: 'body',
						type: 'string',
						typeOptions: { rows: 6 },
						default: '',
						placeholder: '{"flow": "{{flowId}}", "title": "{{title}}", "user": "{{receiver}}"}',
						description: `The body, with placeholders escaped for the Content-Type (JSON, XML, form): ${placeholderHint}`,
					},
					{
						displayName: 'Headers (JSON)',
						name: 'headers',
						type: 'json',
						default: '{"Content-Type": "application/json"}',
						description: 'An object of header names and values; values may hold placeholders',
					},
					{
						displayName: 'Method',
						name: 'method',
						type: 'options',
						default: 'POST',
						options: ['DELETE', 'GET', 'PATCH', 'POST', 'PUT'].map((method) => ({ name: method, value: method })),
					},
					{
						displayName: 'Operation',
						name: 'operation',
						type: 'options',
						noDataExpression: true,
						default: 'todo',
						options: todoOperations.map((value) => ({ name: operationNames[value], value })),
					},
					{
						displayName: 'URL',
						name: 'url',
						type: 'string',
						default: '',
						placeholder: '/api/todo/{{flowId}}',
						description: `Absolute, or a path on the Server Address. Placeholders are URL-encoded: ${placeholderHint}.`,
					},
				],
			},
		],
	},
	...successRuleProperties.map((property) => ({
		...property,
		displayOptions: { ...property.displayOptions, show: { ...property.displayOptions?.show, adapter: ['custom'] } },
	})),
];

function readHeaders(value: unknown, operation: string): Record<string, string> {
	const parsed: unknown = typeof value === 'string' ? (value.trim() === '' ? {} : JSON.parse(value)) : (value ?? {});
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(`"Headers (JSON)" of the ${operation} request is not a JSON object`);
	return Object.fromEntries(Object.entries(parsed as Record<string, unknown>).map(([name, inner]) => [name, String(inner)]));
}

export const read: TargetReader = (getParameter) => {
	const entries = ((getParameter('customRequests') as { request?: Array<Record<string, unknown>> } | undefined)?.request ?? []);
	const requests: Partial<Record<TodoOperation, CustomRequestTemplate>> = {};
	for (const entry of entries) {
		const operation = text(entry.operation) as TodoOperation;
		if (!todoOperations.includes(operation)) throw new Error(`"Operation" of a request is "${operation}", not one of the choices`);
		if (requests[operation]) throw new Error(`"Requests" has two requests for ${operationNames[operation]}: keep one`);
		let headers: Record<string, string>;
		try {
			headers = readHeaders(entry.headers, operationNames[operation]);
		} catch (error) {
			throw labelled(`Headers (JSON)" of the "${operationNames[operation]}`, error);
		}
		if (text(entry.url) === '') throw new Error(`"URL" of the ${operationNames[operation]} request is empty: give the address to call`);
		requests[operation] = { method: text(entry.method) || 'POST', url: text(entry.url), headers, body: typeof entry.body === 'string' ? entry.body : '' };
	}
	// Send Outbound Message's reader, fed this item's parameters; an unusable value names its label.
	const params = { get: <T>(name: string, _index: number, fallback: T): T => (getParameter(name) ?? fallback) as T } as unknown as ParameterReader;
	const labels = new Map(successRuleProperties.map((property) => [property.name, property.displayName]));
	const success = readSuccessRule({
		params,
		index: 0,
		step: (parameter, readValue) => {
			try {
				return readValue();
			} catch (error) {
				throw labelled(labels.get(parameter) ?? parameter, error);
			}
		},
		limitedNumber: (_parameter, value) => Number(value),
	});
	return { requests, success, timeZone: text(getParameter('targetTimeZone')) };
};
