import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/**
 * n8n's Options collection ("Add option"), as its HTTP Request and Webhook nodes have it: settings
 * most workflows leave at their defaults. Every node here builds its collections with this, so they
 * look and read alike. n8n's lint wants five options or more listed alphabetically; it cannot see
 * inside this builder, so test/unit/nodes/nodeDescriptions.test.ts checks that for every node.
 */
export function optionsCollection(name: string, options: INodeProperties[], displayOptions?: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Options',
		name,
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		...(displayOptions ? { displayOptions } : {}),
		options,
	};
}
