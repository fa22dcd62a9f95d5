import { type IDataObject, type IExecuteFunctions, type INodeExecutionData, NodeOperationError, sleep } from 'n8n-workflow';

import { type DeliveryDependencies, createAttemptTimestamps, createHttpClient, mapWithConcurrency, messageIdGenerator, parseSchedule } from '../../shared/delivery';
import { type EbotAction, type EbotCallbackPlan, type EbotResult, type FailurePolicy, type HesiApiCredential, type ResubmitMethod, failurePolicies, hesiBase, resubmitMethods, runEbotCallback } from '../../shared/hesi';
import { signingFromCredential } from '../../shared/signing';
import { labelOf, signingCredentialName } from './callbackParameters';
import { outputIndex } from './operation';
import * as refuse from './refuse.operation';

export const hesiApiCredentialName = 'hesiApi';

/** Callbacks in flight at once: each may wait out a schedule of minutes, so one slow item does not hold the rest. */
const concurrency = 8;

/** A problem with one item's parameters: which parameter (its label), what was wrong and how to fix it. */
class ParameterProblem extends Error {
	constructor(
		readonly label: string,
		what: string,
		readonly fix: string,
	) {
		super(`"${label}" ${what}`);
	}
}

async function readCredential(context: IExecuteFunctions): Promise<HesiApiCredential> {
	const data = (await context.getCredentials(hesiApiCredentialName)) as Record<string, unknown>;
	const field = (name: string, label: string): string => {
		const value = typeof data[name] === 'string' ? (data[name] as string).trim() : '';
		if (value === '') throw new Error(`Hesi API credential: "${label}" is empty; fill it in the credential`);
		return value;
	};
	const credential = { baseUrl: field('baseUrl', 'Base URL'), appKey: field('appKey', 'App Key'), appSecurity: field('appSecurity', 'App Security') };
	let problem: string | undefined;
	try {
		hesiBase(credential.baseUrl);
	} catch (error) {
		problem = (error as Error).message;
	}
	if (problem !== undefined) throw new Error(`Hesi API credential: "Base URL" ${problem}`);
	return credential;
}

/** The signKey of the Outbound Signing Secret credential, which must be of the Hesi signKey scheme. */
async function credentialSignKey(context: IExecuteFunctions): Promise<string> {
	const signing = signingFromCredential((await context.getCredentials(signingCredentialName)) as Record<string, unknown>);
	if (signing.config.scheme !== 'hesiSignKey') {
		throw new Error('Outbound Signing Secret credential: its Scheme is not "Hesi signKey (合思)"; choose that scheme and enter the EBot outbound message\'s signKey as Secret');
	}
	return signing.secrets[0];
}

function fieldAt(json: IDataObject, path: string): unknown {
	let value: unknown = json;
	for (const key of path.split('.')) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
	return value;
}

function textOf(value: unknown, label: string, fix: string, required: boolean): string {
	if (value === undefined || value === null) {
		if (required) throw new ParameterProblem(label, 'is empty', fix);
		return '';
	}
	if (typeof value !== 'string' && typeof value !== 'number') throw new ParameterProblem(label, `is ${Array.isArray(value) ? 'a list' : `a ${typeof value}`}, not text`, fix);
	const text = String(value).trim();
	if (required && text === '') throw new ParameterProblem(label, 'is empty', fix);
	return text;
}

