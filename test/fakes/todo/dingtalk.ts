import { type FakeServer, json, parseJson, startFakeServer } from './fakeServer';

/**
 * DingTalk open platform fake (api.dingtalk.com v1.0): `POST /v1.0/oauth2/accessToken {appKey,
 * appSecret}` → `{accessToken, expireIn}`; to-do tasks under `/v1.0/todo/users/{unionId}/tasks`:
 * POST creates (→ `{id, subject, …}`), PUT `/{taskId}` updates (→ `{result: true}`), DELETE
 * `/{taskId}` deletes (→ `{result: true}`). Every call needs `x-acs-dingtalk-access-token`: a token
 * it did not issue, or one `expireTokens()` revoked, gets HTTP 401 `{code: "InvalidAuthentication",
 * message}`. Errors are `{code, message, requestid}` with HTTP 400 (e.g. task not exist) or 500.
 */

export interface DingtalkTask {
	id: string;
	unionId: string;
	body: Record<string, unknown>;
	done: boolean;
	deleted: boolean;
}

export interface DingtalkFake extends FakeServer {
	tasks: DingtalkTask[];
	issuedTokens: string[];
	expireTokens(): void;
	failWith(failure: 'paramError' | 'systemError' | undefined, message?: string): void;
}

function error(status: number, code: string, message: string) {
	return json(status, { code, message, requestid: 'fake-request-1' });
}

export async function startDingtalkFake(options: { appKey: string; appSecret: string }): Promise<DingtalkFake> {
	let failure: 'paramError' | 'systemError' | undefined;
	let failureMessage = '';
	const tasks: DingtalkTask[] = [];
	const valid = new Set<string>();
	const issuedTokens: string[] = [];
	let counter = 0;

	const fake = await startFakeServer((request) => {
		if (request.method === 'POST' && request.path === '/v1.0/oauth2/accessToken') {
			const body = parseJson(request.text);
			if (body?.appKey !== options.appKey || body?.appSecret !== options.appSecret) return error(400, 'invalidClientIdOrSecret', '无效的clientId或者clientSecret');
			const token = `dt-token-${++counter}`;
			valid.add(token);
			issuedTokens.push(token);
			return json(200, { accessToken: token, expireIn: 7200 });
		}
		const match = /^\/v1\.0\/todo\/users\/([^/]+)\/tasks(?:\/([^/]+))?$/.exec(request.path);
		if (!match) return error(404, 'NotFound', 'not found');
		if (!valid.has(String(request.headers['x-acs-dingtalk-access-token'] ?? ''))) return error(401, 'InvalidAuthentication', '不合法的access_token');
		const unionId = decodeURIComponent(match[1]);
		const taskId = match[2] === undefined ? undefined : decodeURIComponent(match[2]);
		if (failure === 'systemError') return error(500, 'todo.taskUpdate.systemError', failureMessage);
		if (failure === 'paramError') return error(400, 'todo.taskUpdate.paramError', failureMessage);
		if (request.method === 'POST' && taskId === undefined) {
			const body = parseJson(request.text);
			if (!body || typeof body.subject !== 'string' || body.subject === '') return error(400, 'todo.taskCreate.paramError', 'subject is required');
			const task: DingtalkTask = { id: `task-${++counter}`, unionId, body, done: false, deleted: false };
			tasks.push(task);
			return json(200, { id: task.id, subject: body.subject, sourceId: body.sourceId, createdTime: 1700000000000, done: false });
		}
		const task = tasks.find((candidate) => candidate.id === taskId && candidate.unionId === unionId && !candidate.deleted);
		if (!task) return error(400, 'todo.taskUpdate.paramError', 'task not exist');
		if (request.method === 'PUT') {
			const body = parseJson(request.text);
			if (body?.done === true) task.done = true;
			return json(200, { result: true });
		}
		if (request.method === 'DELETE') {
			task.deleted = true;
			return json(200, { result: true });
		}
		return error(405, 'MethodNotAllowed', request.method);
	});
	return Object.assign(fake, {
		tasks,
		issuedTokens,
		expireTokens() {
			valid.clear();
		},
		failWith(next: 'paramError' | 'systemError' | undefined, message = '') {
			failure = next;
			failureMessage = message;
		},
	});
}
