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
	// typeVersion 1 keeps working: n8n reads `options.binaryData` to hand its body over unparsed (see
	// n8nProperties.ts), and only for typeVersion 1 (webhook-helpers.js parseRequestBody). A new node
	// still gets typeVersion 1, so the trigger answers every hostile body itself; 2 (opt-in) is without
	// it: n8n parses the body itself, and reads no expression to decide so.
	expect(description.version).toEqual([1, 2]);
	expect(description.defaultVersion).toBe(1);
	expect(description.properties.find((property) => property.name === 'options')).toMatchObject({ type: 'hidden', default: { binaryData: true } });
	expect(defaultParameters(node, 1).options).toEqual({ binaryData: true });
	expect(defaultParameters(node, 2).options).toBeUndefined();

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
 * A Hesi trigger checks Hesi's signKey by default, in both typeVersions. (In typeVersion 2 n8n parses
 * the body before the node runs and answers junk in its own shape, 422, or 500 for a corrupt gzip
 * body; typeVersion 1 answers it 400 in Hesi's: see n8nDescription.ts triggerVersions.)
 */
export function expectHesiSignatureDefaults(node: INodeType) {
	expect(node.description.defaultVersion).toBe(1);
	expect(defaultParameters(node, 1).signatureCheck).toBe('hesiSignKey');
	expect(defaultParameters(node, 2).signatureCheck).toBe('hesiSignKey');
	const checks = node.description.properties.filter((property) => property.name === 'signatureCheck');
	expect(checks).toHaveLength(1);
	expect(checks[0].options?.map((option) => ('value' in option ? option.value : undefined))).toEqual(['none', 'credential', 'hesiSignKey']);
}
