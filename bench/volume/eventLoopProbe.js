// Preloaded into n8n by bench/volume/run.js (NODE_OPTIONS='--require <this file>'): measures n8n's
// own event loop with perf_hooks.monitorEventLoopDelay. Every 100 ms it keeps the largest delay of
// the last interval with its time, so the bench can take the maximum inside any window (the
// delivering node's run, the whole execution); SIGUSR2 writes the series and the whole histogram
// since the last SIGUSR2 (max, p99, mean, in ms) to $BENCH_EVENT_LOOP_DIR/<pid>.json and starts anew.
// Only in the process that has BENCH_EVENT_LOOP_DIR set and is n8n's main process (not a task runner).
'use strict';
const dir = process.env.BENCH_EVENT_LOOP_DIR;
if (dir && !process.env.N8N_RUNNERS_GRANT_TOKEN && !process.argv.some((arg) => arg.includes('task-runner'))) {
	const fs = require('node:fs');
	const path = require('node:path');
	const { monitorEventLoopDelay } = require('node:perf_hooks');
	const whole = monitorEventLoopDelay({ resolution: 10 });
	const interval = monitorEventLoopDelay({ resolution: 10 });
	whole.enable();
	interval.enable();
	let series = [];
	const ms = (ns) => Math.round(ns / 1e4) / 100;
	const timer = setInterval(() => {
		if (interval.count > 0) series.push([Date.now(), ms(interval.max)]);
		interval.reset();
	}, 100);
	timer.unref();
	process.on('SIGUSR2', () => {
		const file = path.join(dir, `${process.pid}.json`);
		const report = { pid: process.pid, max: ms(whole.max), p99: ms(whole.percentile(99)), mean: ms(whole.mean), series };
		fs.writeFileSync(`${file}.tmp`, JSON.stringify(report));
		fs.renameSync(`${file}.tmp`, file);
		whole.reset();
		series = [];
	});
}
