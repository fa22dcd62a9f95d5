/**
 * A trigger's signing secret edited in n8n while the workflow is active (workflow e2eTrigCredEdit1,
 * credential e2eTrigCredEdit01): the trigger reads its credential at most once a second
 * (nodes/shared/trigger/credentialCache.ts), so after that second the new secret is the one that
 * counts and the old one is refused, with no restart and no re-publishing.
 */
import { credentialCacheMs } from '../../../nodes/shared/trigger/credentialCache';
import { connectN8n, nodeOutputs } from '../harness/n8n';
import { executionCount, expectNoNewExecution, jiandaoyunPush, newExecution, send, waitForTrigger } from './senders';

const n8n = connectN8n();
jest.setTimeout(120_000);

const workflowId = 'e2eTrigCredEdit1';
const path = 'e2e-trig-cred-edit';
const credentialId = 'e2eTrigCredEdit01';
/** test/e2e/credentials/trigger-credential-edit.json */
const firstSecret = 'e2eCredEditFirstSecret5a0c1f3b77';
const secondSecret = 'e2eCredEditSecondSecret9d41e20c6a';

const record = (id: string) => ({ op: 'data_create', data: { _id: id, appId: 'app-1', entryId: 'entry-1' }, send_time: new Date().toISOString() });
let sequence = 0;
const deliverId = () => `e2e-cred-edit-${Date.now()}-${++sequence}`;

async function editSecret(secret: string): Promise<void> {
	await n8n.rest('PATCH', `/rest/credentials/${credentialId}`, {
		name: 'e2e: Jiandaoyun secret edited during the test',
		type: 'outboundSigningSecret',
		data: { scheme: 'jiandaoyun', secret },
	});
}

beforeAll(async () => await waitForTrigger(n8n, path));
afterAll(async () => await editSecret(firstSecret));

describe('Trigger whose signing secret is edited in n8n while the workflow is active', () => {
	it('accepts the new secret and refuses the old one once the credential cache time has passed', async () => {
		let before = await executionCount(n8n, workflowId);
		const first = await send(n8n, jiandaoyunPush(path, record('r1'), { secret: firstSecret, deliverId: deliverId() }));
		expect(first.status).toBe(200);
		await newExecution(n8n, workflowId, before);

		await editSecret(secondSecret);
		await new Promise((resolve) => setTimeout(resolve, credentialCacheMs + 200));

		before = await executionCount(n8n, workflowId);
		const old = await send(n8n, jiandaoyunPush(path, record('r2'), { secret: firstSecret, deliverId: deliverId() }));
		expect(old.status).toBe(401);
		await expectNoNewExecution(n8n, workflowId, before);

		const id = deliverId();
		const renewed = await send(n8n, jiandaoyunPush(path, record('r3'), { secret: secondSecret, deliverId: id }));
		expect(renewed).toMatchObject({ status: 200, body: 'success' });
		const [items] = nodeOutputs(await newExecution(n8n, workflowId, before), 'Jiandaoyun Push Trigger');
		expect(items).toHaveLength(1);
		expect(items[0].event).toMatchObject({ deliveryId: id, verified: true });
		expect(items[0].data._id).toBe('r3');
	});
});
