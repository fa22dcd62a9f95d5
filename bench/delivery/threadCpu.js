// CPU time per thread of a process, from /proc (Linux): where a variant's time goes inside n8n
// (the main thread, the store's writer thread, V8's and libuv's helpers) and in the target process.
// Clock ticks are 10 ms; summed over a run of ~0.7 s and a median of rounds, enough to compare.
'use strict';
const fs = require('node:fs');

const tickMs = 10; // USER_HZ is 100 on Linux

/** { tid: { name, ms } } for every thread of `pid` now. */
function threadTimes(pid) {
	const times = {};
	for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
		let stat;
		try {
			stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
		} catch {
			continue; // ended between the listing and the read
		}
		// The name is in parentheses and may hold spaces: the fields after it are space-separated.
		const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		times[tid] = { name, ms: (Number(fields[11]) + Number(fields[12])) * tickMs };
	}
	return times;
}

/** As threadTimes, from /proc/<pid>/task/<tid>/schedstat: time on a CPU in ns, not 10 ms ticks. */
function threadTimesPrecise(pid) {
	const times = {};
	for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
		try {
			const name = fs.readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
			const ns = Number(fs.readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
			times[tid] = { name, ms: ns / 1e6 };
		} catch {
			continue; // ended between the listing and the read
		}
	}
	return times;
}

/**
 * CPU ms spent between two `threadTimes` readings, by thread group: the main thread (tid = pid),
 * and the others by name (Node's workers are `node` or their own names, V8's helpers `V8 Worker`,
 * libuv's pool `libuv-worker`); threads that started in between count from zero.
 */
function cpuBetween(pid, before, after) {
	const groups = {};
	for (const [tid, { name, ms }] of Object.entries(after)) {
		const key = Number(tid) === pid ? 'main' : name;
		groups[key] = (groups[key] ?? 0) + ms - (before[tid]?.ms ?? 0);
	}
	return groups;
}

module.exports = { threadTimes, threadTimesPrecise, cpuBetween };
