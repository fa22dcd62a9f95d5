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
});
