'use strict';
/**
 * Signatures per second of the signing engine next to a bare node:crypto loop computing the same
 * digest over the same bytes (the limit), for 1 KiB and 64 KiB bodies.
 *
 *   npm run build && npx node bench/signing/run.js
 *
 * Two bare loops are measured:
 * - "bare": createHmac(algorithm, secret) per message with the secret as configured (text) — what
 *   any signer that is handed the secret for a message pays; the overhead column compares with it.
 * - "floor": the key imported once, outside the loop, as a KeyObject — the absolute limit for
 *   HMAC schemes, shown for reference (the difference is node:crypto importing the key per HMAC).
 *
 * Options: BENCH_MS=<ms per measurement> (default 300), BENCH_ROUNDS=<rounds> (default 11),
 * BENCH_ONLY=<text> to run only the schemes whose name contains it (e.g. BENCH_ONLY=Standard).
 * Each figure is the best of the rounds, in signatures per CPU second of this process: on a shared
 * machine other work only ever slows a round down, so the fastest round is the least disturbed
 * one. Rounds alternate engine and baselines so that frequency changes hit all alike; every case
 * is warmed up (JIT) before any is measured.
 */
const { createHash, createHmac, createSecretKey } = require('node:crypto');
const path = require('node:path');

const signing = require(path.join(__dirname, '../../dist/nodes/shared/signing'));

const measureMs = Number(process.env.BENCH_MS ?? 300);
const rounds = Number(process.env.BENCH_ROUNDS ?? 11);

function body(size) {
	const unit = '{"event":"backlog.approving","flowId":"ID01abc","title":"报销单 travel 2024","amount":123.45},';
	return Buffer.from(('[' + unit.repeat(Math.ceil(size / unit.length)))).subarray(0, size - 1).toString('utf8').replace(/\uFFFD$/, '') + ']';
}

/**
 * Calls `fn` in batches for `measureMs` of wall time; returns calls per second of CPU time used by
 * this process (user + system), so that other processes competing for the cores slow neither side.
 */
function opsPerSecond(fn) {
	let calls = 0;
	let sink = 0;
	const deadline = process.hrtime.bigint() + BigInt(measureMs) * 1_000_000n;
	const cpuStart = process.cpuUsage();
	do {
		for (let i = 0; i < 64; i++) sink += fn().length;
		calls += 64;
	} while (process.hrtime.bigint() < deadline);
	const cpu = process.cpuUsage(cpuStart);
	if (sink === 0) throw new Error('unreachable: keeps the results alive');
	return calls / ((cpu.user + cpu.system) / 1e6);
}

function best(values) {
	return Math.max(...values);
}

const whsec = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const whsecText = whsec.slice('whsec_'.length);
const textSecret = 'It is a secret to everybody';
const messageId = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
const nowSeconds = () => Math.floor(Date.now() / 1000);

const cases = [
	{
		name: 'Standard Webhooks v1',
		options: { config: { scheme: 'standardWebhooks' }, secrets: [whsec], messageId },
		signature: (signed) => signed.headers['webhook-signature'],
		bare: (text) => 'v1,' + createHmac('sha256', whsecText, { encoding: 'base64' }).update(`${messageId}.${nowSeconds()}.`).update(text).digest('base64'),
		floorKey: createSecretKey(Buffer.from(whsecText, 'base64')),
		floor: (text, key) => 'v1,' + createHmac('sha256', key).update(`${messageId}.${nowSeconds()}.`).update(text).digest('base64'),
	},
	{
		name: 'GitHub sha256',
		options: { config: { scheme: 'github' }, secrets: [textSecret] },
		signature: (signed) => signed.headers['X-Hub-Signature-256'],
		bare: (text) => 'sha256=' + createHmac('sha256', textSecret).update(text).digest('hex'),
		floorKey: createSecretKey(Buffer.from(textSecret)),
		floor: (text, key) => 'sha256=' + createHmac('sha256', key).update(text).digest('hex'),
	},
	{
		name: 'Stripe',
		options: { config: { scheme: 'stripe' }, secrets: [textSecret] },
		signature: (signed) => signed.headers['Stripe-Signature'],
		bare: (text) => {
			const ts = nowSeconds();
			return `t=${ts},v1=` + createHmac('sha256', textSecret).update(`${ts}.`).update(text).digest('hex');
		},
		floorKey: createSecretKey(Buffer.from(textSecret)),
		floor: (text, key) => {
			const ts = nowSeconds();
			return `t=${ts},v1=` + createHmac('sha256', key).update(`${ts}.`).update(text).digest('hex');
		},
	},
	{
		// A plain SHA-1 with the secret inside the hashed text: there is no key to import.
		name: 'Jiandaoyun sha1',
		options: { config: { scheme: 'jiandaoyun' }, secrets: [textSecret], messageId, nonce: 'a8c3f1' },
		signature: (signed) => signed.headers['X-JDY-Signature'],
		bare: (text) => createHash('sha1').update('a8c3f1:').update(text).update(`:${textSecret}:${nowSeconds()}`).digest('hex'),
	},
];

const format = (value) => Math.round(value).toLocaleString('en').padStart(11);
console.log(`node ${process.version}; signatures per CPU second, best of ${rounds} rounds of ${measureMs} ms\n`);
console.log('scheme                 body      engine       bare   overhead      floor   vs floor');
const only = process.env.BENCH_ONLY; // optional: run only schemes whose name contains this text
const measured = [];
for (const size of [1024, 64 * 1024]) {
	const text = body(size);
	for (const entry of cases) {
		if (only && !entry.name.includes(only)) continue;
		const request = { method: 'POST', url: 'https://example.com/hook', headers: { 'content-type': 'application/json' }, body: text };
		const runs = {
			engine: () => entry.signature(signing.signRequest(request, entry.options)),
			bare: () => entry.bare(text),
		};
		if (entry.floor) runs.floor = () => entry.floor(text, entry.floorKey);
		// Same signature from all, so the baselines do the same work (checked within one second).
		for (const [name, run] of Object.entries(runs)) {
			if (run() !== runs.engine()) throw new Error(`${entry.name}: ${name} does not compute the engine's signature`);
		}
		measured.push({ name: entry.name, size, runs });
	}
}
for (const { runs } of measured) for (const run of Object.values(runs)) opsPerSecond(run);
for (const { name, size, runs } of measured) {
	const results = Object.fromEntries(Object.keys(runs).map((key) => [key, []]));
	for (let round = 0; round < rounds; round++) {
		for (const [key, run] of Object.entries(runs)) results[key].push(opsPerSecond(run));
	}
	const engine = best(results.engine);
	const bare = best(results.bare);
	const floor = results.floor ? best(results.floor) : undefined;
	const percent = (limit) => `${((limit / engine - 1) * 100).toFixed(1).padStart(7)} %`;
	console.log(
		`${name.padEnd(22)} ${(size / 1024 + ' KiB').padEnd(7)} ${format(engine)} ${format(bare)}  ${percent(bare)}` +
			(floor ? ` ${format(floor)}  ${percent(floor)}` : ''),
	);
}
