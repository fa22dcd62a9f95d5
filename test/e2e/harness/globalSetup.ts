/**
 * Starts ONE real n8n for the whole e2e run (start-up is paid once): installs the packed package as
 * a community package, imports every workflow in test/e2e/workflows/ (publishing the active ones),
 * boots n8n on a free port and records how to reach it for the test files.
 */
import fs from 'node:fs';
import path from 'node:path';

import { loadCredentials, loadWorkflows, runInfoFile, type RunInfo } from './workflows';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { N8nInstance, freePort } = require('../n8n/instance.js');

export default async function globalSetup(): Promise<void> {
	const timings: Record<string, number> = {};
	let t = Date.now();
	const n8n = new N8nInstance({ logs: 'file' });
	const targetPort: number = await freePort();
	await n8n.installPackage();
	timings.installPackageMs = Date.now() - t;

	t = Date.now();
	await n8n.importCredentials(loadCredentials());
	const workflows = loadWorkflows();
	await n8n.importWorkflows(workflows, { __TARGET_BASE__: `http://127.0.0.1:${targetPort}` });
	timings.importMs = Date.now() - t;

	t = Date.now();
	await n8n.start();
	timings.bootMs = Date.now() - t;
	// start() has logged in already when it published workflows (it waits on their publication status).
	if (!n8n.cookie) await n8n.login();
	const apiKey: string = await n8n.createApiKey();

	const info: RunInfo = {
		baseUrl: n8n.baseUrl,
		port: n8n.port,
		userFolder: n8n.userFolder,
		email: n8n.email,
		password: n8n.password,
		apiKey,
		// One login for the run: n8n rate-limits /rest/login (429 after a handful a minute).
		cookie: n8n.cookie,
		browserId: n8n.browserId,
		targetPort,
		pid: n8n.process.pid,
		timings,
	};
	fs.mkdirSync(path.dirname(runInfoFile), { recursive: true });
	fs.writeFileSync(runInfoFile, JSON.stringify(info, null, 2));
	process.env.OUTBOUND_E2E_RUN_INFO = runInfoFile;
	(globalThis as unknown as { __n8n: unknown }).__n8n = n8n;
	console.log(
		`\n[e2e] n8n ${n8n.baseUrl} ready: package install ${timings.installPackageMs} ms, ` +
			`import ${workflows.length} workflows ${timings.importMs} ms, boot ${timings.bootMs} ms (log: ${n8n.logFile})`,
	);
}
