// (d) of the delivery benchmark: the limit measured inside n8n. A bench-only node, never shipped:
// run.js copies this file into a folder it names in N8N_CUSTOM_EXTENSIONS, so n8n loads it as
// `CUSTOM.benchDeliveryLimit` into the same process as Send Outbound Message. Its execute() runs
// bare-undici.js's loop, unchanged: one undici Pool for the target's origin (as many connections as
// items in flight, pipelining 1), N workers each POSTing the next item's JSON with
// `content-type: application/json` and reading the whole answer with body.text(). It uses the very
// undici module our installed package loads (undici-path.json, written by run.js), opens its Pool
// per run as our node does, and returns the input items with their lineage. Nothing else: no
// record, no message id, no success rule, no parameter reads but the three below.
// API "dispatch" ((d′) in run.js) swaps pool.request() + body.text() for a minimal dispatch handler
// that keeps the body's chunks and decodes them, the lower-level call our httpClient.ts makes: the
// fastest undici loop, so (a) ÷ (d′) is our code's cost with the client's choice of API taken out.
'use strict';
const { Pool } = require(require('./undici-path.json'));

/** One exchange through pool.dispatch(): the status and the whole body as text. */
function dispatchOnce(pool, options) {
	return new Promise((resolve, reject) => {
		let statusCode = 0;
		const chunks = [];
		pool.dispatch(options, {
			onRequestStart() {},
			onResponseStart(_controller, status) {
				if (status >= 200) statusCode = status;
			},
			onResponseData(_controller, chunk) {
				chunks.push(chunk);
			},
			onResponseEnd() {
				const body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
				resolve({ statusCode, text: body.toString('utf8') });
			},
			onResponseError(_controller, error) {
				reject(error);
			},
		});
	});
}

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
				{
					displayName: 'API',
					name: 'api',
					type: 'options',
					options: [
						{ name: 'pool.request() + body.text() (as bare-undici.js)', value: 'request' },
						{ name: 'pool.dispatch() with a minimal handler', value: 'dispatch' },
					],
					default: 'request',
				},
			],
		};
	}

	async execute() {
		const items = this.getInputData();
		const url = new URL(this.getNodeParameter('url', 0));
		const concurrency = this.getNodeParameter('concurrency', 0);
		const dispatch = this.getNodeParameter('api', 0) === 'dispatch';
		const requestPath = `${url.pathname}${url.search}`;
		const pool = new Pool(url.origin, { connections: concurrency, pipelining: 1 });
		const output = new Array(items.length);
		let next = 0;
		let failed = 0;
		async function worker() {
			while (next < items.length) {
				const i = next++;
				const options = { path: requestPath, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(items[i].json) };
				if (dispatch) {
					const { statusCode } = await dispatchOnce(pool, options);
					if (statusCode !== 200) failed++;
				} else {
					const response = await pool.request(options);
					await response.body.text();
					if (response.statusCode !== 200) failed++;
				}
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
