// The floor of an accepted event inside n8n (bench/trigger/run.js, workload (1)): a community trigger
// node that starts an execution with the request's JSON body as its one item and checks nothing,
// shaped like our triggers' typeVersion 2 (one POST webhook whose description resolves without n8n's
// expression engine; n8n parses the body and answers once the execution is stored, `onReceived`).
// What n8n spends on a request to it is the least any community trigger that starts an execution can
// cost; n8n's own Webhook node is compared with it too. Bench only: loaded as a custom extension
// (N8N_CUSTOM_EXTENSIONS=bench/trigger/floor), node type `CUSTOM.floorAcceptTrigger`.
'use strict';

const resolvers = Symbol.for('n8n.webhookDescriptionResolvers');
const pathField = { template: '={{$parameter["path"]}}', resolve: (parameters) => parameters.path };

const webhook = { name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: pathField.template, isFullPath: true };
Object.defineProperty(webhook, resolvers, { value: { path: pathField }, enumerable: false });

class FloorAcceptTrigger {
	constructor() {
		this.description = {
			displayName: 'Floor Accept Trigger (bench)',
			name: 'floorAcceptTrigger',
			group: ['trigger'],
			version: 2,
			description: 'Starts an execution with the body as its item and checks nothing',
			defaults: { name: 'Floor Accept Trigger' },
			inputs: [],
			outputs: ['main'],
			webhooks: [webhook],
			properties: [{ displayName: 'Path', name: 'path', type: 'string', default: '' }],
		};
	}

	async webhook() {
		return { workflowData: [[{ json: this.getBodyData() }]], webhookResponse: 'success' };
	}
}

module.exports = { FloorAcceptTrigger };
