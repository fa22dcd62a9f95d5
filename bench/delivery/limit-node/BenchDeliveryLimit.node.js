// (d) of the delivery benchmark: the limit measured inside n8n. A bench-only node, never shipped:
// run.js copies this file into a folder it names in N8N_CUSTOM_EXTENSIONS, so n8n loads it as
// `CUSTOM.benchDeliveryLimit` into the same process as Send Outbound Message. Its execute() runs
// bare-undici.js's loop, unchanged: one undici Pool for the target's origin (as many connections as
// items in flight, pipelining 1), N workers each POSTing the next item's JSON with
// `content-type: application/json` and reading the whole answer with body.text(). It uses the very
// undici module our installed package loads (undici-path.json, written by run.js), opens its Pool
// per run as our node does, and returns the input items with their lineage. Nothing else: no
// record, no message id, no success rule, no parameter reads but the two below.
'use strict';
const { Pool } = require(require('./undici-path.json'));

class BenchDeliveryLimit {
	constructor() {
		this.description = {
			displayName: 'Bench Delivery Limit',
			name: 'benchDeliveryLimit',
			group: ['output'],
			version: 1,
			description: 'Bench only: POST each item as JSON with a bare undici Pool',
			defaults: { name: 'Bench Delivery Limit' },
			inputs: ['main'],
			outputs: ['main'],
			properties: [
				{ displayName: 'URL', name: 'url', type: 'string', default: '' },
				{ displayName: 'Concurrency', name: 'concurrency', type: 'number', default: 16 },
			],
		};
	}

	async execute() {
		const items = this.getInputData();
		const url = new URL(this.getNodeParameter('url', 0));
		const concurrency = this.getNodeParameter('concurrency', 0);
		const requestPath = `${url.pathname}${url.search}`;
		const pool = new Pool(url.origin, { connections: concurrency, pipelining: 1 });
		const output = new Array(items.length);
		let next = 0;
		let failed = 0;
		async function worker() {
			while (next < items.length) {
				const i = next++;
				const response = await pool.request({
					path: requestPath,
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify(items[i].json),
				});
				await response.body.text();
				if (response.statusCode !== 200) failed++;
				output[i] = { json: items[i].json, pairedItem: { item: i } };
			}
		}
		try {
			await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
		} finally {
			await pool.close();
		}
		if (failed > 0) throw new Error(`Bench Delivery Limit: ${failed} of ${items.length} answers were not 200`);
		return [output];
	}
}

module.exports = { BenchDeliveryLimit };
