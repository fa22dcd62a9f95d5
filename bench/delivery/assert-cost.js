#!/usr/bin/env node
// Why undici costs more per request inside n8n than in bare-undici.js: n8n 2.41's main process
// loads node-machine-id (through @n8n_io/license-sdk) at start-up, and that package's bundled
// core-js polyfills invalidate two of V8's process-wide "protectors" (ArrayIteratorLookupChain and
// PromiseSpeciesLookupChain). From then on every call that spreads an array takes the generic
// iterator path. node:assert's `ok(...args)` does exactly that, and undici's HTTP/1.1 client calls
// assert() about 37 times per request (10 of them for a 5-header response).
//
// Prints the cost of one `assert(true)` before and after loading node-machine-id, in this process.
// Usage: npx node bench/delivery/assert-cost.js
'use strict';
const assert = require('node:assert');
const path = require('node:path');

function nsPerAssert() {
	let best = Infinity;
	for (let round = 0; round < 5; round++) {
		const started = process.hrtime.bigint();
		for (let i = 0; i < 2_000_000; i++) assert(i >= 0);
		best = Math.min(best, Number(process.hrtime.bigint() - started) / 2_000_000);
	}
	return best;
}

const before = nsPerAssert();
require(path.join(__dirname, '../../test/e2e/n8n/node_modules/node-machine-id'));
const after = nsPerAssert();
console.log(
	`assert(true): ${before.toFixed(1)} ns in a fresh process, ${after.toFixed(1)} ns after require('node-machine-id') ` +
		`(as in n8n); × 37 per undici request = ${((37 * (after - before)) / 1000).toFixed(1)} µs more per request`,
);
