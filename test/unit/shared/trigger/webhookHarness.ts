import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';

import { NodeHelpers, type IDataObject, type INodeParameters, type INodeType, type IWebhookFunctions, type IWebhookResponseData } from 'n8n-workflow';

/**
 * Runs a trigger node's webhook() behind a real HTTP server (127.0.0.1, port 0) with a small, honest
 * stand-in for n8n's webhook context: parameters with the description's defaults filled in (as n8n's
 * Workflow does), credentials, node static data, mode and webhook name. The request and response
 * objects are Node's own, as n8n hands over Express's (which extend them). Parameters are resolved as
 * n8n resolves them for the node's typeVersion (the default one unless a test names another). Static data behaves as in
 * n8n's live-webhooks.js: each request gets its own copy of the saved data, saved back after the
 * answer when it changed, so requests in flight together do not see each other's changes.
 *
 * Requests go to `/<webhookName>` (n8n routes by registered path; here the name is the path).
 */
export interface HarnessOptions {
	parameters?: IDataObject;
	/** The node's typeVersion; default: the description's defaultVersion (what a new node gets), else its version. */
	typeVersion?: number;
	credentials?: IDataObject;
	/**
	 * The node's Outbound State Store credential (its fields), when it has one selected: the node then
	 * lists it in `node.credentials`, as n8n does, and getCredentials('outboundStateStore') returns it.
	 */
	stateStore?: IDataObject;
	mode?: 'manual' | 'webhook';
	/**
	 * Emulate n8n's raw-body reader (middlewares/body-parser.js): `readRawBody()` decodes
	 * `Content-Encoding` gzip and deflate with zlib, as n8n does, and fills `rawBody` (default); or
	 * leave the stream unread.
	 */
	rawBodyReader?: boolean;
	/**
	 * Emulate n8n parsing a JSON body before webhook() runs, as it does for typeVersion 2 and later
	 * (webhook-helpers.js parseRequestBody): `rawBody` is read and `body` set first. Needs the reader.
	 */
	n8nParsesBody?: boolean;
	/** The reader's size limit (n8n: N8N_PAYLOAD_SIZE_MAX); over it, it throws as the raw-body package does. */
	bodyLimitBytes?: number;
	/**
	 * Hold each request after it loaded its static data until this many have arrived, then run them:
	 * what happens in n8n when requests queue for its expression isolate after loading the workflow.
	 */
	arriveTogether?: number;
	/** The node static data saved before the first request (e.g. by an earlier version or another process). */
	staticData?: IDataObject;
	/** Headers every request carries (e.g. the Hesi signKey), unless send() sets them itself. */
	defaultHeaders?: Record<string, string>;
	/**
	 * 'dropped': as n8n 2.41.1 does, what webhook() writes to the static data while accepting an event
	 * (returning `workflowData`) is not saved (WorkflowRunner.run() resets the change flag first).
	 * Default 'saved'.
	 */
	staticDataOfRuns?: 'saved' | 'dropped';
	/** The workflow id (the triggers' memory and journal are keyed by it); random by default. */
	workflowId?: string;
	/**
	 * What n8n answers instead of the success once webhook() returned items, as n8n 2.41.1 does when it
	 * cannot store the execution (shutting down: "request for lock canceled" → 500 "There was a problem
	 * executing the workflow"), for the requests numbered here (1 = the first request). None by default.
	 */
	failExecutionStartOf?: number[];
	/**
	 * Closes the connection without any answer after webhook() accepted, for the requests numbered
	 * here (n8n killed or stopping before it wrote the answer). None by default.
	 */
	dropConnectionOf?: number[];
	/** Collects what webhook() logs through n8n's logger (`level: message`); discarded by default. */
	logs?: string[];
}

export interface HarnessCall {
	status: number;
	contentType: string | null;
	body: string;
	result?: IWebhookResponseData;
	error?: Error;
}

