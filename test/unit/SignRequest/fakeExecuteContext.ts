import type { IBinaryData, IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';

/**
 * A small stand-in for n8n's IExecuteFunctions with just what Sign Request calls: parameters
 * (fixed values, dotted paths into collections), the credential, input items, continue-on-fail and
 * reading a binary field. The real n8n runs this node in the e2e suite.
 */
export interface FakeContextOptions {
	parameters: IDataObject;
	credential: IDataObject;
	items: INodeExecutionData[];
	continueOnFail?: boolean;
}

export const fakeNode: INode = {
	id: 'sign-request-1',
	name: 'Sign Request',
	type: 'n8n-nodes-outbound-messages.signRequest',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

function pathValue(source: IDataObject, path: string): unknown {
	let value: unknown = source;
	for (const key of path.split('.')) value = value !== null && typeof value === 'object' ? (value as IDataObject)[key] : undefined;
	return value;
}

export function fakeExecuteContext(options: FakeContextOptions): IExecuteFunctions {
	const context = {
		getInputData: () => options.items,
		getNode: () => fakeNode,
		continueOnFail: () => options.continueOnFail ?? false,
		getCredentials: async (name: string) => {
			if (name !== 'outboundSigningSecret') throw new Error(`unexpected credential ${name}`);
			return options.credential;
		},
		getNodeParameter: (name: string, _itemIndex: number, fallback?: unknown) => {
			const value = pathValue(options.parameters, name);
			if (value !== undefined) return value;
			if (fallback !== undefined) return fallback;
			throw new Error(`parameter ${name} is not set`);
		},
		helpers: {
			getBinaryDataBuffer: async (itemIndex: number, property: string) => {
				const binary = options.items[itemIndex].binary?.[property] as IBinaryData | undefined;
				if (!binary) throw new Error(`no binary ${property}`);
				return Buffer.from(binary.data, 'base64');
			},
		},
	};
	return context as unknown as IExecuteFunctions;
}