function readPlan(
	context: IExecuteFunctions,
	index: number,
	action: EbotAction,
	credential: HesiApiCredential,
	signKeyOfCredential: string | undefined,
	newMessageId: () => string,
): EbotCallbackPlan {
	const json = context.getInputData()[index].json;
	const param = <T>(name: string, fallback: T): T => context.getNodeParameter(name, index, fallback) as T;
	const fromTrigger = "map the Hesi EBot Trigger's field (the default reads $json.flowId and $json.nodeId) or type the ID";
	const flowId = textOf(param('flowId', ''), labelOf('flowId'), fromTrigger, true);
	const nodeId = textOf(param('nodeId', ''), labelOf('nodeId'), fromTrigger, true);

	let signKey: string;
	const from = param<string>('signKeyFrom', 'signingCredential');
	if (from === 'itemField') {
		const field = textOf(param('signKeyField', 'signKey'), labelOf('signKeyField'), 'name the field holding the signKey', true);
		signKey = textOf(fieldAt(json, field), `${labelOf('signKeyField')} (${field})`, `the item has no signKey in "${field}": name the right field, or take the key from the Outbound Signing Secret credential`, true);
	} else if (from === 'value') {
		signKey = textOf(param('signKey', ''), labelOf('signKey'), "enter the EBot outbound message's signKey (签名秘钥)", true);
	} else {
		signKey = signKeyOfCredential ?? '';
	}

	const comment = textOf(param('comment', ''), labelOf('comment'), 'give the comment as text', false);
	let rejectTo: string | undefined;
	let resubmitMethod: ResubmitMethod | undefined;
	if (action === 'refuse') {
		rejectTo = textOf(param('rejectTo', ''), labelOf('rejectTo', refuse.description), 'give the node ID as text, or leave it empty', false) || undefined;
		const method = textOf(param('resubmitMethod', ''), labelOf('resubmitMethod', refuse.description), 'use FROM_START, TO_REJECTOR or leave it empty', false);
		if (method !== '' && !resubmitMethods.includes(method as ResubmitMethod)) {
			throw new ParameterProblem(labelOf('resubmitMethod', refuse.description), `is "${method}"`, 'use FROM_START, TO_REJECTOR or leave it empty');
		}
		resubmitMethod = (method || undefined) as ResubmitMethod | undefined;
	}

	const scheduleText = textOf(param('retrySchedule', ''), labelOf('retrySchedule'), 'list waits such as "60s, 180s, 600s"', false);
	let schedule: number[] = [];
	let unreadable: string | undefined;
	try {
		if (scheduleText !== '') schedule = parseSchedule(scheduleText);
	} catch (error) {
		unreadable = (error as Error).message;
	}
	if (unreadable !== undefined) {
		throw new ParameterProblem(labelOf('retrySchedule'), `is not readable: ${unreadable}`, 'list waits such as "60s, 180s, 600s", or leave it empty for one attempt');
	}
	const policy = param<string>('whenCallbackFails', 'stay');
	if (!failurePolicies.includes(policy as FailurePolicy)) {
		throw new ParameterProblem(labelOf('whenCallbackFails'), `is "${policy}"`, 'choose stay, refuse or accept');
	}
	const timeout = Number(param('options.timeoutSeconds', 10));
	if (!Number.isFinite(timeout) || timeout < 1 || timeout > 120) {
		throw new ParameterProblem(labelOf('options.timeoutSeconds'), `is ${String(param('options.timeoutSeconds', 10))}`, 'use a number of seconds from 1 to 120');
	}
	return {
		credential,
		callback: { signKey, flowId, nodeId, action, comment, rejectTo, resubmitMethod },
		schedule,
		policy: policy as FailurePolicy,
		fallbackComment: textOf(param('fallbackComment', ''), labelOf('fallbackComment'), 'give the comment as text', false),
		timeoutMs: Math.round(timeout * 1000),
		messageId: newMessageId(),
	};
}

/** The item for the Failure output when it could not even be sent; the error text names node, parameter and fix. */
function failedItem(item: INodeExecutionData, index: number, action: EbotAction, message: string, error?: NodeOperationError): INodeExecutionData {
	const ebot = { action, outcome: 'failed', appliedAction: null, message };
	return { json: { ...item.json, ebot, error: message }, ...(error ? { error } : {}), binary: item.binary, pairedItem: { item: index } };
}

export async function runCallbacks(context: IExecuteFunctions, items: INodeExecutionData[], action: EbotAction): Promise<INodeExecutionData[][]> {
	const node = context.getNode();
	const outputs: INodeExecutionData[][] = [[], [], []];
	let credential: HesiApiCredential;
	let signKeyOfCredential: string | undefined;
	try {
		credential = await readCredential(context);
		if (context.getNodeParameter('signKeyFrom', 0, 'signingCredential') === 'signingCredential') signKeyOfCredential = await credentialSignKey(context);
	} catch (error) {
		// The same for every item: stop, or with "On Error: Continue" send them all to Failure.
		const problem = new NodeOperationError(node, (error as Error).message, { description: `Open the credential named in the message, used by "${node.name}", and correct it.` });
		if (!context.continueOnFail()) throw problem;
		outputs[outputIndex.failure] = items.map((item, index) => failedItem(item, index, action, problem.message, problem));
		return outputs;
	}

	const cancelSignal = context.getExecutionCancelSignal();
	const client = createHttpClient({ connectionsPerOrigin: concurrency });
	const dependencies: DeliveryDependencies = {
		send: client.send,
		sleep: async (ms) => await sleep(ms, cancelSignal),
		isoTime: createAttemptTimestamps(),
	};
	const newMessageId = messageIdGenerator();

	const runItem = async (index: number): Promise<{ result?: EbotResult; problem?: string }> => {
		try {
			const plan = readPlan(context, index, action, credential, signKeyOfCredential, newMessageId);
			return { result: await runEbotCallback(plan, dependencies) };
		} catch (error) {
			const fix = error instanceof ParameterProblem ? `: ${error.fix}` : '';
			return { problem: `${node.name} (Hesi EBot Callback), item ${index}: ${(error as Error).message}${fix}` };
		}
	};
	let results: Array<{ result?: EbotResult; problem?: string }>;
	try {
		results = await mapWithConcurrency(items.length, concurrency, runItem);
	} finally {
		await client.close();
	}

	results.forEach(({ result, problem }, index) => {
		const item = items[index];
		if (!result) {
			outputs[outputIndex.failure].push(failedItem(item, index, action, problem ?? 'failed'));
			return;
		}
		const json: IDataObject = { ...item.json, ebot: result.ebot as unknown as IDataObject, delivery: result.delivery as unknown as IDataObject };
		if (result.fallbackDelivery) json.fallbackDelivery = result.fallbackDelivery as unknown as IDataObject;
		outputs[outputIndex[result.route]].push({ json, binary: item.binary, pairedItem: { item: index } });
	});
	return outputs;
}
