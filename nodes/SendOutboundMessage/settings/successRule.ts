import type { INodeProperties } from 'n8n-workflow';

import { type BodilessResponseRule, type KeywordRuleSpec, type SuccessRule, anyTwoHundred, bodilessResponseRules, compileKeywordRule, parseStatusRanges, seedSuccessStatuses, statusRangesFromCodes } from '../../shared/delivery';
import { oneOf } from '../../shared/n8nChoices';
import type { SettingsReading } from './settingsStep';

/** What counts as delivered: the accepted statuses and the keyword rule on the response body (seed 000: 成功状态码, 关键字匹配). */
export const successRuleProperties: INodeProperties[] = [
	{
		displayName: 'Success Status',
		name: 'successStatus',
		...oneOf(
			['Chosen Codes', 'codes', 'HTTP 200, 201 and/or 204, as Hesi offers'],
			['Any 2xx', 'any2xx', 'Any status from 200 to 299'],
			['Custom List', 'custom', 'Codes and ranges you list, e.g. 200-299, 302'],
		),
		noDataExpression: true,
		default: 'codes',
		description: 'Which HTTP statuses mean the target accepted the message',
	},
	{
		displayName: 'Success Status Codes',
		name: 'successStatusCodes',
		type: 'multiOptions',
		options: seedSuccessStatuses.map((code) => ({ name: `HTTP ${code}`, value: code })),
		default: [...seedSuccessStatuses],
		description:
			'The statuses that mean the target accepted the message, as Hesi offers them (成功状态码). Any other status is a failure (429 and 5xx can be retried, see Retry On). With a keyword match, a 204 passes without a body: see Bodiless Responses.',
		displayOptions: { show: { successStatus: ['codes'] } },
	},
	{
		displayName: 'Custom Success Statuses',
		name: 'customSuccessStatuses',
		type: 'string',
		default: '200-299',
		placeholder: '200-299, 302',
		description: 'Codes, ranges such as 200-299, or families such as 2xx, separated by commas',
		displayOptions: { show: { successStatus: ['custom'] } },
	},
	{
		displayName: 'Keyword Match',
		name: 'keywordMatch',
		...oneOf(
			['Off', 'none', 'The status alone decides'],
			['JSON Field Equals', 'jsonPathEquals', 'A field of the JSON body has a value, e.g. code = 1 for {"code":"1"}'],
			['Body Contains', 'contains', 'The body contains a text, e.g. success'],
			['Body Matches Regex', 'regex', 'The body matches a regular expression'],
		),
		noDataExpression: true,
		default: 'none',
		description: 'An extra condition on the response body, checked after the status (Hesi: HTTP 200 and {"code":"1"})',
	},
	{
		displayName: 'JSON Field',
		name: 'keywordPath',
		type: 'string',
		default: 'code',
		placeholder: 'value.code',
		description: 'Path of the field in the response body, e.g. code, value.code or data[0].status',
		displayOptions: { show: { keywordMatch: ['jsonPathEquals'] } },
	},
	{
		displayName: 'Expected Value',
		name: 'keywordValue',
		type: 'string',
		default: '1',
		description: 'Compared as text, so 1 matches both "1" and 1 in the body',
		displayOptions: { show: { keywordMatch: ['jsonPathEquals'] } },
	},
	{
		displayName: 'Text',
		name: 'keywordText',
		type: 'string',
		default: '',
		placeholder: 'success',
		description: 'Text the response body must contain (case-sensitive)',
		displayOptions: { show: { keywordMatch: ['contains'] } },
	},
	{
		displayName: 'Regex',
		name: 'keywordPattern',
		type: 'string',
		default: '',
		placeholder: '/"code"\\s*:\\s*"?1"?/',
		description: 'A regular expression, bare or as /pattern/flags',
		displayOptions: { show: { keywordMatch: ['regex'] } },
	},
	{
		displayName: 'Bodiless Responses',
		name: 'bodilessResponses',
		...oneOf(
			['Pass 204, 205 and 304 on Their Status', 'noContentStatuses', 'Statuses that never carry a body pass when accepted; any other empty body is judged by the keyword match, and fails'],
			['Pass Any Empty Body on Its Status', 'anyEmptyBody', 'An accepted status with an empty body passes; the keyword match judges only bodies'],
			['Judge by the Keyword Match', 'keywordRule', 'An empty body fails the keyword match like any other body (keyword_mismatch)'],
		),
		noDataExpression: true,
		default: 'noContentStatuses',
		description:
			'What the keyword match makes of an accepted response without a body, such as HTTP 204 No Content, which cannot carry {"code":"1"}',
		displayOptions: { hide: { keywordMatch: ['none'] } },
	},
];

export const successRuleParameters = [
	'successStatus',
	'successStatusCodes',
	'customSuccessStatuses',
	'keywordMatch',
	'keywordPath',
	'keywordValue',
	'keywordText',
	'keywordPattern',
	'bodilessResponses',
];

/** The parameters this group checks, each refused with its label when unusable. */
export const successRuleCheckedParameters = [
	'successStatusCodes',
	'customSuccessStatuses',
	'keywordPath',
	'keywordText',
	'keywordPattern',
	'bodilessResponses',
] as const;

const keywordParameter: Record<KeywordRuleSpec['kind'], (typeof successRuleCheckedParameters)[number]> = {
	jsonPathEquals: 'keywordPath',
	contains: 'keywordText',
	regex: 'keywordPattern',
};

export function readSuccessRule({ params, index, step }: SettingsReading): SuccessRule {
	const mode = params.get<string>('successStatus', index, 'codes');
	const acceptedStatuses = step(mode === 'custom' ? 'customSuccessStatuses' : 'successStatusCodes', () => {
		if (mode === 'any2xx') return anyTwoHundred;
		if (mode === 'custom') return parseStatusRanges(params.get<string>('customSuccessStatuses', index, ''));
		const codes = params.get<Array<number | string>>('successStatusCodes', index, [200, 201, 204]).map(Number);
		if (codes.length === 0) throw new Error('no code is chosen: choose at least one of HTTP 200, 201 and 204, or set "Success Status" to Any 2xx');
		return statusRangesFromCodes(codes);
	});
	const kind = params.get<string>('keywordMatch', index, 'none');
	let spec: KeywordRuleSpec | undefined;
	if (kind === 'jsonPathEquals') {
		spec = { kind, path: params.get<string>('keywordPath', index, ''), value: String(params.get<unknown>('keywordValue', index, '')) };
	} else if (kind === 'contains') {
		spec = { kind, text: params.get<string>('keywordText', index, '') };
	} else if (kind === 'regex') {
		spec = { kind, pattern: params.get<string>('keywordPattern', index, '') };
	}
	if (!spec) return { acceptedStatuses };
	const keyword = step(keywordParameter[spec.kind], () => compileKeywordRule(spec));
	const bodilessResponses = step('bodilessResponses', () => {
		const rule = params.get<string>('bodilessResponses', index, 'noContentStatuses');
		if (!(bodilessResponseRules as readonly string[]).includes(rule)) {
			throw new Error(`"${rule}" is not one of its choices: pick one in the list`);
		}
		return rule as BodilessResponseRule;
	});
	return { acceptedStatuses, keyword, bodilessResponses };
}
