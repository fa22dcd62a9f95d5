#!/usr/bin/env node
// The chaos target (issue 14, "Chaos and fuzz"): a receiver on 127.0.0.1, in its own process so its
// work does not share n8n's event loop, that fails on purpose. Each attempt is decided from the seed,
// the message id (X-Message-Id) and the attempt's number for that id, so the same seed gives every
// attempt the same fate whatever order the requests arrive in:
//   20 % 5xx · 10 % connection reset · 5 % slower than the sender's timeout · 5 % 200 with a failing
//   keyword (`code` "0") · 60 % 200 `{"code":"1"}`.
// Usage: node chaosTarget.js <seed> <slowMs>  → prints {"port": N} once listening; a line "stats" on
// stdin prints the counts by message id as one JSON line.
'use strict';
const crypto = require('node:crypto');
const http = require('node:http');

const seed = String(process.argv[2] ?? '14');
const slowMs = Number(process.argv[3] ?? 3000);

/** A number in [0, 1) from the seed, the id and the attempt: a stable "dice roll" per attempt. */
function roll(id, attempt) {
	const digest = crypto.createHash('sha256').update(`${seed}\u0000${id}\u0000${attempt}`).digest();
	return digest.readUInt32BE(0) / 2 ** 32;
}

function fate(id, attempt) {
	const r = roll(id, attempt);
	if (r < 0.2) return 'serverError';
	if (r < 0.3) return 'reset';
	if (r < 0.35) return 'slow';
	if (r < 0.4) return 'keywordFailure';
	return 'ok';
}

const attempts = new Map(); // id → requests received
const acknowledged = new Map(); // id → 200 code 1 answered at once (the sender saw the success)
const late = new Map(); // id → 200 code 1 written after the sender's timeout (if its connection was still open)
const faults = { serverError: 0, reset: 0, slow: 0, keywordFailure: 0 };

const bump = (map, id) => map.set(id, (map.get(id) ?? 0) + 1);
const ok = Buffer.from('{"code":"1","message":"ok"}');
const keywordFailure = Buffer.from('{"code":"0","message":"refused by the chaos target"}');

const server = http.createServer((req, res) => {
	const id = String(req.headers['x-message-id'] ?? '');
	const attempt = attempts.get(id) ?? 0;
	bump(attempts, id);
	const kind = fate(id, attempt);
	if (kind !== 'ok') faults[kind]++;
	req.resume();
	req.on('end', () => {
		const json = { 'content-type': 'application/json' };
		switch (kind) {
			case 'serverError':
				res.writeHead(503, json).end('{"code":"503","message":"chaos: unavailable"}');
				return;
			case 'reset':
				req.socket.resetAndDestroy();
				return;
			case 'keywordFailure':
				res.writeHead(200, json).end(keywordFailure);
				return;
			case 'slow':
				// Answers 200 after the sender gave up: the work is done at the target, the sender
				// does not know it and sends again (a legitimate duplicate of the same id).
				// Under load the sender's timer can fire late and the late answer still reach it: such an
				// answer counts as written (`late`) once it went out, like a prompt one.
				setTimeout(() => {
					if (!res.destroyed) res.writeHead(200, json).end(ok, () => bump(late, id));
				}, slowMs);
				return;
			default:
				res.writeHead(200, json).end(ok, () => bump(acknowledged, id));
		}
	});
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => {
	process.stdout.write(JSON.stringify({ port: server.address().port, pid: process.pid }) + '\n');
});
process.stdin.on('data', (chunk) => {
	if (!chunk.toString().includes('stats')) return;
	const stats = {
		faults,
		attempts: Object.fromEntries(attempts),
		acknowledged: Object.fromEntries(acknowledged),
		late: Object.fromEntries(late),
	};
	process.stdout.write(JSON.stringify(stats) + '\n');
});
process.stdin.on('end', () => {
	server.closeAllConnections();
	server.close(() => process.exit(0));
});