export interface TriggerHarness {
	url: string;
	/** The saved static data of the node. */
	readonly staticData: IDataObject;
	send(init: { method?: string; name?: string; query?: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<HarnessCall>;
	/** What webhook() returned or threw for a request sent with header `x-harness-call: <call>` (e.g. over a raw socket). */
	outcomeOf(call: string): Promise<{ result?: IWebhookResponseData; error?: Error }>;
	close(): Promise<void>;
}

function defaultTypeVersion(node: INodeType): number {
	const { version, defaultVersion } = node.description;
	return defaultVersion ?? (Array.isArray(version) ? Math.max(...version) : version);
}

/**
 * The node's parameters as n8n's Workflow resolves them (NodeHelpers.getNodeParameters): the given
 * values, the defaults of the parameters shown for them and the node's typeVersion (`@version`
 * display rules), and nothing of a parameter that is not shown.
 */
function resolveParameters(node: INodeType, given: IDataObject, typeVersion: number): IDataObject {
	const resolved = NodeHelpers.getNodeParameters(
		node.description.properties,
		given as INodeParameters,
		true,
		false,
		{ typeVersion },
		node.description,
	);
	return (resolved ?? {}) as IDataObject;
}

type Resolvers = Record<string, { resolve: (parameters: IDataObject) => unknown }>;

/**
 * What n8n's `onReceived` mode sends when webhook() leaves the answer to it (webhook-helpers.js):
 * the description's responseCode, resolved as n8n does for static parameters (the resolver the
 * description carries), and, the description's responseData being empty, the returned
 * `webhookResponse` as the body (Express keeps a Content-Type already set).
 */
function answerOnReceived(response: http.ServerResponse, node: INodeType, name: string, method: string, result: IWebhookResponseData, parameters: IDataObject): void {
	const description = node.description.webhooks?.find((webhook) => webhook.name === name && webhook.httpMethod === method);
	const resolvers = (description as unknown as Record<symbol, Resolvers> | undefined)?.[Symbol.for('n8n.webhookDescriptionResolvers')];
	response.statusCode = Number(resolvers?.responseCode?.resolve(parameters) ?? 200);
	const body: unknown = resolvers?.responseData?.resolve(parameters) || result.webhookResponse;
	if (response.statusCode === 204) response.end();
	else if (typeof body === 'string') response.end(body);
	else {
		if (!response.hasHeader('content-type')) response.setHeader('content-type', 'application/json; charset=utf-8');
		response.end(JSON.stringify(body ?? { message: 'Workflow was started' }));
	}
}

/** Harnesses started in this test file: each gets its own signing credential id. */
let harnessesStarted = 0;

export async function startTriggerHarness(node: INodeType, options: HarnessOptions = {}): Promise<TriggerHarness> {
	const typeVersion = options.typeVersion ?? defaultTypeVersion(node);
	const parameters = resolveParameters(node, options.parameters ?? {}, typeVersion);
	let savedStaticData: IDataObject = structuredClone(options.staticData ?? {});
	// A fresh workflow id per harness: the triggers' per-process delivery memory is keyed by it.
	const workflow = { id: options.workflowId ?? randomUUID(), name: 'unit test' };
	// Each request carries a call number, so concurrent calls each find their own webhook() outcome.
	const outcomes = new Map<string, Promise<{ result?: IWebhookResponseData; error?: Error }>>();
	let calls = 0;
	let waiting: Array<() => void> = [];
	const arrived = async () => {
		if (!options.arriveTogether) return;
		await new Promise<void>((resolve) => {
			waiting.push(resolve);
			if (waiting.length >= (options.arriveTogether ?? 0)) {
				for (const release of waiting) release();
				waiting = [];
			}
		});
	};

	const harnessNumber = ++harnessesStarted;
	const signingCredentialId = `signing-${harnessNumber}`;
	const server = http.createServer((request, response) => {
		const staticData = structuredClone(savedStaticData);
		const loaded = JSON.stringify(staticData);
		const name = decodeURIComponent((request.url ?? '/').split('?')[0].slice(1)) || 'default';
		if (options.rawBodyReader !== false) {
			const reader = request as http.IncomingMessage & { rawBody?: Buffer; readRawBody?: () => Promise<void> };
			reader.readRawBody = async () => {
				const encoding = request.headers['content-encoding'];
				const stream =
					encoding === 'gzip' ? request.pipe(zlib.createGunzip()) : encoding === 'deflate' ? request.pipe(zlib.createInflate()) : request;
				if (request.destroyed || !stream.readable) throw new Error('Request body stream was aborted or is not readable');
				const chunks: Buffer[] = [];
				for await (const chunk of stream) chunks.push(chunk as Buffer);
				const limit = options.bodyLimitBytes;
				if (limit !== undefined && Buffer.concat(chunks).length > limit) {
					throw Object.assign(new Error('request entity too large'), { type: 'entity.too.large', status: 413, limit });
				}
				reader.rawBody = Buffer.concat(chunks);
			};
		}
		const context = {
			getRequestObject: () => request,
			getResponseObject: () => response,
			getNodeParameter: (parameter: string, fallback?: unknown) => parameters[parameter] ?? fallback,
			getCredentials: async (type: string) => {
				const credentials = type === 'outboundStateStore' ? options.stateStore : options.credentials;
				if (!credentials) throw new Error('Node does not have any credentials set');
				return credentials;
			},
			getWorkflowStaticData: () => staticData,
			getWorkflow: () => workflow,
			getWebhookName: () => name,
			getMode: () => options.mode ?? 'webhook',
			getNode: () => ({
				name: node.description.defaults.name,
				type: node.description.name,
				typeVersion,
				parameters,
				// As n8n lists what is selected; each credential id is this harness's own, so the trigger's
				// credential cache (credentialCache.ts) never hands one harness another's secret or store.
				credentials: {
					...(options.credentials ? { outboundSigningSecret: { id: signingCredentialId, name: 'Outbound Signing Secret account' } } : {}),
					...(options.stateStore ? { outboundStateStore: { id: `state-store-${harnessNumber}`, name: 'Outbound State Store account' } } : {}),
				},
			}),
			logger: Object.fromEntries(
				(['debug', 'info', 'warn', 'error'] as const).map((level) => [level, (message: string) => options.logs?.push(`${level}: ${message}`)]),
			),
		} as unknown as IWebhookFunctions;
		const run = async () => {
			await arrived();
			if (options.n8nParsesBody && typeVersion > 1 && request.headers['content-type'] === 'application/json') {
				// n8n 2.41 parseRequestBody → parseBody for typeVersion > 1: the raw body stays in rawBody.
				const reader = request as http.IncomingMessage & { rawBody?: Buffer; readRawBody: () => Promise<void>; body?: unknown };
				await reader.readRawBody();
				reader.body = JSON.parse(reader.rawBody?.toString('utf8') ?? '');
			}
			return await (node.webhook as (this: IWebhookFunctions) => Promise<IWebhookResponseData>).call(context);
		};
		outcomes.set(String(request.headers['x-harness-call']), run().then(
			(result) => {
				const dropped = options.staticDataOfRuns === 'dropped' && result.workflowData !== undefined;
				if (!dropped && JSON.stringify(staticData) !== loaded) savedStaticData = staticData;
				const call = Number(request.headers['x-harness-call']);
				if (!response.writableEnded && result.workflowData !== undefined && options.dropConnectionOf?.includes(call)) {
					response.destroy();
				} else if (!response.writableEnded && result.workflowData !== undefined && options.failExecutionStartOf?.includes(call)) {
					response.statusCode = 500;
					response.end('{"code":0,"message":"There was a problem executing the workflow"}');
				} else if (!response.writableEnded) {
					if (result.noWebhookResponse === true) response.end('webhook() did not answer');
					else answerOnReceived(response, node, name, request.method ?? 'POST', result, parameters);
				}
				return { result };
			},
			(error: Error) => {
				response.statusCode = 500;
				response.end(error.message);
				return { error };
			},
		));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

	return {
		url,
		get staticData() {
			return savedStaticData;
		},
		async send(init) {
			const call = String(++calls);
			const response = await fetch(`${url}/${encodeURIComponent(init.name ?? 'default')}${init.query ?? ''}`, {
				method: init.method ?? 'POST',
				headers: { 'content-type': 'application/json', ...(options.defaultHeaders ?? {}), ...(init.headers ?? {}), 'x-harness-call': call },
				body: init.method === 'GET' ? undefined : (init.body ?? ''),
			});
			const body = await response.text();
			// webhook() resolves just after it writes the answer; its result is what n8n would get.
			const outcome = (await outcomes.get(call)) ?? {};
			outcomes.delete(call);
			return { status: response.status, contentType: response.headers.get('content-type'), body, ...outcome };
		},
		async outcomeOf(call) {
			for (let waited = 0; !outcomes.has(call) && waited < 5000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
			const outcome = await outcomes.get(call);
			if (!outcome) throw new Error(`no request with x-harness-call: ${call} reached the harness`);
			return outcome;
		},
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

/** The items a webhook() result hands to n8n (json only), or undefined when it starts no execution. */
export function emittedItems(call: HarnessCall): IDataObject[] | undefined {
	return call.result?.workflowData?.[0]?.map((item) => item.json);
}
