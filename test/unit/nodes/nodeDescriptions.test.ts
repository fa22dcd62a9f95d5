/**
 * What n8n's lint checks in a literal node description, checked on the descriptions as n8n loads
 * them: node classes and Options collections are built by shared functions
 * (shared/trigger/n8nTriggerNode.ts, shared/n8nActionNode.ts, shared/n8nOptionsCollection.ts), where
 * the lint cannot see.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import type { ICredentialType, INodeProperties, INodeType } from 'n8n-workflow';

import packageJson from '../../../package.json';

const root = join(__dirname, '../../..');

/** Every node the package declares, loaded from its TypeScript source as n8n loads the build. */
const nodes = packageJson.n8n.nodes.map((built) => {
	const className = built.split('/').at(-1)!.replace('.node.js', '');
	const source = join(root, built.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const NodeClass = (require(source) as Record<string, new () => INodeType>)[className];
	return { className, folder: join(source, '..'), node: new NodeClass() };
});

/** Every credential type the package declares. */
const credentials = packageJson.n8n.credentials.map((built) => {
	const className = built.split('/').at(-1)!.replace('.credentials.js', '');
	const source = join(root, built.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const CredentialClass = (require(source) as Record<string, new () => ICredentialType>)[className];
	return new CredentialClass();
});

/** Every parameter at any depth: in collections, fixed collections and their value lists. */
function allParameters(properties: INodeProperties[]): INodeProperties[] {
	return properties.flatMap((property) => {
		const inner = (property.options ?? []).flatMap((option) => ('values' in option ? option.values : 'displayName' in option && 'type' in option ? [option as INodeProperties] : []));
		return [property, ...allParameters(inner)];
	});
}

/** The Options collections (shared/n8nOptionsCollection.ts), at any depth. */
function optionsCollections(properties: INodeProperties[]): INodeProperties[] {
	return allParameters(properties).filter((property) => property.type === 'collection' && property.displayName === 'Options');
}

describe('node descriptions', () => {
	it('declares all 14 nodes of the package, and their Options collections are found', () => {
		expect(nodes).toHaveLength(14);
		const large = nodes.flatMap(({ node }) => optionsCollections(node.description.properties)).filter((collection) => collection.options!.length >= 5);
		expect(large.length).toBeGreaterThanOrEqual(9);
	});

	it.each(nodes.map((entry) => [entry.className, entry]))('%s: its name is its class name with a lower-case first letter', (className, { node }) => {
		expect(node.description.name).toBe(className.charAt(0).toLowerCase() + className.slice(1));
	});

	it.each(nodes.map((entry) => [entry.className, entry]))('%s: its icons are files beside the node', (_className, { node, folder }) => {
		const icon = node.description.icon as { light: string; dark: string };
		for (const file of [icon.light, icon.dark]) {
			expect(file).toMatch(/^file:/);
			expect(existsSync(join(folder, file.slice('file:'.length)))).toBe(true);
		}
	});

	// n8n's rule node-param-collection-type-unsorted-items: five options or more are alphabetical.
	it.each(nodes.map((entry) => [entry.className, entry]))('%s: every Options collection of five or more lists them alphabetically', (_className, { node }) => {
		const found = optionsCollections(node.description.properties).filter((collection) => collection.options!.length >= 5);
		for (const collection of found) {
			const names = (collection.options as INodeProperties[]).map((option) => option.displayName);
			expect({ collection: collection.name, names }).toEqual({ collection: collection.name, names: [...names].sort((a, b) => a.localeCompare(b)) });
		}
	});

	// n8n's rule credential-test-required: a credential has a `test` request, or a node that lists it
	// names a test of its own (`testedBy`), which n8n looks up in that node's methods.credentialTest.
	// Landray EKP has no endpoint that checks an account without sending a to-do (its credential says so).
	it.each(credentials.map((credential) => [credential.name, credential]))('%s: the credential can be tested in n8n', (name, credential) => {
		const testers = nodes.flatMap(({ className, node }) =>
			(node.description.credentials ?? [])
				.filter((listed) => listed.name === name && listed.testedBy !== undefined)
				.map((listed) => ({ className, testedBy: listed.testedBy as string, found: typeof node.methods?.credentialTest?.[listed.testedBy as string] === 'function' })),
		);
		for (const tester of testers) expect(tester).toEqual({ ...tester, found: true });
		if (name === 'todoLandrayApi') expect({ test: credential.test, testers }).toEqual({ test: undefined, testers: [] });
		else expect(credential.test !== undefined || testers.length > 0).toBe(true);
	});

	it('Sign Request tests the Outbound Signing Secret credential; its other users leave the test to it', () => {
		const listing = (className: string) => nodes.find((entry) => entry.className === className)!.node.description.credentials!.find((listed) => listed.name === 'outboundSigningSecret');
		expect(listing('SignRequest')).toEqual({ name: 'outboundSigningSecret', required: true, testedBy: 'outboundSigningSecretTest' });
		expect(listing('SendOutboundMessage')?.testedBy).toBeUndefined();
	});

	// What n8n's lint checks on a dropdown it can read, for every dropdown, including those declared with
	// oneOf / anyOf (shared/n8nChoices.ts) or built from a catalog: a default that is one of the choices
	// (node-param-default-wrong-for-options), no two choices alike (node-param-option-*-duplicate).
	it.each(nodes.map((entry) => [entry.className, entry]))('%s: every dropdown defaults to one of its choices, and no two are alike', (_className, { node }) => {
		const dropdowns = allParameters(node.description.properties).filter((property) => property.type === 'options' || property.type === 'multiOptions');
		expect(dropdowns.length).toBeGreaterThan(0);
		for (const dropdown of dropdowns.filter((property) => Array.isArray(property.options))) {
			const choices = dropdown.options as Array<{ name: string; value: unknown }>;
			const values = choices.map((choice) => choice.value);
			const defaults = dropdown.type === 'multiOptions' ? (dropdown.default as unknown[]) : [dropdown.default];
			expect({ dropdown: dropdown.name, missing: defaults.filter((value) => !values.includes(value)) }).toEqual({ dropdown: dropdown.name, missing: [] });
			expect({ dropdown: dropdown.name, names: new Set(choices.map((choice) => choice.name)).size, values: new Set(values).size }).toEqual({
				dropdown: dropdown.name,
				names: choices.length,
				values: choices.length,
			});
		}
	});

	// n8n reads every display condition as a list of values; anything else (a table lookup that missed,
	// say) hides the parameter for good or breaks the editor.
	it.each(nodes.map((entry) => [entry.className, entry]))('%s: every display condition is a list of values', (_className, { node }) => {
		const conditions = allParameters(node.description.properties).flatMap((property) =>
			(['show', 'hide'] as const).flatMap((kind) => Object.entries(property.displayOptions?.[kind] ?? {}).map(([on, values]) => ({ property: property.name, kind, on, values }))),
		);
		expect(conditions.length).toBeGreaterThan(0);
		for (const condition of conditions) expect({ ...condition, list: Array.isArray(condition.values) && condition.values.length > 0 }).toEqual({ ...condition, list: true });
	});
});
