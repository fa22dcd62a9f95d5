import { bodyResponse, failureResponse } from '../../../../nodes/shared/trigger/responses';
import { hesiApprovalSource, ofsTodoSource } from '../../../../nodes/shared/trigger/sources';

describe('trigger answers', () => {
	it('sends JSON text as application/json and other text as text/plain', () => {
		expect(bodyResponse(200, '{"code":"1"}').contentType).toBe('application/json; charset=utf-8');
		expect(bodyResponse(200, 'success').contentType).toBe('text/plain; charset=utf-8');
		expect(bodyResponse(200, '{not json').contentType).toBe('text/plain; charset=utf-8');
	});

	it('sends no body with 204', () => {
		expect(bodyResponse(204, 'success')).toEqual({ status: 204 });
	});

	it('answers a failure with { error, message }', () => {
		expect(failureResponse(hesiApprovalSource, 401, 'signature_mismatch', { message: 'no signature matched', endpoint: 'default' })).toEqual({
			status: 401,
			body: '{"error":"signature_mismatch","message":"no signature matched"}',
			contentType: 'application/json; charset=utf-8',
		});
	});

	it('answers an OFS failure in the OFS shape with operResult 0', () => {
		const answer = failureResponse(ofsTodoSource, 401, 'missing_signature', { message: 'signature header missing', endpoint: 'deleteRequestInfoByJson', type: 'deleteFlow' });
		expect(JSON.parse(answer.body ?? '')).toEqual({ syscode: '', dataType: 'OfsTodoData', operType: 'AutoDel', operResult: '0', message: 'signature header missing' });
	});
});
