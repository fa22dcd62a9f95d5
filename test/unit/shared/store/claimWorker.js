// A claimer in its own OS process, for the contract's multi-process tests (contract.ts forks it).
// argv[2] is JSON: { modulePath, exportName, config, owner, leaseMs, mode, limit }.
//   mode 'drain': says 'ready', waits for 'go', then claims and acknowledges until nothing is due,
//                 and sends { type: 'drained', claimed, lost } (lost: acknowledgements refused).
//   mode 'hold':  claims once at Date.now() and sends { type: 'claimed', ids, now }, then waits to be
//                 killed without acknowledging (a crash holding leases).
//   mode 'open':  says 'ready', waits for 'go', opens the store (migrating a new one), logs one message named after the owner,
//                 closes it and sends { type: 'opened' }.
require('../../../../scripts/requireTypeScript');

const options = JSON.parse(process.argv[2]);

async function main() {
	const openStore = require(options.modulePath)[options.exportName];
	if (options.mode === 'open') await startSignal();
	const store = await openStore(options.config);
	if (options.mode === 'open') {
		await store.writeMessages([{ messageId: options.owner, status: 'succeeded' }], Date.now());
		await store.close();
		process.send({ type: 'opened' }, () => process.exit(0));
		return;
	}
	if (options.mode === 'hold') {
		const now = Date.now();
		const claimed = await store.claimDue({ now, limit: options.limit, owner: options.owner, leaseMs: options.leaseMs });
		process.send({ type: 'claimed', ids: claimed.map((record) => record.messageId), now });
		setInterval(() => {}, 60000);
		return;
	}
	await startSignal();
	const claimed = [];
	const lost = [];
	for (;;) {
		const now = Date.now();
		const records = await store.claimDue({ now, limit: options.limit, owner: options.owner, leaseMs: options.leaseMs });
		if (records.length === 0) break;
		for (const record of records) {
			claimed.push(record.messageId);
			const acknowledged = await store.acknowledge(record.messageId, options.owner, { outcome: 'succeeded', attempts: 1, lastAttemptAt: now }, Date.now());
			if (!acknowledged) lost.push(record.messageId);
		}
		// Let the other processes' transactions in between ours.
		await new Promise((resolve) => setImmediate(resolve));
	}
	await store.close();
	process.send({ type: 'drained', claimed, lost }, () => process.exit(0));
}

/** Says 'ready' and waits for 'go', so that the processes of a test start together. */
function startSignal() {
	return new Promise((resolve) => {
		process.once('message', resolve);
		process.send({ type: 'ready' });
	});
}

main().catch((error) => {
	process.send({ type: 'error', message: error && error.stack ? error.stack : String(error) }, () => process.exit(1));
});
