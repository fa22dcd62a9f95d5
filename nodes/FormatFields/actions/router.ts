import { type IDataObject, type IExecuteFunctions, type INodeExecutionData, NodeOperationError } from 'n8n-workflow';

import { type FieldError, type FormatContext, FieldLayoutError, createZonedClock } from '../../shared/fields';
import type { ItemOutcome } from './envelopeMembers';
import * as fields from './fields.operation';
import * as hesi from './hesi.operation';
import { successJson } from './itemOutput';
import * as jiandaoyun from './jiandaoyun.operation';
import * as ofsTodo from './ofsTodo.operation';
import * as standardWebhooks from './standardWebhooks.operation';

/** Output indexes, in the order of `outputNames`. */
const outputIndex = { success: 0, failure: 1 } as const;

const envelopes = { hesi, jiandaoyun, ofsTodo, standardWebhooks };

/** Every envelope's member settings, for the test that keeps them in step with the description. */
export const envelopeMemberSettings = Object.fromEntries(Object.entries(envelopes).map(([name, envelope]) => [name, envelope.memberSettings]));

type FormatItem = (this: IExecuteFunctions, itemIndex: number, formatContext: FormatContext) => ItemOutcome;

/** The operation of the item's mode and envelope. */
function operationOf(context: IExecuteFunctions, itemIndex: number): FormatItem {
	if ((context.getNodeParameter('mode', itemIndex) as string) === 'fields') return fields.execute;
	const envelope = context.getNodeParameter('envelope', itemIndex) as string;
	if (Object.hasOwn(envelopes, envelope)) return envelopes[envelope as keyof typeof envelopes].execute;
	throw new NodeOperationError(context.getNode(), `Unknown envelope '${envelope}'`, {
		itemIndex,
		description: 'Choose Hesi Outbound Body, Jiandaoyun Push, OFS Unified To-Do or Standard Webhooks Event',
	});
}

/** Failure items carry the first error's details at the top and every error in `errors`. */
function failureJson(input: IDataObject, errors: readonly FieldError[]): IDataObject {
	// n8n drops undefined values from item JSON; a missing value is shown as null.
	const shown = errors.map((error) => ({ ...error, received: error.received ?? null }) as unknown as IDataObject);
	return { ...input, error: { ...shown[0], errors: shown } };
}

function readFormatContext(context: IExecuteFunctions): FormatContext {
	const options = context.getNodeParameter('options', 0, {}) as IDataObject;
	const timeZone = typeof options.timeZone === 'string' && options.timeZone.trim() !== '' ? options.timeZone.trim() : context.getTimezone();
	try {
		return { clock: createZonedClock(timeZone), collectNotes: options.includeNotes === true };
	} catch (error) {
		throw new NodeOperationError(context.getNode(), (error as Error).message, {
			description: 'Set Options → Time Zone to an IANA name such as Asia/Shanghai, or leave it empty for the workflow time zone',
		});
	}
}

/**
 * Formats every item with the operation of its mode: a body goes to Success, an item whose values
 * do not fit goes to Failure with every error, and the rest of the batch carries on.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const outputs: INodeExecutionData[][] = [[], []];
	const formatContext = readFormatContext(this);

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const input = items[itemIndex].json;
		try {
			const outcome = operationOf(this, itemIndex).call(this, itemIndex, formatContext);
			if (!outcome.ok) {
				outputs[outputIndex.failure].push({ json: failureJson(input, outcome.errors), pairedItem: { item: itemIndex } });
				continue;
			}
			const json = successJson(this, itemIndex, input, outcome.body, outcome.notes);
			outputs[outputIndex.success].push({ json, pairedItem: { item: itemIndex } });
		} catch (error) {
			const nodeError =
				error instanceof NodeOperationError
					? error
					: new NodeOperationError(this.getNode(), (error as Error).message, {
							itemIndex,
							description: error instanceof FieldLayoutError ? error.hint : undefined,
						});
			if (!this.continueOnFail()) throw nodeError;
			outputs[outputIndex.failure].push({
				json: { ...input, error: { message: nodeError.message, description: nodeError.description ?? null } },
				pairedItem: { item: itemIndex },
			});
		}
	}
	return outputs;
}
