import type { ServerResponse } from 'node:http';

/**
 * Settles an accepted delivery when n8n answers the sender, at the moment it calls `end()` (the
 * execution is stored by then, and the bytes are not yet on the wire):
 * - a success status: `confirm` (the journal append) runs before the answer is written, so a sender
 *   that saw the success finds the delivery remembered even if n8n is killed the next instant (the
 *   'finish' event comes an event-loop turn after the client may already have read the answer);
 * - any other status (n8n could not store the execution, e.g. 500 while shutting down): `takeBack`,
 *   so the sender's retry runs;
 * - the connection closes before n8n answers at all (n8n stopping, killed mid-request): `takeBack`
 *   too: the sender saw no success and retries, and a retry that runs twice is better than one
 *   answered "duplicate" for a run that was never stored (at least once).
 * Wrapping `end` on this one response is how Express's own on-headers middleware hooks an answer.
 */
export function settleWhenAnswered(response: ServerResponse, confirm: (() => void) | undefined, takeBack: () => void): void {
	let settled = false;
	const settle = (succeeded: boolean) => {
		if (settled) return;
		settled = true;
		if (succeeded) confirm?.();
		else takeBack();
	};
	const end = response.end;
	response.end = function (this: ServerResponse, ...args: unknown[]) {
		settle(response.statusCode >= 200 && response.statusCode < 300);
		return (end as (...endArgs: unknown[]) => ServerResponse).apply(this, args);
	} as ServerResponse['end'];
	response.once('close', () => settle(false));
}
