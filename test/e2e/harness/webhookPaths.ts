/**
 * Several test files publish copies of the same example, and n8n refuses (409) to publish a second
 * workflow on a webhook path another published workflow holds. Test files run one at a time, so a
 * file that publishes an example first unpublishes the leftovers of earlier files on the same paths,
 * and unpublishes its own copies when it is done.
 */
import type { N8nClient } from './n8n';

interface WorkflowNode {
	type: string;
	parameters?: Record<string, unknown>;
}

interface PublicWorkflow {
	id: string;
	active: boolean;
	nodes: WorkflowNode[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function webhookPaths(nodes: WorkflowNode[]): string[] {
	return nodes
		.filter((node) => node.type === 'n8n-nodes-base.webhook' || /Trigger$/.test(node.type))
		.map((node) => String(node.parameters?.path ?? ''))
		.filter(Boolean);
}

/** Unpublishes a workflow and waits until n8n has taken its triggers down. */
export async function unpublish(n8n: N8nClient, workflowId: string): Promise<void> {
	await n8n.api('POST', `/workflows/${workflowId}/deactivate`);
	for (const started = Date.now(); Date.now() - started < 30_000; await sleep(200)) {
		const publication = await n8n.rest('GET', `/rest/workflows/${workflowId}/publication-status`);
		if (publication.status === 'not_published') return;
	}
	throw new Error(`workflow ${workflowId} still published 30 s after unpublishing`);
}

/** Unpublishes every other published workflow listening on one of these nodes' webhook paths. */
export async function releaseWebhookPaths(n8n: N8nClient, nodes: WorkflowNode[]): Promise<void> {
	const wanted = new Set(webhookPaths(nodes));
	let cursor: string | undefined;
	const holders: string[] = [];
	do {
		const query = new URLSearchParams({ active: 'true', limit: '250', ...(cursor ? { cursor } : {}) });
		const page = (await n8n.api('GET', `/workflows?${query}`)) as { data: PublicWorkflow[]; nextCursor?: string };
		for (const workflow of page.data) {
			if (workflow.active && webhookPaths(workflow.nodes).some((p) => wanted.has(p))) holders.push(workflow.id);
		}
		cursor = page.nextCursor ?? undefined;
	} while (cursor);
	for (const id of holders) await unpublish(n8n, id);
}
