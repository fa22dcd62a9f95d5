import * as path from 'node:path';

import { type ICredentialDataDecryptedObject, type INode, NodeOperationError } from 'n8n-workflow';

import { defaultStatePath, n8nFolder } from './openStateStore';
import { cachedStateStore } from './storeCache';
import { type StateStore, type StateStoreConfig, StateStoreError } from './types';

/** The credential that chooses the store (credentials/OutboundStateStore.credentials.ts). */
export const stateStoreCredentialName = 'outboundStateStore';

/** What a node needs to reach its store: its description (which credentials are set) and n8n's credential reader. */
export interface StateStoreContext {
	getNode(): INode;
	getCredentials(type: string, itemIndex?: number): Promise<ICredentialDataDecryptedObject>;
}

export interface ResolvedStateStore {
	store: StateStore;
	config: StateStoreConfig;
	/** True when an Outbound State Store credential chose it; false on the embedded default. */
	fromCredential: boolean;
}

const text = (value: unknown, fallback = ''): string => (typeof value === 'string' && value.trim() !== '' ? value.trim() : fallback);

/**
 * The store a credential describes. Field names are the credential's (OutboundStateStore.credentials.ts);
 * an unusable value throws a StateStoreError naming the field by its label.
 */
export function stateStoreConfigFromCredential(data: ICredentialDataDecryptedObject): StateStoreConfig {
	const storeType = text(data.storeType, 'embedded');
	if (storeType === 'embedded') {
		const filePath = text(data.filePath);
		// A relative path is taken from the n8n folder, not from whatever directory n8n was started in.
		return { kind: 'embedded', path: filePath === '' ? defaultStatePath() : path.resolve(n8nFolder(), filePath) };
	}
	if (storeType !== 'postgres') {
		throw new StateStoreError(`"Store" is "${storeType}", which is not one of its choices: pick Embedded File or PostgreSQL`, 'misconfigured');
	}
	const port = Number(data.port ?? 5432);
	if (!Number.isInteger(port) || port < 1 || port > 65535) {
		throw new StateStoreError(`"Port" is ${String(data.port)}: give the PostgreSQL server's port, a whole number from 1 to 65535 (usually 5432)`, 'misconfigured');
	}
	const host = text(data.host);
	if (host === '') throw new StateStoreError('"Host" is empty: give the PostgreSQL server\'s host name or address', 'misconfigured');
	const ssl = text(data.ssl, 'disable');
	return {
		kind: 'postgres',
		host,
		port,
		database: text(data.database, 'postgres'),
		user: text(data.user, 'postgres'),
		password: typeof data.password === 'string' ? data.password : '',
		ssl: ssl === 'require' || ssl === 'verify' ? ssl : 'disable',
		schema: text(data.schema, 'public'),
		tablePrefix: text(data.tablePrefix, 'outbound_'),
		// Checked by the store (1 to 100), which names the field.
		...(data.poolSize === undefined || data.poolSize === '' ? {} : { poolSize: Number(data.poolSize) }),
	};
}

/** True when the node has an Outbound State Store credential chosen. */
export function hasStateStoreCredential(node: INode): boolean {
	return node.credentials?.[stateStoreCredentialName] !== undefined;
}

/**
 * The node's store: the one its Outbound State Store credential chooses, else the embedded default
 * file (`<n8n folder>/outbound-messages/state.db`). Problems become a NodeOperationError that names
 * the credential and what to fix.
 */
export async function stateStoreFor(context: StateStoreContext): Promise<ResolvedStateStore> {
	const node = context.getNode();
	const fromCredential = hasStateStoreCredential(node);
	let config: StateStoreConfig;
	try {
		config = fromCredential
			? stateStoreConfigFromCredential(await context.getCredentials(stateStoreCredentialName))
			: { kind: 'embedded', path: defaultStatePath() };
		return { store: cachedStateStore(config), config, fromCredential };
	} catch (error) {
		// The cause goes in the description: n8n replaces a message that holds a system error code
		// (EACCES, ECONNREFUSED, …) with a generic sentence, and the path or host would be lost.
		const cause = (error as Error).message;
		throw new NodeOperationError(node, `Cannot open the state store of node "${node.name}"`, {
			description: `${cause}. ${
				fromCredential
					? 'Open the Outbound State Store credential chosen on this node and correct it, or remove the credential to use the embedded file in the n8n folder.'
					: `The embedded store lives in the n8n folder (${defaultStatePath()}): check that n8n can write there, or choose an Outbound State Store credential.`
			}`,
		});
	}
}
