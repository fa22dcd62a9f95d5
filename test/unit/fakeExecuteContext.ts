import {
	type IBinaryData,
	type IExecuteFunctions,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeTypeDescription,
	type WorkflowExecuteMode,
	NodeHelpers,
} from 'n8n-workflow';

/**
 * A small, honest stand-in for n8n's execute context, shared by the action nodes' unit tests:
 * parameters as a workflow stores them (dotted paths reach into collections; expressions are strings
 * starting with `=`, resolved per item by functions the test provides, since the expression engine
 * is n8n's business and the e2e suite runs the real one), input items, credentials, continue-on-fail,
 * the workflow's time zone and binary fields.
 */

export type ExpressionFunction = (item: INodeExecutionData, itemIndex: number) => unknown;

export interface FakeContextOptions {
	parameters: INodeParameters;
	items: INodeExecutionData[];
	/** The node as the workflow names it, and the credentials chosen on it (by credential type). */
	node: Pick<INode, 'name' | 'type'> & Partial<Pick<INode, 'credentials'>>;
	/** The node's typeVersion in the workflow; 1 unless given. */
	typeVersion?: number;
	mode?: WorkflowExecuteMode;
	/** The node's "On Error: Continue" setting. */
	continueOnFail?: boolean;
	/** Credential data by credential type name. */
	credentials?: Record<string, Record<string, unknown>>;
	/** `'={{ $json.url }}': (item) => item.json.url` */
	expressions?: Record<string, ExpressionFunction>;
	/** The workflow's time zone (n8n: workflow settings, else GENERIC_TIMEZONE). */
	timezone?: string;
	/** The workflow's name; 'Test workflow' unless given. */
	workflowName?: string;
}

export interface FakeContext {
	context: IExecuteFunctions;
	/** Every getNodeParameter call, as `name#itemIndex`. */
	parameterReads: string[];
	/** What the node set with `this.customData` (n8n's custom execution data). */
	customData: Record<string, string>;
}

function resolve(value: unknown, item: INodeExecutionData, index: number, expressions: Record<string, ExpressionFunction>): unknown {
	if (typeof value === 'string' && value.startsWith('=')) {
		const expression = expressions[value];
		if (!expression) throw new Error(`The fake context has no function for the expression ${value}`);
		return expression(item, index);
	}
	if (Array.isArray(value)) return value.map((entry) => resolve(entry, item, index, expressions));
	if (value !== null && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, resolve(entry, item, index, expressions)]));
	}
	return value;
}

export function fakeExecuteContext(options: FakeContextOptions): FakeContext {
	const node: INode = {
		id: 'a1b2c3d4-0000-4000-8000-000000000001',
		...options.node,
		typeVersion: options.typeVersion ?? 1,
		position: [0, 0],
		parameters: options.parameters,
	};
	const parameterReads: string[] = [];
	const customData: Record<string, string> = {};
	const expressions = options.expressions ?? {};
	const context = {
		getNode: () => node,
		getInputData: () => options.items,
		getMode: () => options.mode ?? 'trigger',
		getExecutionCancelSignal: () => undefined,
		getTimezone: () => options.timezone ?? 'America/New_York',
		continueOnFail: () => options.continueOnFail ?? false,
		getWorkflow: () => ({ id: 'wf-1', name: options.workflowName ?? 'Test workflow', active: false }),
		// n8n's own keeps keys of letters, digits and _ (at most 10 per execution): so does this one.
		customData: {
			set: (key: string, value: string) => {
				if (!/^[\p{L}\p{N}_]+$/u.test(key)) throw new Error(`Custom data key can only contain letters, numbers, and underscores (key "${key}")`);
				if (key in customData || Object.keys(customData).length < 10) customData[key] = String(value).slice(0, 512);
			},
			setAll: (values: Record<string, string>) => {
				for (const [key, value] of Object.entries(values)) context.customData.set(key, value);
			},
			get: (key: string) => customData[key],
			getAll: () => ({ ...customData }),
		},
		getCredentials: async (name: string) => {
			const data = options.credentials?.[name];
			if (!data) throw new Error(`Node does not have any credentials set for "${name}"`);
			return await Promise.resolve(data);
		},
		getNodeParameter: (name: string, itemIndex: number, fallback?: unknown) => {
			parameterReads.push(`${name}#${itemIndex}`);
			let raw: unknown = options.parameters;
			for (const key of name.split('.')) raw = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>)[key] : undefined;
			if (raw === undefined) {
				// As n8n's own getNodeParameter: a parameter that is not set needs a fallback.
				if (fallback === undefined) throw new Error(`Could not get parameter "${name}"`);
				return fallback;
			}
			return resolve(raw, options.items[itemIndex] ?? { json: {} }, itemIndex, expressions);
		},
		helpers: {
			getBinaryDataBuffer: async (itemIndex: number, property: string) => {
				const binary = options.items[itemIndex]?.binary?.[property] as IBinaryData | undefined;
				if (!binary) throw new Error(`Item ${itemIndex} has no binary property "${property}"`);
				return await Promise.resolve(Buffer.from(binary.data, 'base64'));
			},
		},
	};
	return { context: context as unknown as IExecuteFunctions, parameterReads, customData };
}

/**
 * The parameters as n8n holds them when a workflow runs: the values the workflow stores (only those
 * that differ from a default) completed with the defaults of the node's description for its
 * version, by n8n's own NodeHelpers.getNodeParameters. For tests of what a node does "at its defaults".
 */
export function parametersWithDefaults(description: INodeTypeDescription, stored: INodeParameters, typeVersion: number): INodeParameters {
	const node: INode = {
		id: 'a1b2c3d4-0000-4000-8000-000000000002',
		name: description.defaults.name ?? description.displayName,
		type: `n8n-nodes-outbound-messages.${description.name}`,
		typeVersion,
		position: [0, 0],
		parameters: stored,
	};
	return NodeHelpers.getNodeParameters(description.properties, stored, true, false, node, description) ?? {};
}
