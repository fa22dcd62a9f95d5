import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * The base of the to-do target fakes (unit tests and e2e): a real HTTP server on 127.0.0.1 (port 0)
 * that records every request as received (method, path, query, headers, exact body) and answers
 * through the fake's own handler. Never listens anywhere but 127.0.0.1.
 */

export interface ReceivedRequest {
	method: string;
	/** Path and query as sent. */
	url: string;
	path: string;
	query: Record<string, string>;
	headers: IncomingMessage['headers'];
	body: Buffer;
	/** The body as UTF-8 text. */
	text: string;
}

export interface Answer {
	status: number;
	body: string;
	contentType?: string;
}

export interface FakeServer {
	url: string;
	requests: ReceivedRequest[];
	close(): Promise<void>;
}

export function json(status: number, value: unknown): Answer {
	return { status, body: JSON.stringify(value), contentType: 'application/json;charset=UTF-8' };
}

export async function startFakeServer(handle: (request: ReceivedRequest) => Answer | Promise<Answer>): Promise<FakeServer> {
	const sockets = new Set<Socket>();
	const fake: FakeServer = {
		url: '',
		requests: [],
		close: async () => {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
	const server = createServer((req: IncomingMessage, res: ServerResponse) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const parsed = new URL(req.url ?? '/', 'http://127.0.0.1');
			const body = Buffer.concat(chunks);
			const request: ReceivedRequest = {
				method: req.method ?? '',
				url: req.url ?? '',
				path: parsed.pathname,
				query: Object.fromEntries(parsed.searchParams),
				headers: req.headers,
				body,
				text: body.toString('utf8'),
			};
			fake.requests.push(request);
			void Promise.resolve()
				.then(() => handle(request))
				.then((answer) => {
					res.writeHead(answer.status, { 'content-type': answer.contentType ?? 'text/plain;charset=UTF-8' });
					res.end(answer.body);
				})
				.catch((error: unknown) => {
					res.writeHead(500, { 'content-type': 'text/plain' });
					res.end(`fake failed: ${(error as Error).message}`);
				});
		});
	});
	server.on('connection', (socket: Socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return fake;
}

/** Parses a JSON request body, or undefined when it is not JSON. */
export function parseJson(text: string): Record<string, unknown> | undefined {
	try {
		const value: unknown = JSON.parse(text);
		return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
	} catch {
		return undefined;
	}
}
