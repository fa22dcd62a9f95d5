/**
 * The "Body预览示例" column of seed 000 "支持字段" (Hesi outbound messages, docs.ekuaibao.com
 * outbound-new), each written as compact JSON in the seed's own key order. The seed's preview is not
 * strict JSON (comments, full-width commas "，", a missing comma in 收款信息_其他); these strings are
 * its values with that punctuation repaired and nothing else changed. The email of userInfo is the
 * seed's `123456@163.com` (the page renders it as a mailto link).
 */
export const seed000Examples = {
	text: '"xxxx"',
	date: '1484498318241',
	dateRange: '{"from":1484498318241,"to":1484498318398}',
	number: '23.4',
	money: '{"currency":"CNY","amount":"10.00","foreignCurrency":"USD","foreignAmount":"68.80","exchangeRate":"6.88"}',
	switch: 'true',
	dimension: '{"id":"档案值id","path":"AAA/BBB/CCC","name":"CCC","code":"0902"}',
	multiDimension:
		'[{"id":"档案值id","path":"AAA/BBB/CCC","name":"CCC","code":"0902"},{"id":"档案值id","path":"AAA/BBB/CCC","name":"CCC","code":"0902"}]',
	staff: '{"id":"员工ID","name":"姓名"}',
	businessObject: '{"id":"x2y34","name":"xxxx","code":"1234"}',
	payeeBank:
		'{"sort":"BANK","type":"PERSONAL","name":"杨平","nameSpell":"YANGPING","cardNo":"6214000123123028888","bank":"招商银行","province":"江苏省","city":"南京市","branch":"招商银行南京中央路支行","certificateType":"03","certificateNo":"134322222343","bankLinkNo":"308301006211"}',
	payeeOverseas:
		'{"sort":"OVERSEABANK","name":"杨平","type":"PERSONAL","owner":"INDIVIDUAL","cardNo":"9984000123123028888","bankCode":"BankCode001","bankName":"BankName001","nameSpell":"YANGPING","swiftCode":"SwiftCode001","branchCode":"BranchCode001"}',
	payeeAlipay: '{"sort":"ALIPAY","name":"杨平","type":"PERSONAL","owner":"INDIVIDUAL","cardNo":"13900001111","nameSpell":"YANGPING"}',
	payeeOther:
		'{"sort":"OTHER","name":"杨平","type":"PERSONAL","cardNo":"13900001111","nameSpell":"YANGPING","certificateType":"03","certificateNo":"134322222343"}',
	action: '"flow.rejected"',
	actionName: '"被驳回"',
	userInfo: '{"id":"7hw8MheAgo0g00:I6A8MlHIQM0000","name":"张三","cellphone":"13111111111","email":"123456@163.com"}',
	internalMessageNameType: '"freeflow:autoSubmit"',
} as const;
