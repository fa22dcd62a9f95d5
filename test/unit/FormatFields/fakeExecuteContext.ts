import type { IExecuteFunctions, INode, INodeExecutionData, INodeParameters } from 'n8n-workflow';

/**
 * A small, honest stand-in for n8n's execute context: parameters as a workflow stores them
 * (expressions are strings starting with `=`), resolved per item by functions the test provides,
 * since the expression engine is n8n's business (the lead's e2e suite runs the real one).
 */
export type ExpressionFunction = (item: INodeExecutionData, itemIndex: number) => unknown;

export interface FakeContextOptions {
	parameters: INodeParameters;
	items: INodeExecutionData[];
	/** `'={{ $json.amount }}': (item) => item.json.amount` */
	expressions?: Record<string, ExpressionFunction>;
	/** The workflow's time zone (n8n: workflow settings, else GENERIC_TIMEZONE). */
	timezone?: string;
	continueOnFail?: boolean;
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

export function fakeExecuteContext(options: FakeContextOptions): IExecuteFunctions {
	const node: INode = {
		id: 'a1b2c3d4-0000-4000-8000-000000000006',
		name: 'Format Fields',
		type: 'n8n-nodes-outbound-messages.formatFields',
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters,
	};
	const expressions = options.expressions ?? {};
	const context = {
		getNode: () => node,
		getInputData: () => options.items,
		getTimezone: () => options.timezone ?? 'America/New_York',
		continueOnFail: () => options.continueOnFail ?? false,
		getNodeParameter: (name: string, itemIndex: number, fallback?: unknown) => {
			let raw: unknown = options.parameters;
			for (const key of name.split('.')) raw = (raw as Record<string, unknown> | undefined)?.[key];
			if (raw === undefined) {
				if (fallback === undefined) throw new Error(`Could not get parameter "${name}"`);
				return fallback;
			}
			return resolve(raw, options.items[itemIndex] ?? { json: {} }, itemIndex, expressions);
		},
	};
	return context as unknown as IExecuteFunctions;
}
