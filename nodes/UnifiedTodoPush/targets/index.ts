import type { INodeCredentialDescription, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { TodoAdapterKind } from '../../shared/todo/adapters';
import * as custom from './custom';
import * as dingtalk from './dingtalk';
import * as e10 from './e10';
import * as esb from './esb';
import * as landraySoap from './landraySoap';
import * as ofsRest from './ofsRest';
import { type TargetReader, timeZoneProperty } from './targetParameters';
import * as wecom from './wecom';

/**
 * The Unified Todo Push node's target pieces, one per adapter: the Adapter parameter's options, the
 * credential each adapter needs, each adapter's parameters (shown only for it) and its reader. The
 * node includes `adapterOptions` in its `adapter` parameter, `targetCredentials` in its
 * credentials, `targetProperties` after its own target fields, and calls `readTarget`.
 */

export interface TargetPiece {
	option: INodePropertyOptions & { value: TodoAdapterKind };
	/** The credential type this adapter needs, if any, and whether it is required. */
	credential?: { name: string; required: boolean };
	properties: INodeProperties[];
	read: TargetReader;
}

/** An adapter's piece: its option, its module's parameters and reader, and the credential it needs (if any). */
function pieceOf(option: TargetPiece['option'], adapter: Pick<TargetPiece, 'properties' | 'read'>, credential?: TargetPiece['credential']): TargetPiece {
	return { option, ...(credential ? { credential } : {}), properties: adapter.properties, read: adapter.read };
}

export const targetPieces: Record<TodoAdapterKind, TargetPiece> = {
	ofsRest: pieceOf({ name: 'E-Cology 8/9 (OFS REST)', value: 'ofsRest', description: 'Weaver e-cology unified to-do, /rest/ofs/ReceiveRequestInfoByJson and its siblings' }, ofsRest),
	e10: pieceOf({ name: 'E10', value: 'e10', description: 'Weaver E10: the OFS model in camelCase, token by OAuth2 from corpId, app_key, app_secret, state' }, e10, { name: 'todoE10Api', required: true }),
	esb: pieceOf({ name: 'ESB Action Flow', value: 'esb', description: 'An e-cology ESB action flow that takes the OFS fields' }, esb),
	landraySoap: pieceOf({ name: 'Landray EKP (SOAP)', value: 'landraySoap', description: 'EKP sysNotifyTodoWebService: sendTodo, setTodoDone, deleteTodo' }, landraySoap, { name: 'todoLandrayApi', required: false }),
	dingtalk: pieceOf({ name: 'DingTalk To-Do', value: 'dingtalk', description: 'DingTalk to-do tasks: create, complete, delete' }, dingtalk, { name: 'todoDingtalkApi', required: true }),
	wecom: pieceOf({ name: 'WeCom App Message', value: 'wecom', description: 'A WeCom application message for each to-do and CC (nothing to complete)' }, wecom, { name: 'todoWecomApi', required: true }),
	custom: pieceOf({ name: 'Custom HTTP', value: 'custom', description: "Method, URL, headers and body template per operation, with Send Outbound Message's success rule (also for Wisedu's to-do centre)" }, custom),
};

const kinds = Object.keys(targetPieces) as TodoAdapterKind[];

/** The Adapter parameter's options. */
export const adapterOptions: INodePropertyOptions[] = kinds.map((kind) => targetPieces[kind].option);

/** The node's credentials, each shown for its adapter. */
export const targetCredentials: INodeCredentialDescription[] = kinds.flatMap((kind) => {
	const credential = targetPieces[kind].credential;
	return credential ? [{ name: credential.name, required: credential.required, displayOptions: { show: { adapter: [kind] } } }] : [];
});

/** Every adapter's parameters, and the shared Time Zone. */
export const targetProperties: INodeProperties[] = [timeZoneProperty, ...kinds.flatMap((kind) => targetPieces[kind].properties)];

/** The credential type an adapter needs (undefined: none). */
export function credentialFor(kind: TodoAdapterKind): string | undefined {
	return targetPieces[kind].credential?.name;
}

/** The adapter's options read from its parameters and credential. */
export function readTarget(kind: TodoAdapterKind, getParameter: Parameters<TargetReader>[0], credentials: Parameters<TargetReader>[1]): ReturnType<TargetReader> {
	return targetPieces[kind].read(getParameter, credentials);
}
