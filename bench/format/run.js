'use strict';
/**
 * Format Fields throughput: 100,000 items × 20 fields of mixed types through the field engine
 * (compile once, format every item), then the same with the request body serialised.
 * Run after `npm run build`:  npx node bench/format/run.js  [items]
 * Goal (issue 6): ≥ 50,000 items/s, so formatting is never the bottleneck of a delivery workflow.
 * Prints wall-clock items/s and items per CPU second (the latter is steadier on a busy machine).
 */
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const fields = require(path.resolve(__dirname, '../../dist/nodes/shared/fields'));

const itemCount = Number(process.argv[2] ?? 100_000);
const rounds = 5;

const layout = [
	{ name: 'flowId', type: 'text' },
	{ name: 'code', type: 'text' },
	{ name: 'title', type: 'text' },
	{ name: 'seq', type: 'text' },
	{ name: 'submitDate', type: 'date' },
	{ name: 'expenseDate', type: 'date' },
	{ name: 'dueDate', type: 'date' },
	{ name: 'count', type: 'number' },
	{ name: 'ratio', type: 'number' },
	{ name: 'amount', type: 'money' },
	{ name: 'foreign', type: 'money', settings: { foreignCurrency: 'USD', exchangeRate: '6.88' } },
	{ name: 'payMoney', type: 'money' },
	{ name: 'urgent', type: 'switch' },
	{ name: 'reimbursed', type: 'switch' },
	{ name: 'department', type: 'dimension' },
	{ name: 'projects', type: 'multiDimension' },
	{ name: 'submitter', type: 'staff' },
	{ name: 'supplier', type: 'businessObject' },
	{ name: 'payee', type: 'payee' },
	{ name: 'receiver.userInfo', type: 'userInfo' },
];

function valuesFor(i) {
	return [
		`ID${i}`,
		`B${String(i).padStart(8, '0')}`,
		`差旅报销 ${i}`,
		i,
		new Date(1_700_000_000_000 + i * 1000).toISOString(),
		1_700_000_000_000 + i,
		'2024-01-15',
		i % 100,
		`${(i % 1000) / 10}`,
		(i % 10_000) / 100 + 0.1 + 0.2,
		`${i % 500}.5`,
		{ currency: 'CNY', amount: `${i}.05` },
		i % 2 === 0,
		i % 2 === 0 ? '是' : '否',
		{ id: `dep${i % 50}`, path: `总部/研发/组${i % 50}`, code: String(i % 50).padStart(4, '0') },
		[
			{ id: `p${i % 7}`, path: `项目/P${i % 7}`, name: `P${i % 7}`, code: `P${i % 7}` },
			{ id: `p${i % 11}`, path: `项目/Q${i % 11}`, code: `Q${i % 11}` },
		],
		{ id: `staff:${i % 300}`, name: '张三' },
		{ id: `x${i}`, name: '供应商', code: `${i % 9999}` },
		{
			sort: 'BANK',
			type: 'PERSONAL',
			name: '杨平',
			nameSpell: 'YANGPING',
			cardNo: '6214000123123028888',
			bank: '招商银行',
			province: '江苏省',
			city: '南京市',
			branch: '招商银行南京中央路支行',
			certificateType: '03',
			certificateNo: '134322222343',
			bankLinkNo: '308301006211',
		},
		{ id: `7hw8MheAgo0g00:${i}`, name: '张三', cellphone: '13111111111', email: '123456@163.com' },
	];
}

const items = Array.from({ length: itemCount }, (_, i) => valuesFor(i));
const context = { clock: fields.createZonedClock('Asia/Shanghai') };
const compiled = fields.compileFields(layout);

function run(serialise) {
	let failures = 0;
	let bytes = 0;
	const cpuStarted = process.cpuUsage();
	const started = performance.now();
	for (let i = 0; i < items.length; i++) {
		const result = fields.formatFields(compiled, items[i], context);
		if (!result.ok) failures++;
		else if (serialise) bytes += JSON.stringify(result.body).length;
	}
	const seconds = (performance.now() - started) / 1000;
	const cpu = process.cpuUsage(cpuStarted);
	const cpuSeconds = (cpu.user + cpu.system) / 1e6;
	return { itemsPerSecond: items.length / seconds, itemsPerCpuSecond: items.length / cpuSeconds, failures, bytes };
}

const check = fields.formatFields(compiled, items[1], context);
if (!check.ok) throw new Error(`bench data does not format: ${JSON.stringify(check.errors)}`);

for (const serialise of [false, true]) {
	run(serialise); // warm-up
	const results = Array.from({ length: rounds }, () => run(serialise)).sort((a, b) => a.itemsPerSecond - b.itemsPerSecond);
	const median = results[Math.floor(rounds / 2)];
	if (median.failures > 0) throw new Error(`${median.failures} items failed`);
	const rate = (value) => Math.round(value).toLocaleString('en-US');
	console.log(
		`${serialise ? 'format + JSON.stringify' : 'format only            '}: ${rate(median.itemsPerSecond)} items/s wall clock, ` +
			`${rate(median.itemsPerCpuSecond)} items per CPU second ` +
			`(median of ${rounds}; ${itemCount.toLocaleString('en-US')} items × ${layout.length} fields, Node ${process.version})`,
	);
}
