/** The local targets of the queue-mode e2e, on 127.0.0.1 (port 0): they count what arrives, by id. */
import http from 'node:http';

async function listen(server: http.Server): Promise<number> {
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return (server.address() as { port: number }).port;
}

async function close(server: http.Server): Promise<void> {
	server.closeAllConnections();
	await new Promise((resolve) => server.close(resolve));
}

const increment = (counts: Map<string, number>, id: string) => counts.set(id, (counts.get(id) ?? 0) + 1);

/** Where the trigger workflow's HTTP Request reports each flow it ran for (`x-flow-id`). */
export class CountingTarget {
	readonly received = new Map<string, number>();
	private readonly server = http.createServer((req, res) => {
		increment(this.received, String(req.headers['x-flow-id'] ?? ''));
		req.resume();
		req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'));
	});
	url = '';

	get total(): number {
		let sum = 0;
		for (const count of this.received.values()) sum += count;
		return sum;
	}

	async start(): Promise<void> {
		this.url = `http://127.0.0.1:${await listen(this.server)}/received`;
	}

	async close(): Promise<void> {
		await close(this.server);
	}
}

/**
 * The OA the compensation delivers to. `down`: every request is answered 503 (after `delayMs`, as an
 * overloaded gateway does). `flaky`: answered 200 after `delayMs`, except the first request of each
 * message whose number is 2 mod 5 (a fifth of them), answered 503. Counts requests per phase and 2xx
 * answers by `X-Message-Id`.
 */
export class FlakyOa {
	mode: 'down' | 'flaky' = 'down';
	readonly requests = { down: new Map<string, number>(), flaky: new Map<string, number>() };
	readonly acknowledged = new Map<string, number>();
	url = '';
	private readonly server = http.createServer((req, res) => {
		const id = String(req.headers['x-message-id'] ?? '');
		const mode = this.mode;
		increment(this.requests[mode], id);
		const n = Number(/-(\d+)$/.exec(id)?.[1] ?? 0);
		const fail = mode === 'down' || (n % 5 === 2 && this.requests.flaky.get(id) === 1);
		req.resume();
		req.on('end', () => {
			setTimeout(() => {
				if (fail) return void res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":"maintenance"}');
				res.writeHead(200, { 'content-type': 'application/json' }).end('{"code":"1"}', () => increment(this.acknowledged, id));
			}, this.delayMs);
		});
	});

	constructor(private readonly delayMs: number) {}

	async start(): Promise<void> {
		this.url = `http://127.0.0.1:${await listen(this.server)}/todo`;
	}

	async close(): Promise<void> {
		await close(this.server);
	}
}
