/**
 * `npm start` (test/e2e/n8n/start.js) publishes the examples and waits until n8n reports them
 * published (probeWebhooks: false) instead of calling their webhook paths: n8n logs an error with a
 * stack ("The requested webhook … is not registered") for every call of a path not live yet, which
 * reads like a failure to someone starting it.
 */
import fs from 'node:fs';
import path from 'node:path';

import { connectN8n } from '../harness/n8n';
import { releaseWebhookPaths, unpublish } from '../harness/webhookPaths';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { N8nInstance } = require('../n8n/instance.js');

const n8n = connectN8n();
const exampleFile = path.resolve(__dirname, '..', '..', '..', 'examples', 'send-success-rule-and-retries.json');

describe('publishing a workflow the way npm start does', () => {
	it('returns once its webhook answers, with no "not registered" error in n8n\'s log', async () => {
		const { info } = n8n;
		const startLike = new N8nInstance({ userFolder: info.userFolder, port: info.port, email: info.email, password: info.password, probeWebhooks: false });
		Object.assign(startLike, { apiKey: info.apiKey, cookie: info.cookie, browserId: info.browserId });
		const { name, nodes, connections, settings } = JSON.parse(fs.readFileSync(exampleFile, 'utf8'));
		const { id } = (await n8n.api('POST', '/workflows', { name, nodes, connections, settings })) as { id: string };
		await releaseWebhookPaths(n8n, nodes);
		const logFile = path.join(info.userFolder, 'n8n.log');
		const logged = fs.statSync(logFile).size;

		try {
			await startLike.activate({ id, nodes });

			const hookPath = nodes.find((node: { type: string }) => node.type === 'n8n-nodes-base.webhook').parameters.path;
			const preflight = await fetch(`${n8n.baseUrl}/webhook/${hookPath}`, {
				method: 'OPTIONS',
				headers: { origin: 'http://127.0.0.1', 'access-control-request-method': 'POST' },
			});
			expect(preflight.status).toBe(204);
			const log = fs.readFileSync(logFile).subarray(logged).toString('utf8');
			expect(log).not.toMatch(/not registered|ResponseError/);
		} finally {
			await unpublish(n8n, id);
		}
	});
});
