import type { INodeExecutionData, INodeParameters, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { SendOutboundMessage } from '../../../nodes/SendOutboundMessage/SendOutboundMessage.node';
import { sendOutboundMessageProperties } from '../../../nodes/SendOutboundMessage/description';
import { checkedParameters } from '../../../nodes/SendOutboundMessage/settings';
import type { DeliveryRecord } from '../../../nodes/shared/delivery';
import { type LocalTarget, answer, startTarget } from '../shared/delivery/localTarget';
import { type FakeContextOptions, fakeExecuteContext } from '../fakeExecuteContext';

/**
 * Every value the node checks, made invalid one at a time: the error must name the field by the
 * label the panel shows (never the internal parameter name), the node by its name in the workflow,
 * what was wrong and how to fix it; a limited number must be refused with its allowed range.
 */

const node = new SendOutboundMessage();
const nodeName = 'Send to Hesi';

async function run(options: Omit<FakeContextOptions, 'node'>) {
	const fake = fakeExecuteContext({ node: { name: nodeName, type: 'n8n-nodes-outbound-messages.sendOutboundMessage' }, ...options });
	const [success, retry, failure] = await node.execute.call(fake.context);
	return { success, retry, failure };
}

const delivery = (item: INodeExecutionData) => item.json.delivery as unknown as DeliveryRecord;

/** Internal names a user never sees: camelCase names and dotted paths of the description. */
function internalNames(properties: readonly INodeProperties[], prefix = ''): string[] {
	return properties.flatMap((property) => {
		const path = `${prefix}${property.name}`;
		const nested = property.type === 'collection' ? internalNames((property.options ?? []) as INodeProperties[], `${path}.`) : [];
		return [...(/[A-Z.]/.test(path) ? [path] : []), ...nested];
	});
}

interface Case {
	parameters: INodeParameters;
	label: string;
	/** What the message must also say: what was wrong, the allowed range, how to fix. */
	says: RegExp;
}

const cases: Record<(typeof checkedParameters)[number], Case> = {
	successStatusCodes: { parameters: { successStatusCodes: [] }, label: 'Success Status Codes', says: /choose at least one of HTTP 200, 201 and 204/ },
	customSuccessStatuses: {
		parameters: { successStatus: 'custom', customSuccessStatuses: '200-2xx' },
		label: 'Custom Success Statuses',
		says: /"200-2xx" is not a status code or range: use codes from 100 to 599/,
	},
	keywordPath: { parameters: { keywordMatch: 'jsonPathEquals', keywordPath: ' ' }, label: 'JSON Field', says: /The JSON path is empty: give the field to check/ },
	keywordText: { parameters: { keywordMatch: 'contains', keywordText: '' }, label: 'Text', says: /The text to look for in the response body is empty/ },
	keywordPattern: { parameters: { keywordMatch: 'regex', keywordPattern: '(' }, label: 'Regex', says: /The regular expression \( is not valid/ },
	bodilessResponses: {
		parameters: { keywordMatch: 'contains', keywordText: 'ok', bodilessResponses: 'sometimes' },
		label: 'Bodiless Responses',
		says: /"sometimes" is not one of its choices/,
	},
	retries: { parameters: { retries: 15 }, label: 'Retries', says: /15 is more than 10: use a whole number from 0 to 10 \(Hesi offers 0 to 3\)\. For longer retries turn on "Hand Off Long Retries"/ },
	retryInterval: {
		parameters: { retries: 1, retryInterval: 30 },
		label: 'Interval (Seconds)',
		says: /30 is more than 10: use a number from 0 to 10 seconds, as Hesi allows\. For longer waits choose "Exponential Backoff"/,
	},
	backoffBase: { parameters: { retries: 1, retryWait: 'exponential', backoffBase: -1 }, label: 'Base Wait (Seconds)', says: /-1 is less than 0: use a number of 0 or more/ },
	backoffFactor: { parameters: { retries: 1, retryWait: 'exponential', backoffFactor: 0.5 }, label: 'Factor', says: /0\.5 is less than 1: use a number of 1 or more/ },
	backoffCap: { parameters: { retries: 1, retryWait: 'exponential', backoffCap: -2 }, label: 'Max Wait (Seconds)', says: /-2 is less than 0: use a number of 0 or more/ },
	customHandOffSchedule: {
		parameters: { handOffLongRetries: true, handOffSchedule: 'custom', customHandOffSchedule: '5s, soon' },
		label: 'Custom Schedule',
		says: /"soon" is not a duration: use forms like "30s"/,
	},
	breakerFailureRate: {
		parameters: { circuitBreaker: true, breakerFailureRate: 120 },
		label: 'Failure Rate (%)',
		says: /120 is more than 100: use a whole number from 1 to 100 percent/,
	},
	breakerMinimumAttempts: { parameters: { circuitBreaker: true, breakerMinimumAttempts: 0 }, label: 'Minimum Attempts', says: /0 is less than 1: use a whole number from 1 to 100000/ },
	breakerWindowMinutes: { parameters: { circuitBreaker: true, breakerWindowMinutes: 2000 }, label: 'Window (Minutes)', says: /2000 is more than 1440: use a whole number from 1 to 1440 minutes/ },
	breakerConsecutiveFailures: { parameters: { circuitBreaker: true, breakerConsecutiveFailures: 0 }, label: 'Consecutive Failures', says: /0 is less than 1: use a whole number from 1 to 100000/ },
	breakerCoolDownSeconds: { parameters: { circuitBreaker: true, breakerCoolDownSeconds: 0 }, label: 'Cool-Down (Seconds)', says: /0 is less than 1: use a whole number from 1 to 86400 seconds/ },
	'options.concurrency': { parameters: { options: { concurrency: 300 } }, label: 'Options → Concurrency', says: /300 is more than 256: use a whole number from 1 to 256/ },
	'options.maxRetryAfterWait': {
		parameters: { options: { maxRetryAfterWait: -5 } },
		label: 'Options → Max Retry-After Wait (Seconds)',
		says: /-5 is less than 0: use a whole number of 0 or more seconds/,
	},
	'options.responseExcerptSize': {
		parameters: { options: { responseExcerptSize: 70000 } },
		label: 'Options → Response Excerpt Size (Bytes)',
		says: /70000 is more than 65536: use a whole number from 0 to 65536 bytes/,
	},
	'options.timeout': { parameters: { options: { timeout: 0 } }, label: 'Options → Timeout (Ms)', says: /0 is less than 1: use a whole number of 1 or more milliseconds/ },
};

describe('Send Outbound Message settings errors', () => {
	let target: LocalTarget;

	beforeAll(async () => {
		target = await startTarget((_call, res) => answer(res, 200, 'ok'));
	});

	afterAll(async () => await target.close());

	it('has a case for every parameter the node checks', () => {
		expect(Object.keys(cases).sort()).toEqual([...checkedParameters].sort());
	});

	it.each(Object.entries(cases))('names %s by its panel label, says what was wrong and how to fix it, and sends nothing', async (_parameter, { parameters, label, says }) => {
		const calls = target.calls.length;
		let error: unknown;
		try {
			await run({ parameters: { url: target.url, ...parameters }, items: [{ json: { a: 1 } }] });
		} catch (thrown) {
			error = thrown;
		}
		expect(error).toBeInstanceOf(NodeOperationError);
		const { message, description } = error as NodeOperationError;
		expect(message.startsWith(`Invalid "${label}" in node "${nodeName}": `)).toBe(true);
		expect(message).toMatch(says);
		expect(description).toBe(`Correct "${label}" in the panel of node "${nodeName}" (or the expression that sets it) and run it again`);
		for (const name of internalNames(sendOutboundMessageProperties)) expect(`${message} ${description}`).not.toContain(name);
		expect(target.calls.length).toBe(calls);
	});

	describe('every number limit of the description, one below and one above its range', () => {
		/** Number parameters at their dotted path, with the limits the editor enforces. */
		const numbers = sendOutboundMessageProperties.flatMap((property) =>
			property.type === 'collection'
				? ((property.options ?? []) as INodeProperties[]).map((option) => ({ path: `${property.name}.${option.name}`, property: option }))
				: [{ path: property.name, property }],
		).filter(({ property }) => property.type === 'number');
		/** What makes the panel show a parameter (the wait settings hide while Retries is 0). */
		const shownWith: Record<string, INodeParameters> = {
			retryInterval: { retries: 1 },
			backoffBase: { retries: 1, retryWait: 'exponential' },
			backoffFactor: { retries: 1, retryWait: 'exponential' },
			backoffCap: { retries: 1, retryWait: 'exponential' },
			breakerFailureRate: { circuitBreaker: true },
			breakerMinimumAttempts: { circuitBreaker: true },
			breakerWindowMinutes: { circuitBreaker: true },
			breakerConsecutiveFailures: { circuitBreaker: true },
			breakerCoolDownSeconds: { circuitBreaker: true },
		};
		const withValue = (path: string, value: number): INodeParameters => {
			const [first, second] = path.split('.');
			return { ...shownWith[path], ...(second === undefined ? { [first]: value } : { [first]: { [second]: value } }) };
		};
		const outside = numbers.flatMap(({ path, property }) => {
			const { minValue, maxValue } = property.typeOptions ?? {};
			return [
				...(minValue === undefined ? [] : [{ path, label: property.displayName, value: minValue - 1, problem: `is less than ${minValue}` }]),
				...(maxValue === undefined ? [] : [{ path, label: property.displayName, value: maxValue + 1, problem: `is more than ${maxValue}` }]),
			];
		});

		it('checks every number parameter the panel has', () => {
			expect(numbers.map(({ path }) => path).sort()).toEqual(
				[...checkedParameters].filter((path) => numbers.some((number) => number.path === path)).sort(),
			);
			expect(numbers.length).toBeGreaterThanOrEqual(8);
		});

		it.each(outside)('refuses $path = $value, giving the allowed range', async ({ path, label, value, problem }) => {
			const attempt = run({ parameters: { url: target.url, ...withValue(path, value) }, items: [{ json: { a: 1 } }] });
			await expect(attempt).rejects.toThrow(new RegExp(`"[^"]*${label.replace(/[()]/g, '\\$&')}" in node "Send to Hesi": ${value} ${problem}: use (a|a whole) number `));
		});
	});

	it('refuses Retries = 15 and Interval = 30 s alike: one rule for every limit, nothing quietly capped', async () => {
		const messages: string[] = [];
		for (const parameters of [{ retries: 15 }, { retries: 1, retryInterval: 30 }]) {
			const { failure } = await run({ continueOnFail: true, parameters: { url: target.url, ...parameters }, items: [{ json: { a: 1 } }] });
			expect(delivery(failure[0])).toMatchObject({ status: 'failed', reason: 'invalid_request', attempts: [] });
			messages.push(delivery(failure[0]).message ?? '');
		}
		expect(messages[0]).toMatch(/^Invalid "Retries" in node "Send to Hesi": 15 is more than 10: use a whole number from 0 to 10/);
		expect(messages[1]).toMatch(/^Invalid "Interval \(Seconds\)" in node "Send to Hesi": 30 is more than 10: use a number from 0 to 10 seconds/);
	});

	it('refuses a whole-number limit given a fraction, and a number given as text that is not one', async () => {
		await expect(run({ parameters: { url: target.url, retries: 2.5 }, items: [{ json: {} }] })).rejects.toThrow(
			'Invalid "Retries" in node "Send to Hesi": 2.5 is not a whole number: use a whole number from 0 to 10',
		);
		await expect(run({ parameters: { url: target.url, options: { timeout: 'soon' } }, items: [{ json: {} }] })).rejects.toThrow(
			'Invalid "Options → Timeout (Ms)" in node "Send to Hesi": "soon" is not a number: use a whole number of 1 or more milliseconds',
		);
	});

	it('fails only the item whose expression gives a limited number out of range, with the range in its record', async () => {
		const { success, failure } = await run({
			parameters: { url: target.url, retries: '={{ $json.retries }}' },
			expressions: { '={{ $json.retries }}': (item) => item.json.retries },
			items: [{ json: { retries: 3 } }, { json: { retries: 11 } }, { json: { retries: -1 } }],
		});
		expect(success.map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
		expect(failure.map((item) => [item.pairedItem, delivery(item).reason, delivery(item).message])).toEqual([
			[{ item: 1 }, 'invalid_request', expect.stringContaining('"Retries" in node "Send to Hesi": 11 is more than 10: use a whole number from 0 to 10')],
			[{ item: 2 }, 'invalid_request', expect.stringContaining('"Retries" in node "Send to Hesi": -1 is less than 0: use a whole number from 0 to 10')],
		]);
	});

	it('accepts every limit at the edges of its range', async () => {
		const { success } = await run({
			parameters: { url: target.url, retries: 10, retryInterval: 10, options: { concurrency: 256, maxRetryAfterWait: 0, timeout: 1000 } },
			items: [{ json: { a: 1 } }],
		});
		expect(success).toHaveLength(1);
		const exponential = await run({
			parameters: { url: target.url, retries: 1, retryWait: 'exponential', backoffBase: 0, backoffFactor: 1, backoffCap: 0, options: { concurrency: 1 } },
			items: [{ json: { a: 1 } }],
		});
		expect(exponential.success).toHaveLength(1);
	});

	it('does not check the wait settings while Retries is 0, when the panel hides them', async () => {
		const { success } = await run({ parameters: { url: target.url, retries: 0, retryInterval: 30 }, items: [{ json: { a: 1 } }] });
		expect(success).toHaveLength(1);
	});
});
