/**
 * The Outbox node in a real n8n, on the embedded store in n8n's user folder: Claim Due with nothing
 * due ends the branch; failed messages are parked; Search → Repush (Send Now) → Send Outbound
 * Message → Acknowledge delivers them under their first message ids; Stats shows the result.
 * Workflows: test/e2e/workflows/outbox-*.json.
 */
import { type Execution, connectN8n, nodeOutputs, startTarget, type TargetServer } from '../harness/n8n';

const n8n = connectN8n();

jest.setTimeout(180_000);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Item = Record<string, any>;

const ranNodes = (execution: Execution) => Object.keys(execution.data?.resultData?.runData ?? {});

describe('Outbox in a real n8n', () => {
	let target: TargetServer;
	const refused = new Set<string>();

	beforeAll(async () => {
		// The target refuses each message the first time and accepts it after.
		target = await startTarget((req, res) => {
			const id = String(req.headers['x-message-id']);
			const first = !refused.has(id);
			refused.add(id);
			res.writeHead(first ? 503 : 200, { 'content-type': 'application/json' }).end(first ? '{"error":"busy"}' : '{"code":1}');
		});
	});

	afterAll(async () => await target.close());

	it('ends the compensation branch at Claim Due when nothing is due', async () => {
		const execution = await n8n.runManually('e2eOutboxClaim1');
		expect(execution.status).toBe('success');
		expect(ranNodes(execution)).toContain('Claim Due');
		expect(ranNodes(execution)).not.toContain('Send Outbound Message');
	});

	let parked: Item[];

	it('parks the messages the target refused', async () => {
		const execution = await n8n.runManually('e2eOutboxPark1');
		expect(execution.status).toBe('success');
		const [success, failure] = nodeOutputs(execution, 'Outbox');
		expect(failure).toEqual([]);
		parked = success;
		expect(parked.map((item) => [item.flowId, item.outbox.status, item.outbox.queued])).toEqual([
			['REQ-1', 'failed', true],
			['REQ-2', 'failed', true],
			['REQ-3', 'failed', true],
		]);
		expect(target.requests).toHaveLength(3);
	});

	it('re-pushes them at once with Send Now, delivers them under their first ids and acknowledges them', async () => {
		const execution = await n8n.runManually('e2eOutboxRepush1');
		expect(execution.status).toBe('success');
		const [rows] = nodeOutputs(execution, 'Search');
		expect(rows.map((row) => row.status)).toEqual(['failed', 'failed', 'failed']);
		const [claimed] = nodeOutputs(execution, 'Repush');
		expect(claimed).toHaveLength(3);
		const [acknowledged, lost] = nodeOutputs(execution, 'Acknowledge');
		expect(lost).toEqual([]);
		expect(acknowledged.map((item) => item.outbox.acknowledged)).toEqual(['succeeded', 'succeeded', 'succeeded']);

		const again = target.requests.slice(3);
		expect(again.map((request) => request.headers['x-message-id']).sort()).toEqual(parked.map((item) => item.outbox.messageId).sort());
		expect(again.map((request) => request.body.toString('utf8')).sort()).toEqual(target.requests.slice(0, 3).map((request) => request.body.toString('utf8')).sort());

		// The harness's store is shared by every e2e file: Stats counts their rows too.
		const [[stats]] = nodeOutputs(execution, 'Stats');
		expect(stats.byStatus.succeeded).toBeGreaterThanOrEqual(3);
		expect(stats.byTarget).toEqual(expect.arrayContaining([expect.objectContaining({ target: expect.stringMatching(/\/outbox\/todo$/), status: 'succeeded', count: 3 })]));
		expect(stats.queued).toBe(0);
		expect(stats.unfiledLog).toEqual({ batches: 0, rows: 0, lastError: null });
		expect(stats.store).toMatch(/^the embedded file .*outbound-messages\/state\.db$/);
	});
});
