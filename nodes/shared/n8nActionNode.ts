/**
 * n8n adapter: the node class of every action node (Format Fields, Sign Request, Send Outbound
 * Message, Outbox, Unified Todo Push, Hesi EBot Callback), as nodes/shared/trigger/n8nTriggerNode.ts
 * is for the triggers. A node file declares what is its own and nothing else:
 * `export class Outbox extends actionNodeType({ displayName: 'Outbox', … }) {}`.
 */
import { type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription, NodeConnectionTypes } from 'n8n-workflow';

/** What an action node declares: its description less what every action node has alike, and its execute. */
export type ActionNodeSpec<Methods extends INodeType['methods'] = undefined> = Pick<INodeTypeDescription, 'displayName' | 'description' | 'group' | 'version' | 'subtitle' | 'outputs' | 'properties'> &
	Partial<Pick<INodeTypeDescription, 'defaultVersion' | 'outputNames' | 'credentials'>> & {
		execute: (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>;
		/** n8n's node methods (credential tests, option loaders); typed as given, for the tests that call them. */
		methods?: Methods;
	};

/** An action node as n8n (and a test) sees it: a description and an execute that is always there. */
export interface ActionNode<Methods extends INodeType['methods'] = undefined> extends INodeType {
	methods: Methods;
	execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]>;
}

/** The outputs of a node whose every item either succeeds or fails (Format Fields, Outbox): `...successOrFailure`. */
export const successOrFailure = {
	outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
	outputNames: ['Success', 'Failure'],
} satisfies Pick<ActionNodeSpec, 'outputs' | 'outputNames'>;

/**
 * The class an action node file extends. As for the triggers, the node's `name` (what saved
 * workflows reference) is the class name with a lower-case first letter, the icons are
 * `<name>.svg` and `<name>.dark.svg` beside the node file, and the node's default name on the canvas
 * is its display name. Every action node takes one main input and can be used as an AI agent's tool.
 */
export function actionNodeType<Methods extends INodeType['methods'] = undefined>({
	execute,
	methods,
	...declared
}: ActionNodeSpec<Methods>): new () => ActionNode<Methods> {
	return class implements ActionNode<Methods> {
		description: INodeTypeDescription;

		// Set only when the node has methods, as a class that declares none has no such property.
		declare methods: Methods;

		constructor() {
			if (methods) this.methods = methods;
			const name = new.target.name.charAt(0).toLowerCase() + new.target.name.slice(1);
			this.description = {
				name,
				icon: { light: `file:${name}.svg`, dark: `file:${name}.dark.svg` },
				defaults: { name: declared.displayName },
				usableAsTool: true,
				inputs: [NodeConnectionTypes.Main],
				...declared,
			};
		}

		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			return await execute.call(this);
		}
	};
}
