import type { INodeProperties } from 'n8n-workflow';

import { approvalEvents, ofsTodoEvents } from '../../../../nodes/shared/events';

import { defaultToleranceSeconds } from '../../../../nodes/shared/signing';
import { defaultDuplicateWindowSeconds, defaultMaxDeliveryKeys } from '../../../../nodes/shared/trigger/deliveryMemory';
import { eventActionLabel, schemeForCheck, triggerProperties, triggerWebhooks } from '../../../../nodes/shared/trigger/n8nDescription';
import * as sources from '../../../../nodes/shared/trigger/sources';
import type { EventSource } from '../../../../nodes/shared/trigger/types';

function option(properties: INodeProperties[], name: string): INodeProperties | undefined {
	return properties.find((property) => property.name === 'triggerOptions')?.options?.find((entry) => 'name' in entry && entry.name === name) as
		| INodeProperties
		| undefined;
}

const all = Object.entries(sources).filter(([name]) => name.endsWith('Source')) as Array<[string, EventSource]>;

describe('trigger node description', () => {
	it.each(all)('%s: the Options defaults are the engine defaults (n8n lint wants them as literals)', (_name, source) => {
		const properties = triggerProperties({ source, pathPlaceholder: 'x' });
		expect(option(properties, 'responseCode')?.default).toBe(source.defaultResponse.status);
		expect(option(properties, 'responseBody')?.default).toBe(source.configurableBody ? source.defaultResponse.body : undefined);
		expect(option(properties, 'duplicateWindowHours')?.default).toBe(defaultDuplicateWindowSeconds / 3600);
		expect(option(properties, 'duplicateMemorySize')?.default).toBe(defaultMaxDeliveryKeys);
		expect(option(properties, 'replayWindowSeconds')?.default).toBe(defaultToleranceSeconds);
	});

	it('sorts the Options by display name', () => {
		const properties = triggerProperties({ source: sources.hesiApprovalSource, pathPlaceholder: 'x' });
		const names = (properties.find((property) => property.name === 'triggerOptions')?.options ?? []).map((entry) => ('displayName' in entry ? entry.displayName : ''));
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
	});

	it('declares POST and the sample GET on one path, plus the endpoints the source names (OFS)', () => {
		expect(triggerWebhooks({ source: sources.hesiEbotSource, pathPlaceholder: 'x' }).map((webhook) => `${webhook.httpMethod} ${webhook.name}`)).toEqual([
			'POST default',
			'GET setup',
		]);
		expect(triggerWebhooks({ source: sources.ofsTodoSource, pathPlaceholder: 'x' })).toHaveLength(7);
	});

	it('resolves path and response code without the expression engine, as their templates would', () => {
		type Resolvers = Record<string, { template: string; resolve: (parameters: Record<string, unknown>) => unknown }>;
		const [post] = triggerWebhooks({ source: sources.jiandaoyunSource, pathPlaceholder: 'x' });
		const resolvers = (post as unknown as Record<symbol, Resolvers>)[Symbol.for('n8n.webhookDescriptionResolvers')];
		expect(resolvers.path.template).toBe(post.path);
		expect(resolvers.path.resolve({ path: 'jdy-in' })).toBe('jdy-in');
		expect(resolvers.responseCode.template).toBe(post.responseCode);
		expect(resolvers.responseCode.resolve({ triggerOptions: {} })).toBe(200);
		expect(resolvers.responseCode.resolve({ triggerOptions: { responseCode: 204 } })).toBe(204);
		expect(post.responseData).toBe('');
	});

	it.each(all)('%s: offers Let Manual Re-Sends Through only for Hesi, whose re-sends nothing else tells apart', (_name, source) => {
		const properties = triggerProperties({ source, pathPlaceholder: 'x' });
		expect(option(properties, 'letManualResendsThrough')?.default).toBe(source.source === 'hesi' ? false : undefined);
	});

	it.each(all)('%s: offers the sender\'s own check, and says while None is chosen what that means and what to choose instead', (_name, source) => {
		const properties = triggerProperties({ source, pathPlaceholder: 'x' });
		const checks = properties.filter((property) => property.name === 'signatureCheck');
		for (const check of checks) {
			expect(check.options?.map((entry) => ('value' in entry ? entry.value : undefined))).toEqual(['none', 'credential', ...(source.vendorCheck ? [source.vendorCheck.value] : [])]);
		}
		const notice = properties.find((property) => property.name === 'noSignatureNotice');
		expect(notice?.displayName).toMatch(/^No signature check: anyone who can reach this URL can start the workflow/);
		expect(notice?.displayName).toContain(source.unsignedNotice);
	});

	it('labels the "On …" actions with both names, lower-casing only a leading ordinary word', () => {
		const byCode = (code: string) => approvalEvents.find((event) => event.code === code) ?? ofsTodoEvents.find((event) => event.code === code);
		expect(eventActionLabel(byCode('freeflow.mention')!)).toBe('On mentioned (被@)');
		expect(eventActionLabel(byCode('cc')!)).toBe('On CC / to read (抄送（待阅）)');
		expect(eventActionLabel(byCode('todo')!)).toBe('On to-do (待办)');
	});

	it('verifies each Signature Check with its scheme: the credential\'s, or the vendor\'s with the credential\'s secrets', () => {
		const signing = (config: Parameters<typeof schemeForCheck>[1]['config']) => ({ config, secrets: ['s'], signWithAll: false });
		expect(schemeForCheck('credential', signing({ scheme: 'github' }), sources.jiandaoyunSource)).toEqual({ scheme: 'github' });
		expect(schemeForCheck('jiandaoyun', signing({ scheme: 'standardWebhooks', variant: 'v1' }), sources.jiandaoyunSource)).toEqual({ scheme: 'jiandaoyun' });
		expect(schemeForCheck('hesiSignKey', signing({ scheme: 'hesiSignKey', location: 'body', name: 'key' }), sources.hesiApprovalSource)).toEqual({ scheme: 'hesiSignKey', location: 'body', name: 'key' });
		expect(schemeForCheck('hesiSignKey', signing({ scheme: 'standardWebhooks', variant: 'v1' }), sources.hesiApprovalSource)).toEqual({ scheme: 'hesiSignKey', location: 'header', name: 'signKey' });
		// A vendor check another source offers is not this source's: the credential's scheme is used.
		expect(schemeForCheck('jiandaoyun', signing({ scheme: 'github' }), sources.hesiApprovalSource)).toEqual({ scheme: 'github' });
	});
});
