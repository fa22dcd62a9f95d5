// The delivery bench's printed report: a Markdown table, the ratios against the goals, CPU per item.
'use strict';

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const mib = (bytes) => `${Math.round(bytes / 1024 / 1024)} MiB`;
const percent = (ratio) => `${Math.round(100 * ratio)} %`;
const load = (l) => l.map((x) => x.toFixed(2)).join(' ');

/** µs of CPU per item from a run's CPU ms by n8n thread group: the main thread and all threads. */
function perItem(cpu, items) {
	const total = Object.values(cpu.n8n).reduce((sum, ms) => sum + ms, 0);
	return (
		`delivery window: main ${cpu.windowMainUs} µs, all n8n threads ${cpu.windowAllUs} µs; ` +
		`whole execution: main ${((1000 * cpu.n8n.main) / items).toFixed(1)} µs, all n8n threads ${((1000 * total) / items).toFixed(1)} µs, target ${((1000 * cpu.target) / items).toFixed(1)} µs`
	);
}

function report({ measured, items, concurrency, rounds, skipPushLog, limitRatios, dispatchRatios, logRatios }) {
	const ours = measured.ours.itemsPerSecond;
	const rows = [
		['(a) Send Outbound Message (ours)', measured.ours],
		...(skipPushLog ? [] : [['(a′) ours with the push log (embedded file)', measured.oursLogged]]),
		['(d) the limit inside n8n: undici Pool loop in a minimal node', measured.limit],
		['(d′) the same with pool.dispatch()', measured.limitDispatch],
		['(b) HTTP Request, default settings', measured.httpDefault],
		['(b′) HTTP Request, batching 16 / 0 ms', measured.httpBatched],
		['(c) bare undici Pool, own process', measured.bare],
	];
	const ran = rows.filter(([, m]) => m?.itemsPerSecond);
	const failed = rows.filter(([, m]) => m?.error).map(([label, m]) => `${label}: failed (${m.error})`);
	const http = (key) => (measured[key]?.itemsPerSecond ? `${(ours / measured[key].itemsPerSecond).toFixed(1)}×` : 'not measured');
	const lines = [
		`${items} items, ${concurrency} in flight (ours, the limit node and bare undici), Node ${process.versions.node}, n8n 2.41.1; ` +
			`load average ${load(measured.load.before)} before, ${load(measured.load.after)} after`,
		`median of ${rounds} alternating rounds — ours: ${measured.ours.runs.join(', ')}; (d): ${measured.limit.runs.join(', ')}; (d′): ${measured.limitDispatch.runs.join(', ')}; bare: ${measured.bare.runs.join(', ')} items/s`,
		'',
		'| variant | items/s | node time | RSS before → peak | ours ÷ this |',
		'| --- | ---: | ---: | ---: | ---: |',
		...ran.map(
			([label, m]) =>
				`| ${label} | ${Math.round(m.itemsPerSecond)} | ${m.nodeMs ? `${(m.nodeMs / 1000).toFixed(2)} s` : '–'} | ${m.rssBeforeBytes ? `${mib(m.rssBeforeBytes)} → ` : ''}${mib(m.peakRssBytes)} | ${(ours / m.itemsPerSecond).toFixed(2)}× |`,
		),
		'',
		`ours ÷ (d) the limit inside n8n = ${percent(median(limitRatios))} (median of ${rounds} paired rounds: ${measured.limitRatios.join(', ')}; ` +
			`ratio of medians ${percent(ours / measured.limit.itemsPerSecond)}; goal ≥ 90 %)`,
		`ours ÷ (d′) the limit with pool.dispatch() = ${percent(median(dispatchRatios))} (paired: ${measured.dispatchRatios.join(', ')}; ` +
			`ratio of medians ${percent(ours / measured.limitDispatch.itemsPerSecond)})`,
		`ours ÷ (b) default = ${http('httpDefault')} (goal ≥ 20×); ours ÷ (b′) batched = ${http('httpBatched')}; ` +
			`ours ÷ (c) bare = ${percent(ours / measured.bare.itemsPerSecond)}; (d) ÷ (c) = ${percent(measured.limit.itemsPerSecond / measured.bare.itemsPerSecond)}`,
		...failed,
		...(skipPushLog ? [] : [`push log: (a′) ÷ (a) = ${percent(median(logRatios))} (median of ${rounds} paired rounds: ${measured.pushLogRatios.join(', ')}; goal ≥ 90 %)`]),
	];
	if (measured.cpu) {
		lines.push('', 'n8n CPU per item (medians; /proc: delivery window from schedstat, whole execution from 10 ms ticks):');
		for (const [key, cpu] of Object.entries(measured.cpu)) lines.push(`- ${key}: ${perItem(cpu, items)}`);
		lines.push(`- bare (own process, measured run only): ${measured.bareCpuMicrosecondsPerItem} µs`);
		lines.push('CPU ms per run by thread group (median): ' + JSON.stringify(measured.cpu));
	}
	return lines.join('\n');
}

module.exports = { report };
