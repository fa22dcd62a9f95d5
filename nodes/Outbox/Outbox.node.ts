import { actionNodeType, successOrFailure } from '../shared/n8nActionNode';
import { stateStoreCredentialName } from '../shared/store/n8nStateStore';
import { properties } from './actions/operation';
import { router } from './actions/router';

export class Outbox extends actionNodeType({
	displayName: 'Outbox',
	group: ['transform'],
	version: 1,
	subtitle: '={{ $parameter["operation"] }}',
	description:
		'Park failed outbound messages and push them again on a schedule (补偿), search the push log (推送日志), re-push in batches and clean up',
	...successOrFailure,
	credentials: [
		// Optional: without it the node uses the embedded file in the n8n folder (DESIGN.md §5).
		{ name: stateStoreCredentialName, required: false },
	],
	properties,
	execute: router,
}) {}
