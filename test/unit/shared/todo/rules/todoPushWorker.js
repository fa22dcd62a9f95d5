// One "n8n process" pushing a batch of to-dos, for todoRecords.test.ts's cross-process tests.
// argv[2] is JSON: { config, sysCode, events, settings }. Says 'ready', waits for 'go', then plans
// and claims the batch (planAndClaim), confirms every push as if the target accepted it, and sends
// { type: 'planned', steps } (each step: { action, operation, compensated, reason }).
require('../../../../../scripts/requireTypeScript');

const path = require('node:path');

const nodes = path.resolve(__dirname, '../../../../../nodes/shared');
const { openStateStore } = require(path.join(nodes, 'store/openStateStore.ts'));
const { planAndClaim } = require(path.join(nodes, 'todo/rules/batchPlan.ts'));
const { confirmPush } = require(path.join(nodes, 'todo/rules/todoRecords.ts'));

const options = JSON.parse(process.argv[2]);

async function main() {
	const store = openStateStore(options.config);
	await store.isRemembered('warm-up', 'k', 0);
	await new Promise((resolve) => {
		process.once('message', resolve);
		process.send({ type: 'ready' });
	});
	const plan = await planAndClaim(store, options.sysCode, options.events, options.settings, { now: Date.now() });
	for (const step of plan.steps) if (step.action === 'push') await confirmPush(store, options.sysCode, step.event);
	await store.close();
	const steps = plan.steps.map((step) => ({ action: step.action, operation: step.action === 'push' ? step.event.operation : undefined, compensated: step.action === 'push' && step.compensated, reason: step.action === 'ignore' ? step.reason : undefined }));
	process.send({ type: 'planned', steps }, () => process.exit(0));
}

main().catch((error) => {
	process.send({ type: 'error', message: error && error.stack ? error.stack : String(error) }, () => process.exit(1));
});
