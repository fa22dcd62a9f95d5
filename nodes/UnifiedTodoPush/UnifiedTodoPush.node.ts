import { actionNodeType } from '../shared/n8nActionNode';
import { stateStoreCredentialName } from '../shared/store/n8nStateStore';
import { properties } from './actions/properties';
import { router } from './actions/router';
import { outputNames, todoPushOutputs } from './settings/outputs';

/**
 * Unified Todo Push (seed 002, 统一待办推送): thin; the parameters are in actions/properties.ts and
 * settings/, the engine in nodes/shared/todo/.
 */
export class UnifiedTodoPush extends actionNodeType({
	displayName: 'Unified Todo Push',
	group: ['output'],
	version: 1,
	subtitle: '={{ $parameter["operation"] === "preview" ? "Preview addresses" : "Push to " + ($parameter["systemName"] || $parameter["sysCode"]) }}',
	description:
		'Push to-dos (待办, done, finished, CC, deleted) to e-cology, E10, ESB, Landray EKP, DingTalk, WeCom or any HTTP target, with interception, duplicate filtering, compensation and push addresses (统一待办推送)',
	// Success, Ignored, Failure; and Held while the circuit breaker is on (settings/outputs.ts).
	outputs: todoPushOutputs,
	outputNames,
	// One credential per target kind that has secrets (targets/index.ts targetPieces), written out for n8n's lint.
	credentials: [
		{ name: 'todoE10Api', required: true, displayOptions: { show: { adapter: ['e10'] } } },
		{ name: 'todoLandrayApi', required: false, displayOptions: { show: { adapter: ['landraySoap'] } } },
		{ name: 'todoDingtalkApi', required: true, displayOptions: { show: { adapter: ['dingtalk'] } } },
		{ name: 'todoWecomApi', required: true, displayOptions: { show: { adapter: ['wecom'] } } },
		// Records of what was pushed, the breaker's state and the push log; without it, the embedded file in the n8n folder.
		{ name: stateStoreCredentialName, required: false },
	],
	properties,
	execute: router,
}) {}
