import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A real HTTP target on 127.0.0.1 (port 0) for the delivery tests: records every request it gets
 * (method, url, headers, exact body bytes) and the most requests it ever had in flight at once.
 */

export interface ReceivedCall {
	method: string;
	url: string;
	headers: IncomingMessage['headers'];
	body: Buffer;
}

export type TargetHandler = (call: ReceivedCall, res: ServerResponse, index: number) => void | Promise<void>;

export interface LocalTarget {
	url: string;
	calls: ReceivedCall[];
	/** Highest number of requests being handled at the same time. */
	peakInFlight: number;
	/** TCP connections the target accepted. */
	connections: number;
	close(): Promise<void>;
}

export async function startTarget(handler: TargetHandler): Promise<LocalTarget> {
	const sockets = new Set<Socket>();
	let inFlight = 0;
	const target: LocalTarget = {
		url: '',
		calls: [],
		peakInFlight: 0,
		connections: 0,
		close: async () => {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
	const server = createServer((req, res) => {
		inFlight++;
		target.peakInFlight = Math.max(target.peakInFlight, inFlight);
		res.on('close', () => inFlight--);
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const call: ReceivedCall = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) };
			const index = target.calls.push(call) - 1;
			void Promise.resolve(handler(call, res, index)).catch((error: unknown) => {
				res.destroy(error as Error);
			});
		});
	});
	server.on('connection', (socket: Socket) => {
		target.connections++;
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	target.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return target;
}

export function answer(res: ServerResponse, status: number, body: unknown = '', headers: Record<string, string> = {}): void {
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json', ...headers });
	res.end(text);
}

/** A port on 127.0.0.1 nothing listens on: one the OS gave us and we closed again. */
export async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

/** A URL nothing listens on. */
export async function closedPortUrl(): Promise<string> {
	return `http://127.0.0.1:${await closedPort()}`;
}

/** Resolves after `ms`; for targets that answer late. Unref'd: a stalled target never holds Jest open. */
export async function delay(ms: number): Promise<void> {
	await new Promise((resolve) => setTimeout(resolve, ms).unref());
}
