// The floor of a webhook trigger inside n8n (bench/trigger/run.js): a community trigger node that
// answers 200 and starts nothing, shaped like our triggers' typeVersion 2 (one POST webhook whose
// description resolves without n8n's expression engine, no expression read, n8n parses the body).
// What n8n spends on a request to it is what n8n itself spends before and after any trigger node's
// webhook(); our rejected-request cost is reported as a ratio to it. Bench only: loaded as a custom
// extension (N8N_CUSTOM_EXTENSIONS=bench/trigger/floor), node type `CUSTOM.floorTrigger`.
'use strict';

const resolvers = Symbol.for('n8n.webhookDescriptionResolvers');
const pathField = { template: '={{$parameter["path"]}}', resolve: (parameters) => parameters.path };

const webhook = { name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: pathField.template, isFullPath: true };
Object.defineProperty(webhook, resolvers, { value: { path: pathField }, enumerable: false });

class FloorTrigger {
	constructor() {
		this.description = {
			displayName: 'Floor Trigger (bench)',
			name: 'floorTrigger',
			group: ['trigger'],
			version: 2,
			description: 'Answers 200 and starts nothing',
			defaults: { name: 'Floor Trigger' },
			inputs: [],
			outputs: ['main'],
			webhooks: [webhook],
			properties: [{ displayName: 'Path', name: 'path', type: 'string', default: '' }],
		};
	}

	async webhook() {
		const response = this.getResponseObject();
		response.statusCode = 200;
		response.setHeader('content-type', 'application/json; charset=utf-8');
		response.end('{"ok":true}');
		return { noWebhookResponse: true };
	}
}

module.exports = { FloorTrigger };
