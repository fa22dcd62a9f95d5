import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { settleWhenAnswered } from '../../../../nodes/shared/trigger/settleWhenAnswered';

/**
 * A real HTTP server whose handler settles each request as the trigger does, then answers as the
 * test says; `events` records confirm / takeBack and when the handler's end() returned.
 */
async function withServer(
	answer: (response: ServerResponse, events: string[]) => void,
	run: (url: string, events: string[]) => Promise<void>,
): Promise<void> {
	const events: string[] = [];
	const server = http.createServer((_request: IncomingMessage, response: ServerResponse) => {
		settleWhenAnswered(response, () => events.push('confirm'), () => events.push('takeBack'));
		answer(response, events);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	try {
		await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, events);
	} finally {
		server.closeAllConnections();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	}
}

const settled = async (events: string[]) => {
	for (let waited = 0; waited < 2000 && !events.some((event) => event === 'confirm' || event === 'takeBack'); waited += 10) {
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
	await new Promise((resolve) => setTimeout(resolve, 50));
};

describe('settleWhenAnswered (an accepted delivery, settled as n8n answers its sender)', () => {
	it('confirms a success before its answer is written, so a kill right after the sender read it keeps the delivery', async () => {
		await withServer(
			(response, events) => {
				response.statusCode = 200;
				response.end('{"ok":true}');
				events.push('end returned');
			},
			async (url, events) => {
				const answer = await fetch(url, { method: 'POST', body: '{}' });
				expect(await answer.text()).toBe('{"ok":true}');
				await settled(events);
				// Confirmed inside end(), not on 'finish' an event-loop turn later.
				expect(events).toEqual(['confirm', 'end returned']);
			},
		);
	});

	it('takes back a delivery that n8n answers with a failure (500 while shutting down)', async () => {
		await withServer(
			(response) => {
				response.statusCode = 500;
				response.end('{"code":0,"message":"There was a problem executing the workflow"}');
			},
			async (url, events) => {
				expect((await fetch(url, { method: 'POST', body: '{}' })).status).toBe(500);
				await settled(events);
				expect(events).toEqual(['takeBack']);
			},
		);
	});

	it('takes back a delivery whose connection closes before n8n answers', async () => {
		await withServer(
			(response) => setTimeout(() => response.destroy(), 20),
			async (url, events) => {
				await expect(fetch(url, { method: 'POST', body: '{}' })).rejects.toThrow();
				await settled(events);
				expect(events).toEqual(['takeBack']);
			},
		);
	});

	it('settles once: a success whose connection then closes stays confirmed', async () => {
		await withServer(
			(response) => {
				response.statusCode = 204;
				response.end();
				response.destroy();
			},
			async (url, events) => {
				await fetch(url, { method: 'POST', body: '{}' }).catch(() => undefined);
				await settled(events);
				expect(events).toEqual(['confirm']);
			},
		);
	});
});
