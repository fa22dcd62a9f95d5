/**
 * Send Outbound Message's circuit breaker and push log in a real n8n: n8n computes the node's
 * outputs from the expression in its description (four with the breaker on), routes held items by
 * the fourth, and the embedded store works inside n8n's process.
 * Workflow: test/e2e/workflows/send-circuit-breaker.json.
 */
import { type Execution, connectN8n, nodeOutputs, startTarget } from '../harness/n8n';

const n8n = connectN8n();

// Jest reads testTimeout only from the global config, not from the e2e project's entry.
jest.setTimeout(180_000);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Item = Record<string, any>;

describe('Send Outbound Message with the circuit breaker, in a real n8n', () => {
	let execution: Execution;
	let outputs: Item[][];
	let requests: number;

	beforeAll(async () => {
		const server = await startTarget((_req, res) => {
			res.writeHead(503, { 'content-type': 'text/plain' }).end('down');
		});
		try {
			execution = await n8n.runManually('e2eSendCircuitBreaker1');
		} finally {
			await server.close();
		}
		requests = server.requests.length;
		outputs = nodeOutputs(execution, 'Send Outbound Message');
	});

	it('finishes the execution successfully', () => {
		expect(execution.status).toBe('success');
	});

	it('has four outputs: five failures open the circuit, the other three items leave unsent by Held', () => {
		expect(outputs.map((output) => output.length)).toEqual([0, 0, 5, 3]);
		expect(requests).toBe(5);
		expect(outputs[3].map((item) => [item.orderId, item.delivery.status, item.delivery.reason, item.delivery.circuit.justOpened])).toEqual([
			['B-5', 'held', 'circuit_open', true],
			['B-6', 'held', 'circuit_open', false],
			['B-7', 'held', 'circuit_open', false],
		]);
	});

	it('runs the node connected to Held with the held items', () => {
		const [held] = nodeOutputs(execution, 'On Held');
		expect(held.map((item) => item.orderId)).toEqual(['B-5', 'B-6', 'B-7']);
	});

	it('writes the push log to the embedded store inside n8n', () => {
		expect([...outputs[2], ...outputs[3]].every((item) => item.delivery.log?.written === true)).toBe(true);
	});

	it("sets the run's custom execution data", () => {
		const metadata = (execution.data?.resultData as { metadata?: Record<string, string> } | undefined)?.metadata;
		expect(metadata).toMatchObject({ messageCount: '8', event: 'flow.paid', flowId: 'F-0', outcome: 'failed', source: expect.stringContaining('Send Outbound Message') });
	});
});
