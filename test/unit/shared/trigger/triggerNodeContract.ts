import { NodeHelpers, type INodeType } from 'n8n-workflow';

import type { EventDefinition } from '../../../../nodes/shared/events';

/** The node's parameters as n8n resolves them for a new node of this typeVersion (defaults included). */
export function defaultParameters(node: INodeType, typeVersion: number): Record<string, unknown> {
	return (NodeHelpers.getNodeParameters(node.description.properties, {}, true, false, { typeVersion }, node.description) ?? {}) as Record<string, unknown>;
}

/** What every trigger node's description must hold (issue 5: checked by name, group, inputs, catalog). */
export function expectTriggerContract(node: INodeType, expected: { name: string; displayName: string; catalog: readonly EventDefinition[] }) {
	const { description } = node;
	expect(description.name).toBe(expected.name);
	expect(description.displayName).toBe(expected.displayName);
	expect(description.displayName).toContain('Trigger');
	expect(description.group).toEqual(['trigger']);
	expect(description.inputs).toEqual([]);
	expect(description.outputs).toEqual(['main']);
	expect(description.usableAsTool).toBeUndefined();

	const post = description.webhooks?.find((webhook) => webhook.name === 'default');
	expect(post).toMatchObject({ httpMethod: 'POST', responseMode: 'onReceived', isFullPath: true, path: '={{$parameter["path"]}}' });
	expect(description.webhooks?.find((webhook) => webhook.httpMethod === 'GET')).toMatchObject({ name: 'setup' });

	const names = description.properties.map((property) => property.name);
	expect(names).toEqual(expect.arrayContaining(['path', 'signatureCheck', 'options', 'triggerOptions']));
	// n8n reads `options.binaryData` to hand the body over unparsed (see n8nDescription.ts), and only
	// for typeVersion 1 (webhook-helpers.js parseRequestBody): any other version gets a body n8n parsed
	// first, and junk answered by n8n (422, or 500 for a corrupt gzip body) instead of by the trigger.
	expect(description.version).toBe(1);
	expect(description.properties.find((property) => property.name === 'options')).toMatchObject({ type: 'hidden', default: { binaryData: true } });

	const events = description.properties.find((property) => property.name === 'events');
	if (expected.catalog.length > 1) {
		expect(events?.options?.map((option) => ('value' in option ? option.value : undefined))).toEqual(expected.catalog.map((event) => event.code));
	} else {
		expect(events).toBeUndefined();
	}
	// The signing credential shows for every Signature Check but None (the credential's scheme, or the sender's own with its secrets).
	const checks = description.properties.find((property) => property.name === 'signatureCheck')?.options?.map((option) => ('value' in option ? option.value : undefined));
	expect(checks?.slice(0, 2)).toEqual(['none', 'credential']);
	expect(description.credentials).toEqual([
		{ name: 'outboundSigningSecret', required: true, displayOptions: { show: { signatureCheck: checks?.slice(1) } } },
		{ name: 'outboundStateStore', required: false, testedBy: 'outboundStateStoreTest' },
	]);
	// n8n 2.41 looks a `testedBy` name up in the node's methods.credentialTest (credentials-tester.service.js).
	expect(typeof node.methods?.credentialTest?.outboundStateStoreTest).toBe('function');

	// n8n 2.41.1's editor names its buttons "Execute step" (this panel) and "Execute workflow" (canvas).
	const setup = description.properties.find((property) => property.name === 'setupNotice');
	expect(setup?.displayName).toContain('"Execute step"');
	expect(setup?.displayName).not.toContain('Listen for test event');
	// Choosing None shows what it means, and only then.
	expect(description.properties.find((property) => property.name === 'noSignatureNotice')).toMatchObject({
		type: 'notice',
		displayOptions: { show: { signatureCheck: ['none'] } },
	});
	expect(description.properties.find((property) => property.name === 'path')?.placeholder).toMatch(/^e\.g\. /);

	// Each event's "On …" action in n8n's node panel keeps both names whole (n8n would drop the @ of 被@).
	for (const option of events?.options ?? []) {
		const event = expected.catalog.find((entry) => 'value' in option && entry.code === option.value);
		expect('action' in option && option.action).toBe(`On ${event?.nameEn.replace(/^([A-Z])(?=[a-z])/, (first) => first.toLowerCase())} (${event?.nameZh})`);
	}
}

/**
 * A Hesi trigger checks Hesi's signKey by default, and stays typeVersion 1: n8n 2.41 parses the body of
 * any other version itself before the node runs and answers junk in its own shape (422, or 500 for a
 * corrupt gzip body), so only version 1 lets the trigger answer it 400 in Hesi's.
 */
export function expectHesiSignatureDefaults(node: INodeType) {
	expect(node.description.version).toBe(1);
	expect(node.description.defaultVersion).toBeUndefined();
	expect(defaultParameters(node, 1).signatureCheck).toBe('hesiSignKey');
	const checks = node.description.properties.filter((property) => property.name === 'signatureCheck');
	expect(checks).toHaveLength(1);
	expect(checks[0].options?.map((option) => ('value' in option ? option.value : undefined))).toEqual(['none', 'credential', 'hesiSignKey']);
}
