import type { INodeType } from 'n8n-workflow';

import type { EventDefinition } from '../../../../nodes/shared/events';

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
	// n8n reads `options.binaryData` to hand the body over unparsed (see n8nDescription.ts).
	expect(description.properties.find((property) => property.name === 'options')).toMatchObject({ type: 'hidden', default: { binaryData: true } });

	const events = description.properties.find((property) => property.name === 'events');
	if (expected.catalog.length > 1) {
		expect(events?.options?.map((option) => ('value' in option ? option.value : undefined))).toEqual(expected.catalog.map((event) => event.code));
	} else {
		expect(events).toBeUndefined();
	}
	expect(description.credentials).toEqual([
		{ name: 'outboundSigningSecret', required: true, displayOptions: { show: { signatureCheck: ['credential', 'jiandaoyun'] } } },
	]);
}
