import type { INodeProperties } from 'n8n-workflow';

import type { TargetSettings } from '../../shared/todo/types';

/**
 * What every target's parameter piece shares: how it is shown (only for its adapter), how it reads
 * parameters and credential fields, and the shape of its reader. The node provides `adapter`,
 * `sysCode`, `systemName` and `serverAddress` itself; each piece adds what its adapter needs.
 */

/** Reads a node parameter of the current item by name. */
export type GetParameter = (name: string) => unknown;

/** A credential's decrypted fields, or undefined when the adapter has none. */
export type TargetCredentials = Record<string, unknown> | undefined;

/** Reads a piece's parameters (and credential) into the adapter's options; throws an Error naming the field's label when one is unusable. */
export type TargetReader = (getParameter: GetParameter, credentials: TargetCredentials) => TargetSettings['options'];

export function forAdapter(...kinds: string[]): INodeProperties['displayOptions'] {
	return { show: { adapter: kinds } };
}

export function text(value: unknown): string {
	if (typeof value === 'number') return String(value);
	return typeof value === 'string' ? value.trim() : '';
}

/** A required text field: its value, or an Error that names its label and says what to do. */
export function required(value: unknown, label: string, advice: string): string {
	const found = text(value);
	if (found === '') throw new Error(`"${label}" is empty: ${advice}`);
	return found;
}

/** The Time Zone parameter, shared by the adapters that send wall-clock times. */
export const timeZoneProperty: INodeProperties = {
	displayName: 'Time Zone',
	name: 'targetTimeZone',
	type: 'string',
	default: 'Asia/Shanghai',
	placeholder: 'Asia/Shanghai',
	description: 'The IANA time zone the target reads its yyyy-MM-dd HH:mm:ss times in (e-cology and EKP: the zone of their server)',
	displayOptions: forAdapter('ofsRest', 'e10', 'esb', 'landraySoap', 'wecom', 'custom'),
};

/** An Error that puts a parameter's label before what was wrong with it. */
export function labelled(label: string, error: unknown): Error {
	return new Error(`"${label}": ${(error as Error).message}`);
}
