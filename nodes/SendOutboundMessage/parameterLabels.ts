import type { INodeProperties, INodePropertyCollection, INodePropertyOptions } from 'n8n-workflow';

/**
 * What the user sees of a parameter, read from the node's own description so that error messages
 * and the panel never drift apart: the label (`Options → Timeout (Ms)` for an option inside a
 * collection) and the number limits the editor enforces (`typeOptions.minValue` / `maxValue`).
 */

type Entry = INodeProperties | INodePropertyOptions | INodePropertyCollection;

function isProperty(entry: Entry): entry is INodeProperties {
	return 'type' in entry && 'displayName' in entry;
}

/** The properties along a dotted path (`options.timeout` → [Options, Timeout (Ms)]); throws for an unknown path. */
function propertyPath(properties: readonly INodeProperties[], path: string): INodeProperties[] {
	const found: INodeProperties[] = [];
	let level: readonly Entry[] = properties;
	for (const name of path.split('.')) {
		const property = level.filter(isProperty).find((entry) => entry.name === name);
		if (!property) throw new Error(`The node has no parameter "${path}"`);
		found.push(property);
		level = property.options ?? [];
	}
	return found;
}

/** The label as the panel shows it: `Retries`, or `Options → Timeout (Ms)` for an option in a collection. */
export function parameterLabel(properties: readonly INodeProperties[], path: string): string {
	return propertyPath(properties, path)
		.map((property) => property.displayName)
		.join(' → ');
}

export interface NumberLimits {
	min?: number;
	max?: number;
	/** True when the editor allows no decimals (no `numberPrecision`). */
	wholeNumber: boolean;
}

/** The limits the editor enforces on a number parameter. */
export function numberLimits(properties: readonly INodeProperties[], path: string): NumberLimits {
	const property = propertyPath(properties, path).at(-1) as INodeProperties;
	if (property.type !== 'number') throw new Error(`The parameter "${path}" is not a number`);
	const { minValue, maxValue, numberPrecision } = property.typeOptions ?? {};
	return { min: minValue, max: maxValue, wholeNumber: !numberPrecision };
}

/** `from 0 to 10`, `1 or more`: the allowed range in words. */
export function describeRange(limits: NumberLimits): string {
	const kind = limits.wholeNumber ? 'a whole number' : 'a number';
	if (limits.min !== undefined && limits.max !== undefined) return `${kind} from ${limits.min} to ${limits.max}`;
	if (limits.min !== undefined) return `${kind} of ${limits.min} or more`;
	if (limits.max !== undefined) return `${kind} of ${limits.max} or less`;
	return kind;
}

/**
 * The one rule for every limited number (docs/send-outbound-message.md, "Limits"): a value outside
 * the range the editor allows is refused, never quietly changed. Returns the number, or throws an
 * Error saying what the value was and what is allowed, then `advice` (e.g. ` seconds. For longer waits …`).
 */
export function checkNumber(value: unknown, limits: NumberLimits, advice = ''): number {
	const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
	const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
	let problem: string | undefined;
	if (!Number.isFinite(number)) problem = 'is not a number';
	else if (limits.wholeNumber && !Number.isInteger(number)) problem = 'is not a whole number';
	else if (limits.min !== undefined && number < limits.min) problem = `is less than ${limits.min}`;
	else if (limits.max !== undefined && number > limits.max) problem = `is more than ${limits.max}`;
	if (problem) throw new Error(`${shown} ${problem}: use ${describeRange(limits)}${advice}`);
	return number;
}
