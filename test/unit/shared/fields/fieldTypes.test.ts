import { fieldTypeKeys, fieldTypes, findFieldType } from '../../../../nodes/shared/fields/fieldTypes';
import { shanghai } from './clock';
import { seed000Examples } from './seedExamples';

/** Seed 000 "支持字段", the 字段类型 column, in the seed's order. */
const seedTypeNames = [
	'文本',
	'日期',
	'日期范围',
	'数字',
	'金额',
	'开关',
	'部门/自定义档案',
	'自定义档案（多选）',
	'人员',
	'自定义扩展业务对象',
	'收款信息',
	'通知类出站消息类别',
	'通知类出站消息类别名称',
	'通知类出站消息消息接收人',
	'站内信消息类型',
];

/** An input for each type that should give the seed's example (for payee: the bank card row). */
const seedInputs: Record<string, [input: unknown, example: string]> = {
	text: ['xxxx', seed000Examples.text],
	date: ['2017-01-15T16:38:38.241Z', seed000Examples.date],
	dateRange: [{ from: 1484498318241, to: '2017-01-15T16:38:38.398Z' }, seed000Examples.dateRange],
	number: ['23.4', seed000Examples.number],
	money: [JSON.parse(seed000Examples.money), seed000Examples.money],
	switch: ['是', seed000Examples.switch],
	dimension: [{ id: '档案值id', path: 'AAA/BBB/CCC', code: '0902' }, seed000Examples.dimension],
	multiDimension: [JSON.parse(seed000Examples.multiDimension), seed000Examples.multiDimension],
	staff: [JSON.parse(seed000Examples.staff), seed000Examples.staff],
	businessObject: [JSON.parse(seed000Examples.businessObject), seed000Examples.businessObject],
	payee: [JSON.parse(seed000Examples.payeeBank), seed000Examples.payeeBank],
	action: ['flow.rejected', seed000Examples.action],
	actionName: ['被驳回', seed000Examples.actionName],
	userInfo: [JSON.parse(seed000Examples.userInfo), seed000Examples.userInfo],
	internalMessageNameType: ['freeflow:autoSubmit', seed000Examples.internalMessageNameType],
};

describe('the field type table', () => {
	it("has one entry per type of seed 000's 支持字段, in the seed's order, with the seed's Chinese names", () => {
		expect(fieldTypes.map((type) => type.nameZh)).toEqual(seedTypeNames);
		expect(fieldTypes.map((type) => type.key)).toEqual([...fieldTypeKeys]);
	});

	it('gives every type an English name, what it accepts and an expectation', () => {
		for (const type of fieldTypes) {
			expect(type.name).toMatch(/^[A-Z]/);
			expect(type.accepts.length).toBeGreaterThan(5);
			expect(type.expected.length).toBeGreaterThan(5);
		}
	});

	it.each(fieldTypeKeys.map((key) => [key]))("formats the %s type to the seed's example byte for byte, in the shape its schema describes", (key) => {
		const type = findFieldType(key)!;
		const [input, example] = seedInputs[key];
		const result = type.normalise(input, shanghai, {});
		if (!result.ok) throw new Error(JSON.stringify(result.problems));
		expect(JSON.stringify(result.value)).toBe(example);
		expect(type.outputSchema.safeParse(result.value).success).toBe(true);
	});

	it('lists the per-field settings a type reads (only money has any)', () => {
		expect(fieldTypes.filter((type) => type.settings.length > 0).map((type) => type.key)).toEqual(['money']);
	});

	it('finds types by key and nothing else', () => {
		expect(findFieldType('money')?.nameZh).toBe('金额');
		expect(findFieldType('currency')).toBeUndefined();
	});
});
