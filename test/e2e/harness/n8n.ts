/** What a test file uses: a client for the n8n that globalSetup started, and a local target server. */
import fs from 'node:fs';
import http from 'node:http';

import { runInfoFile, type RunInfo } from './workflows';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const instance = require('../n8n/instance.js');

export interface Execution {
	id: string;
	finished: boolean;
	mode: string;
	status: string;
	workflowId: string;
	data?: { resultData?: { runData?: Record<string, unknown>; error?: unknown } };
}

export interface N8nClient {
	baseUrl: string;
	info: RunInfo;
	api(method: string, path: string, body?: unknown): Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
	rest(method: string, path: string, body?: unknown): Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
	executions(workflowId: string, options?: { includeData?: boolean }): Promise<Execution[]>;
	execution(id: string): Promise<Execution>;
	waitForExecutions(workflowId: string, count: number, options?: { timeoutMs?: number }): Promise<Execution[]>;
	runManually(workflowId: string, triggerName?: string): Promise<Execution>;
	updateWorkflow(workflow: unknown): Promise<unknown>;
	getWithSession(path: string): Promise<unknown>;
	/** Publishes a workflow; given the workflow itself, waits until its webhook paths answer. */
	activate(workflowOrId: string | { id: string; nodes: unknown[] }): Promise<unknown>;
	waitForWebhooks(workflow: { id: string; nodes: unknown[] }): Promise<void>;
}

export function connectN8n(): N8nClient {
	const info = JSON.parse(fs.readFileSync(runInfoFile, 'utf8')) as RunInfo;
	const client = new instance.N8nInstance({
		userFolder: info.userFolder,
		port: info.port,
		email: info.email,
		password: info.password,
	});
	client.apiKey = info.apiKey;
	client.cookie = info.cookie;
	client.browserId = info.browserId;
	client.info = info;
	return client as N8nClient;
}

/** JSON of each item on each output of a node in an execution: outputs[outputIndex][itemIndex]. */
export function nodeOutputs(execution: Execution, nodeName: string, runIndex = 0): Array<Array<Record<string, any>>> { // eslint-disable-line @typescript-eslint/no-explicit-any
	const outputs = instance.nodeOutputs(execution, nodeName, runIndex);
	if (!outputs) throw new Error(`node "${nodeName}" did not run in execution ${execution.id}`);
	return outputs;
}

export interface ReceivedRequest {
	method: string;
	url: string;
	headers: http.IncomingHttpHeaders;
	body: Buffer;
}

export interface TargetServer {
	url: string;
	requests: ReceivedRequest[];
	close(): Promise<void>;
}

export type TargetHandler = (
	req: ReceivedRequest,
	res: http.ServerResponse,
	index: number,
) => void | Promise<void>;

/**
 * A local HTTP target that records every request. Listens on the run's target port (workflows reach
 * it as `__TARGET_BASE__`) unless `port` is given (0 = any free port).
 */
export async function startTarget(handler?: TargetHandler, port?: number): Promise<TargetServer> {
	const info = JSON.parse(fs.readFileSync(runInfoFile, 'utf8')) as RunInfo;
	const requests: ReceivedRequest[] = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const received: ReceivedRequest = {
				method: req.method ?? '',
				url: req.url ?? '',
				headers: req.headers,
				body: Buffer.concat(chunks),
			};
			const index = requests.push(received) - 1;
			Promise.resolve(
				handler
					? handler(received, res, index)
					: void res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'),
			).catch((error: Error) => {
				res.writeHead(500).end(String(error));
			});
		});
	});
	await new Promise<void>((resolve) => server.listen(port ?? info.targetPort, '127.0.0.1', resolve));
	const address = server.address() as { port: number };
	return {
		url: `http://127.0.0.1:${address.port}`,
		requests,
		close: async () =>
			await new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

/** POSTs to an n8n production webhook path (`/webhook/<path>`). */
export async function postWebhook(
	baseUrl: string,
	pathAndQuery: string,
	body: string | Buffer,
	headers: Record<string, string> = { 'content-type': 'application/json' },
): Promise<{ status: number; body: string; headers: Headers }> {
	const res = await fetch(`${baseUrl}/webhook/${pathAndQuery}`, { method: 'POST', headers, body });
	return { status: res.status, body: await res.text(), headers: res.headers };
}
