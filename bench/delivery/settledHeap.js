// `--settle-heap 1`: a full garbage collection in n8n before each measured run, so each run starts
// from the same collected heap instead of inheriting the previous run's garbage. n8n's heap holds
// earlier executions (RSS 1.3 → 1.7 GiB here): whichever run an old-generation collection lands in
// pays for it, and the main thread's CPU for the same 10,000 items then ranges ±30 % from run to
// run. n8n runs with its inspector on 127.0.0.1 (a port of its choosing, read from its log); the
// bench asks V8 for the collection through it (HeapProfiler.collectGarbage) and nothing else.
'use strict';
const fs = require('node:fs');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** NODE_OPTIONS for n8n: its inspector on a free local port. */
const inspectorOption = '--inspect=127.0.0.1:0';

/** Connects to the inspector n8n announced in its log; `collect()` resolves after a full collection. */
async function connectToHeap(logFile, timeoutMs = 30000) {
	const started = Date.now();
	let url;
	while (url === undefined) {
		const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '';
		url = /Debugger listening on (ws:\/\/127\.0\.0\.1:\d+\/[\w-]+)/.exec(log)?.[1];
		if (url === undefined && Date.now() - started > timeoutMs) throw new Error(`n8n did not announce its inspector in ${logFile}`);
		if (url === undefined) await sleep(100);
	}
	const socket = new WebSocket(url);
	await new Promise((resolve, reject) => {
		socket.addEventListener('open', resolve, { once: true });
		socket.addEventListener('error', () => reject(new Error(`cannot connect to n8n's inspector at ${url}`)), { once: true });
	});
	let nextId = 1;
	const waiting = new Map();
	socket.addEventListener('message', (event) => {
		const reply = JSON.parse(String(event.data));
		waiting.get(reply.id)?.(reply);
		waiting.delete(reply.id);
	});
	return {
		collect: () =>
			new Promise((resolve, reject) => {
				const id = nextId++;
				waiting.set(id, (reply) => (reply.error ? reject(new Error(reply.error.message)) : resolve()));
				socket.send(JSON.stringify({ id, method: 'HeapProfiler.collectGarbage' }));
			}),
		close: () => socket.close(),
	};
}

module.exports = { connectToHeap, inspectorOption };
