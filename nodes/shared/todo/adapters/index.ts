import type { TodoAdapter } from '../types';
import { customAdapter } from './custom';
import { dingtalkAdapter } from './dingtalk';
import { e10Adapter } from './e10';
import { esbAdapter } from './esb';
import { landraySoapAdapter } from './landraySoap';
import { ofsRestAdapter } from './ofsRest';
import { wecomAdapter } from './wecom';

/** Every to-do adapter by its `kind` (the node's Adapter parameter value). */
export const todoAdapters = {
	ofsRest: ofsRestAdapter,
	e10: e10Adapter,
	esb: esbAdapter,
	landraySoap: landraySoapAdapter,
	dingtalk: dingtalkAdapter,
	wecom: wecomAdapter,
	custom: customAdapter,
} as const satisfies Record<string, TodoAdapter>;

export type TodoAdapterKind = keyof typeof todoAdapters;

export function isTodoAdapterKind(kind: string): kind is TodoAdapterKind {
	return Object.prototype.hasOwnProperty.call(todoAdapters, kind);
}

/** The adapter of a kind; throws an Error naming the kinds there are. */
export function adapterFor(kind: string): TodoAdapter {
	if (!isTodoAdapterKind(kind)) throw new Error(`"${kind}" is not a to-do adapter: use one of ${Object.keys(todoAdapters).join(', ')}`);
	return todoAdapters[kind];
}

/** Whether a target takes an operation (else the event is Ignored `unsupported_operation`). */
export function adapterSupports(adapter: TodoAdapter, operation: Parameters<NonNullable<TodoAdapter['supports']>>[0], target: Parameters<NonNullable<TodoAdapter['supports']>>[1]): boolean {
	return adapter.operations.includes(operation) && (adapter.supports ? adapter.supports(operation, target) : true);
}
