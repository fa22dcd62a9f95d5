import { type IExecuteFunctions, NodeOperationError } from 'n8n-workflow';

import type { ParameterReader } from '../../SendOutboundMessage/parameterReader';
import { adapterFor, isTodoAdapterKind } from '../../shared/todo/adapters';
import type { TargetSettings, TodoAdapter } from '../../shared/todo/types';
import { credentialFor, readTarget } from '../targets';
import { settingsError } from './read';

/** The target of a run: whether it is on, its adapter, and the settings the adapter reads. */
export interface TargetOfRun {
	enabled: boolean;
	adapter: TodoAdapter;
	settings: TargetSettings;
	systemName: string;
}

/**
 * Reads seed 002's 基本信息 (enabled, identifier, name, server address, push type) and the adapter's
 * own parameters and credential. A problem stops the node with the parameter's label.
 */
export async function readTargetSettings(context: IExecuteFunctions, params: ParameterReader): Promise<TargetOfRun> {
	const kind = params.get<string>('adapter', 0, 'ofsRest');
	if (!isTodoAdapterKind(kind)) throw settingsError(context, 'adapter', `"${kind}" is not one of the adapters: pick one from the list`);
	const sysCode = String(params.get<unknown>('sysCode', 0, '') ?? '').trim();
	if (sysCode === '') throw settingsError(context, 'sysCode', 'it is empty: enter the identifier the target knows this OA by (its syscode)');
	const address = String(params.get<unknown>('serverAddress', 0, '') ?? '').trim();
	let baseUrl: string;
	try {
		const url = new URL(address);
		if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`the scheme ${url.protocol} is not http: or https:`);
		baseUrl = address.replace(/\/+$/, '');
	} catch (error) {
		const why = address === '' ? 'it is empty' : `"${address}" is not an http(s) address (${(error as Error).message})`;
		throw settingsError(context, 'serverAddress', `${why}: enter the target's address, e.g. https://portal.example.com`);
	}
	const credentialName = credentialFor(kind);
	let credentials: Record<string, unknown> | undefined;
	if (credentialName) {
		try {
			credentials = (await context.getCredentials(credentialName)) as Record<string, unknown>;
		} catch (error) {
			// Landray's is optional (SOAP header user/password); the others are required by the description.
			if (credentialName !== 'todoLandrayApi') throw new NodeOperationError(context.getNode(), error as Error);
		}
	}
	let options: TargetSettings['options'];
	try {
		options = readTarget(kind, (name) => params.get<unknown>(name, 0, undefined), credentials);
	} catch (error) {
		throw settingsError(context, 'adapter', (error as Error).message);
	}
	return {
		enabled: params.get<boolean>('enabled', 0, true) !== false,
		adapter: adapterFor(kind),
		settings: { sysCode, baseUrl, options },
		systemName: String(params.get<unknown>('systemName', 0, '') ?? '').trim(),
	};
}
