import type { INodePropertyOptions } from 'n8n-workflow';

import type { ContentType } from './delivery/requestBody';

/**
 * The choices every node offers for an outbound request, written once: Send Outbound Message, Sign
 * Request and Format Fields list the same methods under the same names, and a new content type of
 * the delivery engine (delivery/requestBody.ts) shows in Send's dropdown by being added here.
 */

export const httpMethods = ['DELETE', 'GET', 'PATCH', 'POST', 'PUT'] as const;

export type HttpMethod = (typeof httpMethods)[number];

/** The methods a request with a body to sign is sent with (a GET carries none). */
export const bodyMethods: readonly HttpMethod[] = ['DELETE', 'PATCH', 'POST', 'PUT'];

/** Options for a Method dropdown, alphabetical as n8n lists them. */
export function httpMethodOptions(methods: readonly HttpMethod[] = httpMethods): INodePropertyOptions[] {
	return httpMethods.filter((method) => methods.includes(method)).map((method) => ({ name: method, value: method }));
}

/** How each content type of the delivery engine is named in a dropdown. */
const contentTypeNames: Readonly<Record<ContentType, string>> = {
	form: 'Form URL-Encoded',
	json: 'JSON',
	raw: 'Raw',
	xml: 'XML',
};

/** Options for a Content Type dropdown, alphabetical by name. */
export const contentTypeOptions: INodePropertyOptions[] = (Object.keys(contentTypeNames) as ContentType[])
	.map((value) => ({ name: contentTypeNames[value], value }))
	.sort((a, b) => a.name.localeCompare(b.name));
