// Opens one new embedded store file from several processes at the same moment, many times, and counts
// how each open ended: the race sqliteStore.test.ts ("four processes open a new file at the same
// moment") runs once, run until a rare failure shows. Each round forks the store tests' claimWorker.js
// in 'open' mode (it opens the store, migrating a new file, writes one push log row and closes).
//
//   npx node scripts/stressStoreOpen.js [rounds=50] [processes=4]
//
// Before d4309b5 ("switching a file to WAL waits …") about one open in forty ended in "database is
// locked"; every open must end { ok }.
const { fork } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const worker = path.join(__dirname, '..', 'test', 'unit', 'shared', 'store', 'claimWorker.js');
const modulePath = path.join(__dirname, '..', 'nodes', 'shared', 'store', 'sqliteStore.ts');

async function round(processes) {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'store-open-'));
	const config = { kind: 'embedded', path: path.join(folder, 'state.sqlite') };
	const children = [];
	let ready = 0;
	const outcomes = await Promise.all(
		Array.from({ length: processes }, (_, index) => {
			const options = { owner: `p${index}`, mode: 'open', modulePath, exportName: 'openSqliteStateStore', config };
			const child = fork(worker, [JSON.stringify(options)], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
			children.push(child);
			const messages = [];
			child.on('message', (message) => {
				messages.push(message);
				// All start together, once every process has loaded.
				if (message.type === 'ready' && ++ready === processes) for (const each of children) each.send('go');
			});
			return new Promise((resolve) => child.once('exit', () => resolve(messages)));
		}),
	);
	fs.rmSync(folder, { recursive: true, force: true });
	return outcomes.map((messages) => {
		const error = messages.find((message) => message.type === 'error');
		if (error) return error.message.split('\n')[0].replace(/\/\S+state\.sqlite/, '<file>');
		return messages.some((message) => message.type === 'opened') ? 'ok' : 'no answer';
	});
}

(async () => {
	const rounds = Number(process.argv[2] ?? 50);
	const processes = Number(process.argv[3] ?? 4);
	const counts = {};
	for (let index = 0; index < rounds; index++) for (const outcome of await round(processes)) counts[outcome] = (counts[outcome] ?? 0) + 1;
	console.log(`${rounds} rounds of ${processes} processes opening one new file together:`, counts);
	process.exitCode = Object.keys(counts).every((outcome) => outcome === 'ok') ? 0 : 1;
})();
