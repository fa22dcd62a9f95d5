import { type Answer, type FakeServer, json, parseJson, startFakeServer } from './fakeServer';

/**
 * e-cology OFS REST (统一待办库) fake: `POST /rest/ofs/<endpoint>` for the five endpoints, JSON bodies
 * of strings, answered `{syscode, dataType: "OfsTodoData", operType, operResult, message}`. It keeps
 * the newest `receivets` per flow and receiver and refuses an older push (operResult "0"), as OFS
 * does. `failWith` makes it answer the documented failures: operResult "0" with a message, HTTP 500,
 * or a body that is not JSON. Also serves an ESB action flow at `/esb/<flow>` with the same model.
 */

export type OfsFailure = 'operResult0' | 'http500' | 'notJson' | undefined;

export const ofsEndpoints = ['ReceiveRequestInfoByJson', 'ProcessDoneRequestByJson', 'ProcessOverRequestByJson', 'deleteUserRequestInfoByJson', 'deleteRequestInfoByJson'];

const required: Record<string, string[]> = {
	ReceiveRequestInfoByJson: ['syscode', 'flowid', 'requestname', 'receiver', 'isremark', 'receivets'],
	ProcessDoneRequestByJson: ['syscode', 'flowid', 'receiver'],
	ProcessOverRequestByJson: ['syscode', 'flowid', 'receiver'],
	deleteUserRequestInfoByJson: ['syscode', 'flowid', 'userid'],
	deleteRequestInfoByJson: ['syscode', 'flowid'],
};

export interface OfsFake extends FakeServer {
	failWith(failure: OfsFailure, message?: string): void;
}

export async function startOfsFake(): Promise<OfsFake> {
	let failure: OfsFailure;
	let failureMessage = '';
	const newest = new Map<string, number>();

	function answer(endpoint: string, text: string): Answer {
		const body = parseJson(text);
		const syscode = typeof body?.syscode === 'string' ? body.syscode : '';
		const operType = endpoint.startsWith('delete') ? 'AutoDel' : body?.isremark === '0' || body?.isremark === '8' ? 'AutoNew' : 'AutoUpdate';
		const reply = (ok: boolean, message: string) => json(200, { syscode, dataType: 'OfsTodoData', operType, operResult: ok ? '1' : '0', message });
		if (failure === 'http500') return { status: 500, body: 'Internal Server Error' };
		if (failure === 'notJson') return { status: 200, body: '<html>login</html>', contentType: 'text/html' };
		if (failure === 'operResult0') return reply(false, failureMessage);
		if (!body) return reply(false, 'request body is not JSON');
		for (const field of required[endpoint] ?? []) {
			if (typeof body[field] !== 'string' || body[field] === '') return reply(false, `${field} is required`);
		}
		for (const [field, value] of Object.entries(body)) if (typeof value !== 'string') return reply(false, `${field} must be a string`);
		if (typeof body.receivets === 'string') {
			const key = `${String(body.flowid)}|${String(body.receiver)}`;
			const ts = Number(body.receivets);
			if ((newest.get(key) ?? -1) > ts) return reply(false, 'receivets is older than the data on record; not updated');
			newest.set(key, ts);
		}
		return reply(true, 'Success');
	}

	const fake = await startFakeServer((request) => {
		const ofs = /^\/rest\/ofs\/([A-Za-z]+)$/.exec(request.path);
		if (request.method === 'POST' && ofs && ofsEndpoints.includes(ofs[1])) return answer(ofs[1], request.text);
		if (request.method === 'POST' && request.path.startsWith('/esb/')) {
			const body = parseJson(request.text);
			const endpoint = body?.isremark !== undefined ? 'ReceiveRequestInfoByJson' : body?.userid !== undefined ? 'deleteUserRequestInfoByJson' : 'deleteRequestInfoByJson';
			return answer(endpoint, request.text);
		}
		return { status: 404, body: 'Not Found' };
	});
	return Object.assign(fake, {
		failWith(next: OfsFailure, message = '') {
			failure = next;
			failureMessage = message;
		},
	});
}
