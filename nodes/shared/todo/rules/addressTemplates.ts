/**
 * Push-address templates (seed 002 推送地址管理, lines 352-425): the links a target gets for a
 * to-do, built per target so that each one's sign-on works ("OA and downstream systems
 * authenticate differently, so one standard flow address does not fit", line 354). A target
 * binds separate PC, app and adaptive templates (line 404: 每个应用系统的PC地址、APP地址、自适应地址
 * 可以独立设置); a template has an enabled switch (off by default, line 360), a redirect switch (off
 * by default, line 364), a prefix (absolute `http://www.baidu.com` or relative `/ecology`, required
 * with redirect, line 366) and parameters (name required; value fixed, a system variable, or a
 * system parameter, lines 374-387). An n8n expression is resolved by the node before rendering and
 * arrives here as a fixed value. 云桥 (cloud bridge) values need E10's cloud bridge and are not
 * offered; its fixed `wea_link_keep_*` parameters can be given as fixed values.
 *
 * Decisions (the seed shows screens, not the rendering):
 * - Redirect off: the address is the OA's original link, moved under the prefix when one is set
 *   (the prefix replaces the original's scheme and host, e.g. an internal OA host by the public
 *   gateway, or adds a context path like `/ecology`), with the parameters added to its query.
 * - Redirect on: the address is the prefix itself, a redirect / sign-on endpoint, with the
 *   parameters as its query; it reaches the flow through a parameter whose value is the system
 *   parameter "encoded URL" (编码后的URL: the original link, URL-encoded as a query value), or
 *   through one carrying the flow id. That is why the prefix is required only with redirect on.
 * - A relative prefix, and a relative original link carried as "encoded URL", are joined to the
 *   OA base URL when one is given, so the target gets absolute links.
 * - Parameters go before any `#` fragment: single-page OA links keep their route in the fragment,
 *   and a sign-on filter on the server only ever sees the query.
 * - The adaptive address starts from the PC link (OA adaptive pages serve both), else the app link.
 * - A disabled or unbound template leaves the OA's link as it is.
 */
import { createZonedClock, type ZonedClock } from '../../fields/zonedTime';
import type { TodoEvent } from '../types';

export const addressKinds = ['pc', 'app', 'adaptive'] as const;
export type AddressKind = (typeof addressKinds)[number];

/** 系统变量: 日期、时间、日期时间、时间戳（毫秒）、时间戳（秒） (line 381). */
export const systemVariables = ['date', 'time', 'datetime', 'msTimestamp', 'sTimestamp'] as const;
export type SystemVariable = (typeof systemVariables)[number];

/** 系统参数: 租户key、流程ID、编码后的URL (line 385). */
export const systemParameters = ['tenantKey', 'flowId', 'encodedUrl'] as const;
export type SystemParameter = (typeof systemParameters)[number];

export type ParameterValue =
	| { kind: 'fixed'; value: string }
	| { kind: 'variable'; variable: SystemVariable }
	| { kind: 'system'; parameter: SystemParameter };

export interface AddressParameter {
	name: string;
	value: ParameterValue;
}

export interface AddressTemplate {
	enabled: boolean;
	/** 名称, for messages. */
	name?: string;
	redirect: boolean;
	prefix?: string;
	parameters: readonly AddressParameter[];
}

export type AddressTemplates = Partial<Record<AddressKind, AddressTemplate>>;

export interface RenderOptions {
	now: number;
	/** IANA zone of the date / time variables (the workflow's time zone). */
	timeZone: string;
	/** The OA's tenant key, when the event carries none (E10). */
	tenantKey?: string;
	/** The OA's address (e.g. `http://oa.example.com`), to join relative prefixes and links to. */
	oaBaseUrl?: string;
	/** A clock built once per execution (optional; built from `timeZone` otherwise). */
	clock?: ZonedClock;
}

export interface RenderedAddresses {
	pcUrl: string;
	appUrl: string;
	adaptiveUrl: string;
}

/** A template that cannot render; the message names the template and what to change. */
export class AddressTemplateError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'AddressTemplateError';
	}
}

const absolute = /^https?:\/\//i;

/** What is wrong with a template, empty when it can render (the node shows these when saving settings). */
export function checkAddressTemplate(template: AddressTemplate, kind: AddressKind): string[] {
	const problems: string[] = [];
	const label = templateLabel(template, kind);
	const prefix = template.prefix?.trim() ?? '';
	if (template.redirect && prefix === '') problems.push(`${label}: Redirect is on, so the address prefix is required (the redirect endpoint, e.g. https://sso.example.com/login)`);
	if (prefix !== '' && !absolute.test(prefix) && !prefix.startsWith('/')) problems.push(`${label}: the address prefix ${prefix} is neither absolute (http://…, https://…) nor relative to the OA (/…)`);
	template.parameters.forEach((parameter, index) => {
		if (parameter.name.trim() === '') problems.push(`${label}: parameter ${index + 1} has no name`);
	});
	return problems;
}

/** The three links of one event for one target. */
export function renderAddresses(event: TodoEvent, templates: AddressTemplates, options: RenderOptions): RenderedAddresses {
	const clock = options.clock ?? createZonedClock(options.timeZone);
	const originals: Record<AddressKind, string> = { pc: event.pcUrl, app: event.appUrl, adaptive: event.pcUrl || event.appUrl };
	const render = (kind: AddressKind): string => {
		const template = templates[kind];
		return template?.enabled ? renderOne(kind, template, originals[kind], event, { ...options, clock }) : originals[kind];
	};
	return { pcUrl: render('pc'), appUrl: render('app'), adaptiveUrl: render('adaptive') };
}

