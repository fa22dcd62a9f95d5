/**
 * The eight triggers under fuzz, each published in a workflow of its own (trigger → No Op) with a
 * signing credential set, and how to sign a request for each (so a bad body can come with a valid
 * signature and reach the body checks, not only the signature check).
 */
import {
	hesiApprovalSample,
	hesiBusinessObjectSample,
	hesiEbotSample,
	hesiInternalMessageSample,
	hesiLoanSample,
	hesiMessageCenterSample,
	jiandaoyunSample,
	ofsTodoSample,
} from '../../nodes/shared/events/samples';
import { type SourceRequest, hesiHeaderPost, jiandaoyunPush, standardWebhooksPost } from '../e2e/triggers/senders';

const pkg = 'n8n-nodes-outbound-messages';

/** Every secret string put in a credential below (the Standard Webhooks ones also without `whsec_`). */
export const secretStrings: readonly string[] = [
	'rel-hesi-signkey-9d41c7be2f06a3',
	'relJdySecret5e0b7f13c9d2a4e6',
	'whsec_cmVsaWFiaWxpdHktZnV6ei1zZWNyZXQtMQ==',
	'cmVsaWFiaWxpdHktZnV6ei1zZWNyZXQtMQ==',
	'whsec_cmVsaWFiaWxpdHktcHJldmlvdXMtc2VjcmV0',
	'cmVsaWFiaWxpdHktcHJldmlvdXMtc2VjcmV0',
	'rel-hesi-appsecurity-8c2e5f90a7',
];

/** Test-only secrets of this run: step 3 searches every saved execution for each of them. */
export const fuzzCredentials = [
	{ id: 'relFuzzHesiKey01', name: 'reliability: Hesi signKey', type: 'outboundSigningSecret', data: { scheme: 'hesiSignKey', secret: secretStrings[0], hesiLocation: 'header', hesiFieldName: 'signKey' } },
	{ id: 'relFuzzJdySec001', name: 'reliability: Jiandaoyun secret', type: 'outboundSigningSecret', data: { scheme: 'jiandaoyun', secret: secretStrings[1] } },
	{
		id: 'relFuzzSwSec0001',
		name: 'reliability: Standard Webhooks secret',
		type: 'outboundSigningSecret',
		data: { scheme: 'standardWebhooks', standardWebhooksVariant: 'v1', secret: secretStrings[2], previousSecrets: secretStrings[4], signWithAllSecrets: false },
	},
	{ id: 'relHesiApiCred01', name: 'reliability: Hesi API (unused by the triggers)', type: 'hesiApi', data: { baseUrl: 'http://127.0.0.1:9', appKey: 'rel-hesi-appkey-31b7', appSecurity: secretStrings[6] } },
];


const hesiKey = secretStrings[0];
const jdySecret = secretStrings[1];
const swSecret = secretStrings[2];

export interface FuzzTarget {
	/** n8n node type without the package prefix. */
	type: string;
	path: string;
	workflowId: string;
	credential: (typeof fuzzCredentials)[number];
	/** A good request: the trigger accepts it and starts one execution. */
	good(): SourceRequest;
	/** Signs any body the way this trigger's sender would. */
	sign(body: string): SourceRequest;
	/** Body field names the family's schema types: the fuzz gives them wrong types. */
	keyFields: string[];
}

let deliverySerial = 0;

function hesi(type: string, path: string, sample: () => Record<string, unknown>, keyFields: string[]): Omit<FuzzTarget, 'workflowId'> {
	return {
		type,
		path,
		credential: fuzzCredentials[0],
		good: () => hesiHeaderPost(path, { ...sample(), flowId: `ID-good-${Date.now()}-${deliverySerial++}` }, { key: hesiKey }),
		sign: (body) => ({ pathAndQuery: path, headers: { 'content-type': 'application/json', signKey: hesiKey }, body }),
		keyFields,
	};
}

const targetList: Array<Omit<FuzzTarget, 'workflowId'>> = [
	hesi('hesiApprovalEventTrigger', 'rel-fuzz-hesi-approval', () => hesiApprovalSample(), ['action', 'actionName', 'userInfo', 'flowId', 'nodeId']),
	hesi('hesiBusinessObjectTrigger', 'rel-fuzz-hesi-object', () => hesiBusinessObjectSample(), ['action', 'entityName', 'dataLinkId']),
	hesi('hesiMessageCenterTrigger', 'rel-fuzz-hesi-message-center', () => hesiMessageCenterSample(), ['messageName', 'userInfo', 'flowId']),
	hesi('hesiEbotTrigger', 'rel-fuzz-hesi-ebot', () => hesiEbotSample(), ['flowId', 'nodeId', 'action']),
	hesi('hesiLoanEventTrigger', 'rel-fuzz-hesi-loan', () => hesiLoanSample(), ['action', 'internalMessageNameType', 'userInfo', 'flowId']),
	hesi('hesiInternalMessageTrigger', 'rel-fuzz-hesi-internal', () => hesiInternalMessageSample(), ['internalMessageNameType', 'internalMessageName', 'userInfo', 'flowId']),
	{
		type: 'jiandaoyunPushTrigger',
		path: 'rel-fuzz-jdy',
		credential: fuzzCredentials[1],
		good: () => jiandaoyunPush('rel-fuzz-jdy', jiandaoyunSample(), { secret: jdySecret, deliverId: `good-${Date.now()}-${deliverySerial++}` }),
		sign: (body) => jiandaoyunPush('rel-fuzz-jdy', body, { secret: jdySecret, deliverId: `fuzz-${deliverySerial++}` }),
		keyFields: ['op', 'data', 'data.to', 'data.type'],
	},
	{
		type: 'unifiedTodoTrigger',
		path: 'rel-fuzz-ofs',
		credential: fuzzCredentials[2],
		good: () => standardWebhooksPost('rel-fuzz-ofs', { ...ofsTodoSample(), flowid: `good-${Date.now()}-${deliverySerial++}` }, { secret: swSecret }),
		sign: (body) => standardWebhooksPost('rel-fuzz-ofs', body, { secret: swSecret }),
		keyFields: ['syscode', 'flowid', 'isremark', 'receiver', 'requestname', 'code', 'data'],
	},
];
export const fuzzTargets: FuzzTarget[] = targetList.map((target, n) => ({ ...target, workflowId: `relFuzzTrigger0${n + 1}` }));

export function fuzzWorkflows() {
	return fuzzTargets.map((target, n) => ({
		id: target.workflowId,
		name: `reliability: fuzz ${target.type}`,
		active: true,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: `f0220000-0014-4000-8000-00000000000${n + 1}`,
				name: 'Trigger',
				type: `${pkg}.${target.type}`,
				typeVersion: 1,
				position: [0, 0],
				webhookId: `f0220000-0014-4000-9000-00000000000${n + 1}`,
				parameters: {
					path: target.path,
					signatureCheck: target.type === 'jiandaoyunPushTrigger' ? 'jiandaoyun' : 'credential',
					triggerOptions: {},
				},
				credentials: { outboundSigningSecret: { id: target.credential.id, name: target.credential.name } },
			},
			{ id: `f0220000-0014-4000-8000-00000000001${n + 1}`, name: 'No Op', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [250, 0], parameters: {} },
		],
		connections: { Trigger: { main: [[{ node: 'No Op', type: 'main', index: 0 }]] } },
	}));
}
