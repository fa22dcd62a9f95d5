#!/usr/bin/env node
// The benchmarks' target: answers every request 200 with a small JSON body, keep-alive on.
// Runs as its own process so it does not share a CPU with what is measured.
// Usage: node bench/delivery/target.js [port]   → prints {"port": N, "pid": N} once listening.
'use strict';
const http = require('node:http');

let received = 0;
const body = Buffer.from('{"code":"1","message":"ok"}');
const server = http.createServer((req, res) => {
	req.resume();
	req.on('end', () => {
		received++;
		res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
		res.end(body);
	});
});
server.keepAliveTimeout = 60000;
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
	process.stdout.write(JSON.stringify({ port: server.address().port, pid: process.pid }) + '\n');
});
// The parent asks how many requests arrived by sending "count\n".
process.stdin.on('data', (chunk) => {
	if (chunk.toString().includes('count')) process.stdout.write(JSON.stringify({ received }) + '\n');
});
process.stdin.on('end', () => server.close(() => process.exit(0)));