function renderOne(kind: AddressKind, template: AddressTemplate, original: string, event: TodoEvent, options: RenderOptions & { clock: ZonedClock }): string {
	const [problem] = checkAddressTemplate(template, kind);
	if (problem !== undefined) throw new AddressTemplateError(problem);
	const prefix = template.prefix?.trim() ?? '';
	const base = template.redirect ? joinedToOa(prefix, options.oaBaseUrl) : prefix === '' ? original : joinPath(joinedToOa(prefix, options.oaBaseUrl), pathOf(original));
	const query = template.parameters.map((parameter) => `${encodeURIComponent(parameter.name.trim())}=${encodeURIComponent(valueOf(parameter, template, kind, original, event, options))}`);
	return withQuery(base, query);
}

function valueOf(parameter: AddressParameter, template: AddressTemplate, kind: AddressKind, original: string, event: TodoEvent, options: RenderOptions & { clock: ZonedClock }): string {
	const value = parameter.value;
	if (value.kind === 'fixed') return value.value;
	if (value.kind === 'variable') {
		const datetime = options.clock.formatDateTime(options.now);
		const byVariable: Record<SystemVariable, () => string> = {
			date: () => datetime.slice(0, 10),
			time: () => datetime.slice(11),
			datetime: () => datetime,
			msTimestamp: () => String(options.now),
			sTimestamp: () => String(Math.floor(options.now / 1000)),
		};
		return byVariable[value.variable]();
	}
	if (value.parameter === 'flowId') return event.flowId;
	if (value.parameter === 'encodedUrl') return joinedToOa(original, options.oaBaseUrl);
	const tenantKey = event.tenantKey || options.tenantKey;
	if (!tenantKey) {
		throw new AddressTemplateError(`${templateLabel(template, kind)}: parameter ${parameter.name} is the tenant key, but neither the event nor the target settings give one; set the tenant key of the OA`);
	}
	return tenantKey;
}

function templateLabel(template: AddressTemplate, kind: AddressKind): string {
	const names: Record<AddressKind, string> = { pc: 'PC', app: 'app', adaptive: 'adaptive' };
	return `The ${names[kind]} address template${template.name ? ` ${template.name}` : ''}`;
}

/** A link relative to the OA (`/ecology`, `/spa/…`) joined to its base URL; absolute links and links without a base stay. */
function joinedToOa(link: string, oaBaseUrl: string | undefined): string {
	if (absolute.test(link) || !oaBaseUrl || !link.startsWith('/')) return link;
	return `${oaBaseUrl.replace(/\/+$/, '')}${link}`;
}

/** The path, query and fragment of a link (absolute or relative), starting with `/`. */
function pathOf(link: string): string {
	const rest = absolute.test(link) ? link.replace(/^https?:\/\/[^/?#]*/i, '') : link;
	return rest === '' || rest.startsWith('/') ? rest : `/${rest}`;
}

function joinPath(prefix: string, path: string): string {
	return `${prefix.replace(/\/+$/, '')}${path}`;
}

/** Adds `key=value` pairs to the query, before any fragment. */
function withQuery(url: string, pairs: readonly string[]): string {
	if (pairs.length === 0) return url;
	const hash = url.indexOf('#');
	const head = hash === -1 ? url : url.slice(0, hash);
	const fragment = hash === -1 ? '' : url.slice(hash);
	const joiner = !head.includes('?') ? '?' : head.endsWith('?') || head.endsWith('&') ? '' : '&';
	return `${head}${joiner}${pairs.join('&')}${fragment}`;
}

/**
 * Seed line 413 (推送地址预览): the three links for a flow id (digits only, required) and a
 * receiver (required), as a target would get them. The OA's links default to e-cology 9's form
 * pages for the flow; give `pcUrl` / `appUrl` to preview others.
 */
export function previewAddresses(
	input: { flowId: string; receiver: string; pcUrl?: string; appUrl?: string; tenantKey?: string },
	templates: AddressTemplates,
	options: RenderOptions,
): RenderedAddresses {
	const flowId = input.flowId.trim();
	if (!/^\d+$/.test(flowId)) throw new AddressTemplateError(`The flow ID to preview must be digits only, not "${input.flowId}"`);
	if (input.receiver.trim() === '') throw new AddressTemplateError('The receiver to preview is required: give the OA user id of the flow\'s receiver');
	const event: TodoEvent = {
		operation: 'todo',
		flowId,
		title: '',
		workflowName: '',
		nodeName: '',
		creator: '',
		createdAt: options.now,
		receiver: input.receiver.trim(),
		receivedAt: options.now,
		pcUrl: input.pcUrl ?? `/spa/workflow/static4form/index.html#/main/workflow/req?requestid=${flowId}`,
		appUrl: input.appUrl ?? `/spa/workflow/static4mobileform/index.html#/req?requestid=${flowId}`,
		viewed: false,
		ts: options.now,
		tenantKey: input.tenantKey,
	};
	return renderAddresses(event, templates, options);
}
