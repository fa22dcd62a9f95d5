/**
 * A local stand-in for the two Hesi (合思) open-API endpoints the EBot Callback node calls, built from
 * the shapes DESIGN.md §3 and issue 14 document (seed 000 names the EBot outbound message and its
 * signKey, 签名秘钥):
 * - `POST /api/openapi/v1/auth/getAccessToken` `{"appKey","appSecurity"}` →
 *   `{"value":{"accessToken","corporationId","expireTime"}}`;
 * - `POST /api/outbound/v1/approval?accessToken=…` `{signKey, flowId, nodeId, action, comment,
 *   rejectTo?, resubmitMethod?}` → HTTP 200 `{"value":{"code":"204"}}`, or HTTP 200 with code
 *   400 (bad request), 401 (wrong signKey), 412 (the flow left the node), 500; HTTP 401 for an
 *   access token it does not know (expired).
 * Listens on 127.0.0.1, port 0; records every request; answers can be scripted one by one.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	/** Parsed JSON body (undefined when it was not JSON). */
	body: Record<string, unknown> | undefined;
	rawBody: string;
}

/** One scripted answer to the next approval request. */
export type ApprovalAnswer =
	| { code: '204' | '400' | '401' | '412' | '500'; message?: string }
	| { status: number; body?: string }
	/** Hesi's token-expired answer: HTTP 200, no value, a message about the token. */
	| { tokenExpired: true }
	/** Answer (as the default would) only after this many ms: slower than a client's timeout. */
	| { delayMs: number }
	/** Close the connection without an answer. */
	| { reset: true };

export interface FakeHesiOptions {
	appKey?: string;
	appSecurity?: string;
	/** The signKey the approval endpoint accepts; a different one gets code 401. */
	signKey?: string;
	/** `expireTime` the token endpoint sends (epoch ms); absent: an hour from now. */
	expireTime?: () => number | undefined;
}

export interface FakeHesi {
	baseUrl: string;
	requests: RecordedRequest[];
	tokenRequests(): RecordedRequest[];
	approvalRequests(): RecordedRequest[];
	/** Answers for the next approval requests, in order; when used up, the default (validate, then 204). */
	scriptApprovals(...answers: ApprovalAnswer[]): void;
	/** Answers for the next token requests: `refuse` (HTTP 200 without a token), or an HTTP status. */
	scriptTokens(...answers: Array<'refuse' | number>): void;
	/** Forget every token issued so far: the next approval with one of them gets HTTP 401. */
	expireTokens(): void;
	close(): Promise<void>;
}

export const fakeCorporationId = 'fakeCorp0001';

function readBody(request: http.IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		request.on('error', reject);
	});
}

function parse(text: string): Record<string, unknown> | undefined {
	try {
		const value = JSON.parse(text) as unknown;
		return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
	} catch {
		return undefined;
	}
}

const answerJson = (response: http.ServerResponse, status: number, body: unknown) =>
	response.writeHead(status, { 'content-type': 'application/json;charset=UTF-8' }).end(JSON.stringify(body));

export async function startFakeHesi(options: FakeHesiOptions = {}): Promise<FakeHesi> {
	const appKey = options.appKey ?? 'fake-app-key';
	const appSecurity = options.appSecurity ?? 'fake-app-security-9f2c';
	const requests: RecordedRequest[] = [];
	const approvals: ApprovalAnswer[] = [];
	const tokenScript: Array<'refuse' | number> = [];
	let validTokens = new Set<string>();
	let issued = 0;

	const defaultApproval = (response: http.ServerResponse, recorded: RecordedRequest): void => {
		if (!validTokens.has(recorded.query.accessToken ?? '')) {
			answerJson(response, 401, { errorCode: 401, errorMessage: 'accessToken无效或已过期' });
			return;
		}
		const body = recorded.body;
		const missing = ['signKey', 'flowId', 'nodeId', 'action'].filter((field) => typeof body?.[field] !== 'string' || body[field] === '');
		if (!body || missing.length > 0 || !['accept', 'refuse'].includes(String(body.action))) {
			answerJson(response, 200, { value: { code: '400', message: `参数错误: ${missing.join(',') || 'action'}` } });
			return;
		}
		if (options.signKey !== undefined && body.signKey !== options.signKey) {
			answerJson(response, 200, { value: { code: '401', message: 'signKey错误' } });
			return;
		}
		answerJson(response, 200, { value: { code: '204', message: 'success' } });
	};

	const server = http.createServer((request, response) => {
		void (async () => {
			const rawBody = await readBody(request);
			const url = new URL(request.url ?? '/', 'http://127.0.0.1');
			const recorded: RecordedRequest = {
				method: request.method ?? '',
				path: url.pathname,
				query: Object.fromEntries(url.searchParams),
				body: parse(rawBody),
				rawBody,
			};
			requests.push(recorded);
			if (request.method !== 'POST') return answerJson(response, 405, { errorMessage: 'method not allowed' });

			if (url.pathname === '/api/openapi/v1/auth/getAccessToken') {
				const scripted = tokenScript.shift();
				if (typeof scripted === 'number') return answerJson(response, scripted, { errorMessage: 'scripted' });
				if (scripted === 'refuse' || recorded.body?.appKey !== appKey || recorded.body?.appSecurity !== appSecurity) {
					return answerJson(response, 200, { errorCode: 'AUTH_FAILED', errorMessage: 'appKey或appSecurity错误' });
				}
				const accessToken = `fake-token-${++issued}-${Math.random().toString(36).slice(2, 10)}`;
				validTokens.add(accessToken);
				const expireTime = options.expireTime ? options.expireTime() : Date.now() + 3_600_000;
				return answerJson(response, 200, { value: { accessToken, corporationId: fakeCorporationId, ...(expireTime !== undefined ? { expireTime } : {}) } });
			}

			if (url.pathname === '/api/outbound/v1/approval') {
				const scripted = approvals.shift();
				if (!scripted) return defaultApproval(response, recorded);
				if ('code' in scripted) return answerJson(response, 200, { value: { code: scripted.code, message: scripted.message ?? `scripted ${scripted.code}` } });
				if ('status' in scripted) return response.writeHead(scripted.status, { 'content-type': 'application/json' }).end(scripted.body ?? '');
				if ('tokenExpired' in scripted) return answerJson(response, 200, { errorCode: 'TOKEN_EXPIRED', errorMessage: 'accessToken已过期' });
				if ('reset' in scripted) return request.socket.destroy();
				await new Promise((resolve) => setTimeout(resolve, scripted.delayMs));
				if (!response.destroyed) defaultApproval(response, recorded);
				return;
			}
			answerJson(response, 404, { errorMessage: 'not found' });
		})();
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;

	return {
		baseUrl: `http://127.0.0.1:${port}`,
		requests,
		tokenRequests: () => requests.filter((r) => r.path === '/api/openapi/v1/auth/getAccessToken'),
		approvalRequests: () => requests.filter((r) => r.path === '/api/outbound/v1/approval'),
		scriptApprovals: (...answers) => approvals.push(...answers),
		scriptTokens: (...answers) => tokenScript.push(...answers),
		expireTokens: () => {
			validTokens = new Set();
		},
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
