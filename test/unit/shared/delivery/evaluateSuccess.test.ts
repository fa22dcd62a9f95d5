import { compileKeywordRule } from '../../../../nodes/shared/delivery/keywordRule';
import { describeSuccessRule, evaluateSuccess, type SuccessRule } from '../../../../nodes/shared/delivery/evaluateSuccess';
import { statusRangesFromCodes } from '../../../../nodes/shared/delivery/statusRanges';

const seedRule: SuccessRule = {
	acceptedStatuses: statusRangesFromCodes([200]),
	keyword: compileKeywordRule({ kind: 'jsonPathEquals', path: 'code', value: '1' }),
};

describe('evaluateSuccess', () => {
	it('accepts HTTP 200 with {"code":"1"}, the seed example', () => {
		expect(evaluateSuccess({ status: 200, body: '{"code":"1"}' }, seedRule)).toEqual({ accepted: true });
	});

	it('fails HTTP 200 with {"code":"0"} as keyword_mismatch', () => {
		const verdict = evaluateSuccess({ status: 200, body: '{"code":"0"}' }, seedRule);
		expect(verdict).toMatchObject({ accepted: false, reason: 'keyword_mismatch' });
	});

	it('fails a status outside the set as status_not_accepted even when the keyword holds', () => {
		const verdict = evaluateSuccess({ status: 201, body: '{"code":"1"}' }, seedRule);
		expect(verdict).toEqual({
			accepted: false,
			reason: 'status_not_accepted',
			message: 'The target answered HTTP 201, which is not an accepted status (200)',
		});
	});

	it('reports 410 as gone', () => {
		expect(evaluateSuccess({ status: 410, body: '' }, seedRule)).toMatchObject({ accepted: false, reason: 'gone' });
	});

	it('accepts 410 when the user listed it as a success', () => {
		expect(evaluateSuccess({ status: 410, body: '' }, { acceptedStatuses: statusRangesFromCodes([410]) })).toEqual({ accepted: true });
	});

	it('describes the rule in words', () => {
		expect(describeSuccessRule(seedRule)).toBe('HTTP 200 and code = "1"');
	});

	it('says in words that a 204 passes without a body when the rule accepts it', () => {
		const rule: SuccessRule = { ...seedRule, acceptedStatuses: statusRangesFromCodes([200, 201, 204]) };
		expect(describeSuccessRule(rule)).toBe('HTTP 200, 201, 204 and code = "1" (a 204 passes without a body)');
		expect(describeSuccessRule({ ...rule, bodilessResponses: 'anyEmptyBody' })).toBe('HTTP 200, 201, 204 and code = "1" (an empty body passes on its status)');
		expect(describeSuccessRule({ ...rule, bodilessResponses: 'keywordRule' })).toBe('HTTP 200, 201, 204 and code = "1"');
	});
});

describe('evaluateSuccess with a keyword rule and a response without a body', () => {
	const rule: SuccessRule = { ...seedRule, acceptedStatuses: statusRangesFromCodes([200, 201, 204]) };

	it('passes an accepted 204 on its status by default: it cannot carry the keyword', () => {
		expect(evaluateSuccess({ status: 204, body: '' }, rule)).toEqual({ accepted: true });
	});

	it('judges an empty 200 by the keyword rule by default, and fails it', () => {
		expect(evaluateSuccess({ status: 200, body: '' }, rule)).toMatchObject({ accepted: false, reason: 'keyword_mismatch' });
	});

	it('passes any accepted empty body with "anyEmptyBody", but still judges a body that is there', () => {
		const lenient: SuccessRule = { ...rule, bodilessResponses: 'anyEmptyBody' };
		expect(evaluateSuccess({ status: 200, body: '' }, lenient)).toEqual({ accepted: true });
		expect(evaluateSuccess({ status: 200, body: '{"code":"0"}' }, lenient)).toMatchObject({ accepted: false, reason: 'keyword_mismatch' });
	});

	it('fails even a 204 as keyword_mismatch with "keywordRule"', () => {
		expect(evaluateSuccess({ status: 204, body: '' }, { ...rule, bodilessResponses: 'keywordRule' })).toMatchObject({ accepted: false, reason: 'keyword_mismatch' });
	});

	it('never passes a status that is not accepted, body or not', () => {
		expect(evaluateSuccess({ status: 204, body: '' }, seedRule)).toMatchObject({ accepted: false, reason: 'status_not_accepted' });
	});
});
