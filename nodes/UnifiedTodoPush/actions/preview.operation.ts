import { type IExecuteFunctions, type INodeExecutionData, NodeOperationError } from 'n8n-workflow';

import { ParameterReader } from '../../SendOutboundMessage/parameterReader';
import { type PersonTable, mapPerson, previewAddresses } from '../../shared/todo/rules';
import { settingsError } from '../settings/read';
import { readAddressSettings, readPersonMapping } from '../settings/readRules';

/**
 * Preview Addresses (seed 002's 推送地址预览): for each input item, the PC, app and adaptive links
 * the receiver would get for the flow under the node's templates and person mapping. Nothing is
 * sent and nothing is recorded.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const params = new ParameterReader(this);
	const node = this.getNode();
	let addresses;
	try {
		addresses = readAddressSettings(params);
	} catch (error) {
		throw settingsError(this, 'addresses', (error as Error).message);
	}
	const mapping = readPersonMapping(params);
	const timeZone = String(params.get<unknown>('targetTimeZone', 0, 'Asia/Shanghai') ?? '').trim() || 'Asia/Shanghai';
	const results: INodeExecutionData[] = [];
	for (let index = 0; index < Math.max(items.length, 1); index++) {
		try {
			const text = (name: string) => String(this.getNodeParameter(name, index, '') ?? '').trim();
			const oaReceiver = text('previewReceiver');
			let receiver = oaReceiver;
			if (mapping && oaReceiver !== '') {
				const table: PersonTable = mapping.tableOf(items[index]?.json ?? {}, index);
				receiver = mapPerson(table, oaReceiver, mapping.settings, 'receiver');
			}
			const links = previewAddresses(
				{ flowId: text('previewFlowId'), receiver, pcUrl: text('previewPcUrl') || undefined, appUrl: text('previewAppUrl') || undefined, tenantKey: addresses.tenantKey },
				addresses.templates,
				{ now: Date.now(), timeZone, tenantKey: addresses.tenantKey, oaBaseUrl: addresses.oaBaseUrl },
			);
			results.push({ json: { flowId: text('previewFlowId'), receiver, oaReceiver, ...links }, pairedItem: { item: index } });
		} catch (error) {
			const description = (error as { description?: string }).description;
			const problem = new NodeOperationError(node, `Cannot preview the addresses in node "${node.name}": ${(error as Error).message}`, {
				itemIndex: index,
				description: description ?? 'Check "Flow ID" (digits only) and "Receiver", and the templates under "Push Addresses"',
			});
			if (!this.continueOnFail()) throw problem;
			results.push({ json: { error: problem.message }, pairedItem: { item: index } });
		}
	}
	return [results];
}
