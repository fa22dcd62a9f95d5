// One real n8n 2.x process with this package installed as a community package. Used by the e2e
// suite (test/e2e/harness), `npm start` (start.js) and the benchmarks (bench/).
//
// Lifecycle: new N8nInstance(opts) → installPackage() → importWorkflows() → start() → (use) → stop().
// Workflows are imported and published with n8n's own CLI before the server starts: changes made
// through the CLI while it runs apply only after a restart.
'use strict';
const { execFile, spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { promisify } = require('node:util');

const execFileAsync = promisify(execFile);

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const n8nModules = path.join(__dirname, 'node_modules');
const n8nBin = path.join(n8nModules, 'n8n', 'bin', 'n8n');

/** n8n 2.x needs Node 24: the one npm scripts put first on PATH, else the project's own copy. */
function node24() {
	if (process.versions.node.startsWith('24.')) return process.execPath;
	const local = path.join(repoRoot, 'node_modules', 'node', 'bin', 'node');
	if (fs.existsSync(local)) return local;
	throw new Error('Node 24 not found: run `npm install` in the repository first.');
}

async function freePort() {
	return await new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

class N8nInstance {
	/**
	 * @param {object} [options]
	 * @param {string} [options.userFolder] n8n's user folder (N8N_USER_FOLDER); a fresh temp dir by default
	 * @param {number} [options.port] HTTP port; a free one by default
	 * @param {string} [options.email] owner login
	 * @param {string} [options.password] owner password
	 * @param {'inherit'|'file'} [options.logs] 'file' writes n8n's output to <userFolder>/n8n.log
	 * @param {Record<string,string>} [options.env] extra environment for n8n
	 * @param {boolean} [options.probeWebhooks] after publishing, also call each webhook path until it
	 *   answers (default true; `npm start` turns it off: n8n logs an error for every call of a path
	 *   that is not registered yet)
	 * @param {string[]} [options.command] n8n's command line (default `start`; a queue-mode worker is
	 *   `worker`, see queueMode.js: it answers /healthz/readiness on its health-check port = `port`)
	 */
	constructor(options = {}) {
		this.userFolder = options.userFolder ?? fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-'));
		this.port = options.port;
		this.email = options.email ?? 'owner@outbound-messages.test';
		this.password = options.password ?? 'Outbound-Messages-1';
		this.logs = options.logs ?? 'file';
		this.extraEnv = options.env ?? {};
		this.encryptionKey = options.encryptionKey ?? 'outbound-messages-e2e-encryption-key';
		this.probeWebhooks = options.probeWebhooks ?? true;
		this.command = options.command ?? ['start'];
		this.process = undefined;
		this.cookie = undefined;
		this.apiKey = undefined;
		this.browserId = crypto.randomUUID();
	}

	get baseUrl() {
		return `http://127.0.0.1:${this.port}`;
	}

	get logFile() {
		return path.join(this.userFolder, 'n8n.log');
	}

	async env() {
		this.port ??= await freePort();
		this.brokerPort ??= await freePort();
		const bcrypt = require(path.join(n8nModules, 'bcryptjs'));
		this.passwordHash ??= bcrypt.hashSync(this.password, 10);
		return {
			...process.env,
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: this.encryptionKey,
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PORT: String(this.port),
			N8N_RUNNERS_BROKER_PORT: String(this.brokerPort),
			// mcp-registry calls out at boot; nothing may leave 127.0.0.1 here.
			N8N_DISABLED_MODULES: 'mcp-registry',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_SECURE_COOKIE: 'false',
			N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
			N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
			N8N_INSTANCE_OWNER_EMAIL: this.email,
			N8N_INSTANCE_OWNER_PASSWORD_HASH: this.passwordHash,
			N8N_INSTANCE_OWNER_FIRST_NAME: 'Outbound',
			N8N_INSTANCE_OWNER_LAST_NAME: 'Owner',
			DB_TYPE: 'sqlite',
			EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
			EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
			EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
			N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL ?? 'info',
			NODE_ENV: 'production',
			...this.extraEnv,
		};
	}

	/**
	 * Packs the repository (already built) and installs the tarball the way n8n's Community Nodes
	 * screen does (CommunityPackagesService.downloadPackage in n8n 2.41): extract into
	 * <user>/.n8n/nodes/node_modules/<name>, drop dev/peer/optional dependencies, `npm install` the
	 * runtime dependencies inside it, and record it in nodes/package.json.
	 * @returns {Promise<{name: string, version: string, tarball: string}>}
	 */
	async installPackage() {
		const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outbound-pack-'));
		const { stdout } = await execFileAsync(
			'npm',
			['pack', '--ignore-scripts', '--json', '--pack-destination', packDir],
			{ cwd: repoRoot, env: { ...process.env, npm_config_loglevel: 'error' } },
		);
		const [{ name, version, filename }] = JSON.parse(stdout);
		const tarball = path.join(packDir, filename);
		const nodesDir = path.join(this.userFolder, '.n8n', 'nodes');
		const packageDir = path.join(nodesDir, 'node_modules', name);
		fs.rmSync(packageDir, { recursive: true, force: true });
		fs.mkdirSync(packageDir, { recursive: true });
		await execFileAsync('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1']);
		const manifestPath = path.join(packageDir, 'package.json');
		// eslint-disable-next-line no-unused-vars
		const { devDependencies, peerDependencies, optionalDependencies, ...manifest } = JSON.parse(
			fs.readFileSync(manifestPath, 'utf8'),
		);
		fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
		await execFileAsync(
			'npm',
			[
				'install',
				'--audit=false',
				'--fund=false',
				'--bin-links=false',
				'--install-strategy=shallow',
				'--ignore-scripts=true',
				'--package-lock=false',
			],
			{ cwd: packageDir, env: { ...process.env, npm_config_loglevel: 'error' } },
		);
		const nodesManifestPath = path.join(nodesDir, 'package.json');
		const nodesManifest = fs.existsSync(nodesManifestPath)
			? JSON.parse(fs.readFileSync(nodesManifestPath, 'utf8'))
			: { name: 'installed-nodes', private: true, dependencies: {} };
		nodesManifest.dependencies = { ...nodesManifest.dependencies, [name]: version };
		fs.writeFileSync(nodesManifestPath, JSON.stringify(nodesManifest, null, 2));
		this.installedPackage = { name, version, tarball };
		return this.installedPackage;
	}

	/** Runs an n8n CLI command against this instance's user folder (the server must not be running). */
	async cli(args) {
		const { stdout } = await execFileAsync(node24(), [n8nBin, ...args], {
			env: await this.env(),
			cwd: this.userFolder,
			maxBuffer: 64 * 1024 * 1024,
		});
		return stdout;
	}

	/**
	 * Imports workflow JSON objects (each with a fixed `id`) with n8n's CLI, before the server starts.
	 * `replacements` substitutes strings such as `__TARGET_BASE__` throughout each workflow. The ones
	 * marked `active: true` are remembered and published by start() through the public API (one CLI
	 * `publish:workflow` per workflow would cost a few seconds of n8n boot each).
	 * @param {object[]} workflows
	 * @param {Record<string,string>} [replacements]
	 */
	async importWorkflows(workflows, replacements = {}) {
		if (workflows.length === 0) return;
		let text = JSON.stringify(workflows.map((wf) => ({ ...wf, active: false })));
		for (const [from, to] of Object.entries(replacements)) text = text.split(from).join(to);
		const file = path.join(this.userFolder, `import-${Date.now()}.json`);
		fs.writeFileSync(file, text);
		await this.cli(['import:workflow', `--input=${file}`]);
		this.toActivate = [...(this.toActivate ?? []), ...workflows.filter((wf) => wf.active)];
	}

	/**
	 * Imports credentials (each `{ id, name, type, data }` with `data` in clear) with n8n's CLI, which
	 * encrypts them with this instance's key. Workflows refer to them by `id`.
	 * @param {object[]} credentials
	 */
	async importCredentials(credentials) {
		if (credentials.length === 0) return;
		const file = path.join(this.userFolder, `credentials-${Date.now()}.json`);
		fs.writeFileSync(file, JSON.stringify(credentials));
		await this.cli(['import:credentials', `--input=${file}`]);
		fs.rmSync(file, { force: true });
	}

	/**
	 * Publishes (activates) a workflow on the running server and waits until n8n reports it published:
	 * n8n 2.41 publishes through an outbox, so the activate call returns before the triggers are live.
	 * Given the workflow itself (not just its id) and with `probeWebhooks`, then also waits until each
	 * of its webhook paths answers.
	 */
	async activate(workflowOrId, { timeoutMs = 30000 } = {}) {
		const workflow = typeof workflowOrId === 'string' ? undefined : workflowOrId;
		const id = workflow ? workflow.id : workflowOrId;
		const result = await this.api('POST', `/workflows/${id}/activate`);
		await this.waitForPublication(id, { timeoutMs });
		if (workflow && this.probeWebhooks) await this.waitForWebhooks(workflow, { timeoutMs });
		return result;
	}

	/**
	 * Waits until n8n's publication status of a workflow (what the editor's Publish button shows,
	 * GET /rest/workflows/:id/publication-status) is "published": every trigger activated and its
	 * webhooks registered. Reads n8n's own state, so unlike a call of a webhook path that is not
	 * registered yet it makes n8n log nothing.
	 */
	async waitForPublication(workflowId, { timeoutMs = 30000 } = {}) {
		const started = Date.now();
		for (;;) {
			const publication = await this.rest('GET', `/rest/workflows/${workflowId}/publication-status`);
			if (publication?.status === 'published') return publication;
			if (publication?.status === 'failed' || publication?.status === 'partial') {
				const reasons = (publication.triggers ?? []).filter((t) => t.errorMessage).map((t) => t.errorMessage);
				throw new Error(`workflow ${workflowId}: publishing ${publication.status}: ${reasons.join('; ')}`);
			}
			if (Date.now() - started > timeoutMs) {
				throw new Error(`workflow ${workflowId}: not published after ${timeoutMs} ms (status ${publication?.status})`);
			}
			await sleep(200);
		}
	}

	/**
	 * Waits until every webhook path of a workflow's trigger nodes is registered. The probe is a CORS
	 * preflight (OPTIONS with an Origin): n8n answers 204 for a registered path and 404 otherwise,
	 * and starts no execution.
	 */
	async waitForWebhooks(workflow, { timeoutMs = 30000 } = {}) {
		const paths = workflow.nodes
			// Webhook-listening triggers only: a Wait node also has a webhookId, registered only while waiting.
			.filter((node) => node.webhookId && !node.disabled && (node.type === 'n8n-nodes-base.webhook' || /Trigger$/.test(node.type)))
			.map((node) => String(node.parameters?.path || node.webhookId).replace(/^\/+/, ''));
		const started = Date.now();
		// Publication takes a few hundred ms; n8n logs every probe of a path not yet registered.
		if (paths.length > 0) await sleep(300);
		for (const hookPath of paths) {
			// Two answers in a row, half a second apart: right after publishing, n8n 2.41's publication
			// reconciler can still re-register a workflow's triggers, leaving a short 404 gap.
			let registeredSince;
			for (;;) {
				const res = await fetch(`${this.baseUrl}/webhook/${hookPath}`, {
					method: 'OPTIONS',
					headers: { origin: 'http://127.0.0.1', 'access-control-request-method': 'POST' },
				}).catch(() => undefined);
				await res?.arrayBuffer();
				if (res && res.status !== 404) {
					registeredSince ??= Date.now();
					if (Date.now() - registeredSince >= 500) break;
				} else {
					registeredSince = undefined;
				}
				if (Date.now() - started > timeoutMs) {
					throw new Error(`workflow ${workflow.id}: webhook "${hookPath}" not registered after ${timeoutMs} ms`);
				}
				await sleep(250);
			}
		}
	}

	async start({ timeoutMs = 120000 } = {}) {
		const env = await this.env();
		const stdio =
			this.logs === 'inherit'
				? ['ignore', 'inherit', 'inherit']
				: ['ignore', fs.openSync(this.logFile, 'a'), fs.openSync(this.logFile, 'a')];
		const started = Date.now();
		this.process = spawn(node24(), [n8nBin, ...this.command], { env, cwd: this.userFolder, stdio });
		const exited = new Promise((resolve) => this.process.once('exit', (code) => resolve(code)));
		this.exited = exited;
		for (;;) {
			const code = await Promise.race([exited, sleep(250).then(() => undefined)]);
			if (code !== undefined) {
				throw new Error(`n8n exited with code ${code} during start-up; see ${this.logFile}`);
			}
			try {
				const res = await fetch(`${this.baseUrl}/healthz/readiness`);
				if (res.ok) break;
			} catch {
				// not listening yet
			}
			if (Date.now() - started > timeoutMs) {
				await this.stop();
				throw new Error(`n8n was not ready within ${timeoutMs} ms; see ${this.logFile}`);
			}
		}
		this.bootMs = Date.now() - started;
		for (const workflow of this.toActivate ?? []) await this.activate(workflow);
		this.toActivate = [];
		return this.bootMs;
	}

	async stop() {
		if (!this.process || this.process.exitCode !== null) return;
		this.process.kill('SIGTERM');
		let timer;
		const timeout = new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), 20000)));
		const code = await Promise.race([this.exited, timeout]);
		clearTimeout(timer);
		if (code === 'timeout') {
			this.process.kill('SIGKILL');
			await this.exited;
		}
	}

	/** Internal REST API (what the editor uses), with the owner's session cookie. */
	async rest(method, urlPath, body) {
		if (!this.cookie && urlPath !== '/rest/login') await this.login();
		const res = await fetch(`${this.baseUrl}${urlPath}`, {
			method,
			headers: {
				'content-type': 'application/json',
				'browser-id': this.browserId,
				...(this.cookie ? { cookie: this.cookie } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		if (!res.ok) throw new Error(`${method} ${urlPath} → ${res.status}: ${text.slice(0, 500)}`);
		if (urlPath === '/rest/login') {
			this.cookie = res.headers
				.getSetCookie()
				.map((c) => c.split(';')[0])
				.join('; ');
		}
		return text ? JSON.parse(text).data : undefined;
	}

	async login() {
		return await this.rest('POST', '/rest/login', {
			emailOrLdapLoginId: this.email,
			password: this.password,
		});
	}

	/** Creates an API key for n8n's public API (GET /api/v1/...). */
	async createApiKey() {
		const scopes = await this.rest('GET', '/rest/api-keys/scopes');
		const key = await this.rest('POST', '/rest/api-keys', {
			label: `e2e-${Date.now()}`,
			scopes,
			expiresAt: null,
		});
		this.apiKey = key.rawApiKey;
		return this.apiKey;
	}

	/** n8n's public REST API, authenticated with the API key. */
	async api(method, urlPath, body) {
		if (!this.apiKey) await this.createApiKey();
		const res = await fetch(`${this.baseUrl}/api/v1${urlPath}`, {
			method,
			headers: { 'content-type': 'application/json', 'X-N8N-API-KEY': this.apiKey },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		if (!res.ok) throw new Error(`${method} /api/v1${urlPath} → ${res.status}: ${text.slice(0, 500)}`);
		return text ? JSON.parse(text) : undefined;
	}

	/** GET with the owner's session, for endpoints outside /rest such as /types/nodes.json. */
	async getWithSession(urlPath) {
		if (!this.cookie) await this.login();
		const res = await fetch(`${this.baseUrl}${urlPath}`, { headers: { cookie: this.cookie, 'browser-id': this.browserId } });
		if (!res.ok) throw new Error(`GET ${urlPath} → ${res.status}`);
		return await res.json();
	}

	/** Every execution of a workflow, newest first, with node output data. */
	async executions(workflowId, { includeData = true, limit = 250 } = {}) {
		const all = [];
		let cursor;
		do {
			const query = new URLSearchParams({ workflowId, includeData: String(includeData), limit: String(limit) });
			if (cursor) query.set('cursor', cursor);
			const page = await this.api('GET', `/executions?${query}`);
			all.push(...page.data);
			cursor = page.nextCursor;
		} while (cursor);
		return all;
	}

	async execution(id) {
		return await this.api('GET', `/executions/${id}?includeData=true`);
	}

	/**
	 * Waits until the workflow has at least `count` finished executions (and no running ones) and
	 * returns them, newest first.
	 */
	async waitForExecutions(workflowId, count, { timeoutMs = 30000 } = {}) {
		const started = Date.now();
		for (;;) {
			const list = await this.executions(workflowId, { includeData: false });
			const finished = list.filter((e) => e.finished || e.stoppedAt);
			if (finished.length >= count && finished.length === list.length) {
				return await Promise.all(finished.map((e) => this.execution(e.id)));
			}
			if (Date.now() - started > timeoutMs) {
				throw new Error(
					`workflow ${workflowId}: ${finished.length}/${count} executions finished after ${timeoutMs} ms`,
				);
			}
			await sleep(200);
		}
	}

	/**
	 * Runs a stored workflow from its Manual Trigger (what the editor's "Execute workflow" does) and
	 * waits for the execution to finish.
	 */
	async runManually(workflowId, triggerName = 'Manual Trigger', { timeoutMs = 60000 } = {}) {
		const result = await this.rest('POST', `/rest/workflows/${workflowId}/run`, {
			triggerToStartFrom: { name: triggerName },
		});
		const executionId = result?.executionId;
		if (!executionId) throw new Error(`manual run of ${workflowId} returned no execution id: ${JSON.stringify(result)}`);
		const started = Date.now();
		for (;;) {
			try {
				const execution = await this.execution(executionId);
				if (execution.finished || execution.stoppedAt) return execution;
			} catch {
				// not saved yet
			}
			if (Date.now() - started > timeoutMs) throw new Error(`execution ${executionId} did not finish in ${timeoutMs} ms`);
			await sleep(200);
		}
	}

	/** Replaces a stored workflow's nodes/connections/settings (public API), e.g. to point it at a test server. */
	async updateWorkflow(workflow) {
		const { id, name, nodes, connections, settings } = workflow;
		return await this.api('PUT', `/workflows/${id}`, { name, nodes, connections, settings: settings ?? {} });
	}
}

/** Output items of a node in an execution read back from the public API: [outputIndex][item].json */
function nodeOutputs(execution, nodeName, runIndex = 0) {
	const runs = execution?.data?.resultData?.runData?.[nodeName];
	if (!runs) return undefined;
	const run = runs[runIndex];
	return (run?.data?.main ?? []).map((items) => (items ?? []).map((item) => item.json));
}

module.exports = { N8nInstance, freePort, nodeOutputs, node24, repoRoot };
