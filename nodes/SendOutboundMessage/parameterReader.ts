import type { IExecuteFunctions, INodeParameters, NodeParameterValueType } from 'n8n-workflow';

/**
 * Reads node parameters for an item, once per run for parameters without an expression. n8n
 * resolves a parameter for every call of getNodeParameter; at thousands of items per run that cost
 * rivals the HTTP exchange itself, while a parameter with no expression has the same value for
 * every item.
 */
export class ParameterReader {
	private readonly fixedValues = new Map<string, unknown>();

	private readonly fixedNames = new Map<string, boolean>();

	constructor(private readonly context: IExecuteFunctions) {}

	/** True when the parameter (at a dotted path such as `options.timeout`) holds no expression. */
	isFixed(name: string): boolean {
		let fixed = this.fixedNames.get(name);
		if (fixed === undefined) {
			let raw: unknown = this.context.getNode().parameters;
			for (const key of name.split('.')) raw = (raw as INodeParameters | undefined)?.[key];
			fixed = !containsExpression(raw);
			this.fixedNames.set(name, fixed);
		}
		return fixed;
	}

	allFixed(names: readonly string[]): boolean {
		return names.every((name) => this.isFixed(name));
	}

	get<T>(name: string, itemIndex: number, fallback: T): T {
		if (!this.isFixed(name)) return this.context.getNodeParameter(name, itemIndex, fallback as NodeParameterValueType) as T;
		if (!this.fixedValues.has(name)) {
			this.fixedValues.set(name, this.context.getNodeParameter(name, 0, fallback as NodeParameterValueType));
		}
		return this.fixedValues.get(name) as T;
	}
}

/** n8n marks an expression with a leading `=` (`={{ $json.url }}`). */
function containsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(containsExpression);
	if (value !== null && typeof value === 'object') return Object.values(value).some(containsExpression);
	return false;
}
