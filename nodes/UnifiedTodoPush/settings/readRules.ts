import type { IDataObject } from 'n8n-workflow';

import type { ParameterReader } from '../../SendOutboundMessage/parameterReader';
import { type AddressTemplate, type AddressTemplates, type InterceptionScope, type InterceptionSettings, type ParameterValue, type PersonField, type PersonMappingSettings, type PersonTable, type RuleSettings, type SystemVariable, addressKinds, checkAddressTemplate, personFields, personTableFrom, personTableFromItem, systemParameters, systemVariables } from '../../shared/todo/rules';

/**
 * Reads the rules, the person mapping and the push addresses from the panel into the engine's
 * settings (nodes/shared/todo/rules). Lists accept comma-separated text or an expression giving a
 * list; the labels in messages are those of settings/rules.ts, personMapping.ts and addresses.ts.
 */

/** `a, b，c` or `["a","b"]` or a list from an expression: the entries, trimmed, empty ones dropped. */
export function listOf(value: unknown): string[] {
	if (Array.isArray(value)) return value.flatMap((entry) => listOf(entry));
	if (typeof value === 'number') return [String(value)];
	if (typeof value !== 'string') return [];
	const trimmed = value.trim();
	if (trimmed.startsWith('[')) {
		try {
			return listOf(JSON.parse(trimmed));
		} catch {
			// Not JSON: read it as text.
		}
	}
	return trimmed
		.split(/[,，、;\n]/)
		.map((entry) => entry.trim())
		.filter((entry) => entry !== '');
}

const scopeOf = (value: unknown): InterceptionScope => (value === 'whitelist' || value === 'blacklist' ? value : 'all');

export function readRuleSettings(params: ParameterReader): RuleSettings {
	const statusMode = params.get<string>('statusInterception', 0, 'none');
	const people = params.get<IDataObject>('people', 0, {});
	const interception: InterceptionSettings = {
		businessStatus:
			statusMode === 'custom'
				? {
						mode: 'custom',
						intercepted: {
							todo: listOf(params.get<unknown>('interceptedTodoStatuses', 0, '')),
							done: listOf(params.get<unknown>('interceptedDoneStatuses', 0, '')),
							finished: listOf(params.get<unknown>('interceptedFinishedStatuses', 0, '')),
							delete: listOf(params.get<unknown>('interceptedDeleteStatuses', 0, '')),
						},
					}
				: { mode: 'none' },
		people: {
			scope: scopeOf(params.get<string>('peopleInterception', 0, 'all')),
			userIds: listOf(people.users),
			departments: listOf(people.departments),
			roles: listOf(people.roles),
			groups: listOf(people.groups),
		},
		workflows: { scope: scopeOf(params.get<string>('workflowInterception', 0, 'all')), workflowIds: listOf(params.get<unknown>('workflowIds', 0, '')) },
		workflowTypes: { scope: scopeOf(params.get<string>('workflowTypeInterception', 0, 'all')), workflowTypes: listOf(params.get<unknown>('workflowTypes', 0, '')) },
	};
	return {
		interception,
		duplicateFilter: params.get<boolean>('duplicateFilter', 0, false) === true,
		compensation: params.get<boolean>('compensation', 0, false) === true,
	};
}

/** The person mapping of a run: how to get item i's table (per item only when read from the item). */
export interface PersonMapping {
	settings: PersonMappingSettings;
	tableOf: (json: IDataObject, index: number) => PersonTable;
}

export const mappingLabels = { table: 'Person Mapping Table', unmapped: 'Unmapped Users' };

/** Undefined when Person Mapping is None. Throws a PersonMappingError for a table that cannot be read. */
export function readPersonMapping(params: ParameterReader): PersonMapping | undefined {
	const mode = params.get<string>('personMapping', 0, 'none');
	if (mode === 'none') return undefined;
	const field = params.get<string>('mappingField', 0, 'loginName');
	const settings: PersonMappingSettings = {
		field: (personFields as readonly string[]).includes(field) ? (field as PersonField) : 'loginName',
		unmapped: params.get<string>('unmappedPerson', 0, 'fail') === 'passThrough' ? 'passThrough' : 'fail',
		labels: mappingLabels,
	};
	if (mode === 'item') {
		const path = String(params.get<unknown>('mappingItemField', 0, 'receiverInfo') ?? '').trim() || 'receiverInfo';
		return { settings, tableOf: (json) => personTableFromItem(json, path) };
	}
	const table =
		mode === 'table'
			? personTableFrom((params.get<IDataObject>('mappingTable', 0, {}).rows as unknown[] | undefined) ?? [], `"${mappingLabels.table}"`)
			: personTableFrom(params.get<unknown>('mappingRows', 0, '[]'), `"${mappingLabels.table} (Expression)"`);
	return { settings, tableOf: () => table };
}

export interface AddressSettings {
	templates: AddressTemplates;
	oaBaseUrl?: string;
	tenantKey?: string;
}

function parameterValueOf(entry: IDataObject): ParameterValue {
	if (entry.kind === 'variable' && (systemVariables as readonly unknown[]).includes(entry.variable)) {
		return { kind: 'variable', variable: entry.variable as SystemVariable };
	}
	if (entry.kind === 'parameter' && (systemParameters as readonly unknown[]).includes(entry.parameter)) {
		return { kind: 'system', parameter: entry.parameter as (typeof systemParameters)[number] };
	}
	return { kind: 'fixed', value: entry.value === undefined || entry.value === null ? '' : String(entry.value) };
}

/** The templates set under Push Addresses; throws an Error listing what is wrong with them. */
export function readAddressSettings(params: ParameterReader): AddressSettings {
	const addresses = params.get<IDataObject>('addresses', 0, {});
	const templates: AddressTemplates = {};
	const problems: string[] = [];
	for (const kind of addressKinds) {
		const template = (addresses[kind] as IDataObject | undefined)?.template as IDataObject | undefined;
		if (!template) continue;
		const entries = ((template.parameters as IDataObject | undefined)?.parameter as IDataObject[] | undefined) ?? [];
		const read: AddressTemplate = {
			enabled: true,
			name: `${kind === 'pc' ? 'PC' : kind === 'app' ? 'App' : 'Adaptive'} Address`,
			redirect: template.redirect === true,
			prefix: typeof template.prefix === 'string' ? template.prefix : '',
			parameters: entries.map((entry) => ({ name: String(entry.name ?? ''), value: parameterValueOf(entry) })),
		};
		problems.push(...checkAddressTemplate(read, kind));
		templates[kind] = read;
	}
	if (problems.length > 0) throw new Error(problems.join('; '));
	const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim().replace(/\/+$/, '') : undefined);
	return { templates, oaBaseUrl: text(addresses.oaAddress), tenantKey: text(addresses.tenantKey) };
}
