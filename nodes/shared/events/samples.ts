import { findApprovalEvent } from './hesiApproval';
import { findInternalMessageEvent } from './hesiInternalMessage';
import { findLoanEvent } from './hesiLoan';
import { findJiandaoyunFlowAction } from './jiandaoyun';
import { findOfsTodoEvent } from './ofsTodo';
import { findE10TodoEvent } from './e10Todo';

/**
 * Realistic sample payloads, built from the seeds' own examples and field formats, so users can
 * build a workflow before the source system is connected (the triggers emit them in test mode)
 * and docs/events.md can show them. Field values come from seed 000's field table (money, staff,
 * department, `userInfo`), seed 001's push samples and DESIGN §4's OFS body.
 */

type Sample = Record<string, unknown>;

/** Seed 000, 通知类出站消息消息接收人. */
const hesiUserInfo = {
	id: '7hw8MheAgo0g00:I6A8MlHIQM0000',
	name: '张三',
	cellphone: '13111111111',
	email: '123456@163.com',
};

/** Fields a Hesi message carries when the subscriber selects them (seed 000, 支持字段). */
const hesiDocumentFields = {
	flowId: 'ID01uJ2x8gHZ7N',
	nodeId: 'FLOW:1171302470:1592882963',
	code: 'B24000123',
	title: '3月北京出差报销',
	submitterId: { id: '7hw8MheAgo0g00:I6A8MlHIQM0000', name: '张三' },
	expenseDepartment: { id: '7hw8MheAgo0g00:ID01dept0902', path: '合思科技/财务部/费用组', name: '费用组', code: '0902' },
	submitDate: 1484498318241,
	expenseMoney: { currency: 'CNY', amount: '10.00', foreignCurrency: 'USD', foreignAmount: '68.80', exchangeRate: '6.88' },
};

export function hesiApprovalSample(code = 'backlog.approving'): Sample {
	return {
		action: code,
		actionName: findApprovalEvent(code)?.nameZh ?? code,
		userInfo: hesiUserInfo,
		...hesiDocumentFields,
	};
}

export function hesiInternalMessageSample(code = 'freeflow:autoSubmit'): Sample {
	return {
		internalMessageNameType: code,
		internalMessageName: findInternalMessageEvent(code)?.nameZh ?? code,
		userInfo: hesiUserInfo,
		flowId: hesiDocumentFields.flowId,
		code: hesiDocumentFields.code,
		title: hesiDocumentFields.title,
	};
}

export function hesiLoanSample(code = 'repayment:APPROVE'): Sample {
	return {
		action: code,
		actionName: findLoanEvent(code)?.nameZh ?? code,
		userInfo: hesiUserInfo,
		flowId: 'ID01loan7Kq2Zs',
		code: 'J24000017',
		title: '北京出差备用金',
		loanMoney: { currency: 'CNY', amount: '2000.00' },
		repaymentMoney: { currency: 'CNY', amount: '500.00' },
		repaymentDate: 1484498318241,
	};
}

export function hesiBusinessObjectSample(code = 'datalink.create'): Sample {
	return {
		action: code,
		entityName: '供应商档案',
		entityId: 'ID01entitySupplier',
		dataLinkId: 'ID01x2y34',
		code: 'GYS-0001',
		name: '南京云帆科技有限公司',
		owner: { id: '7hw8MheAgo0g00:I6A8MlHIQM0000', name: '张三' },
		bankAccount: {
			sort: 'BANK',
			type: 'PUBLIC',
			name: '南京云帆科技有限公司',
			cardNo: '6214000123123028888',
			bank: '招商银行',
			province: '江苏省',
			city: '南京市',
			branch: '招商银行南京中央路支行',
			bankLinkNo: '308301006211',
		},
		updateTime: 1484498318398,
	};
}

export function hesiMessageCenterSample(): Sample {
	return {
		messageName: '自定义测试',
		userInfo: hesiUserInfo,
		...hesiDocumentFields,
	};
}

export function hesiEbotSample(): Sample {
	return { ...hesiDocumentFields, nodeName: 'EBot 预算校验' };
}

/** Seed 001 §4.5.3: the old flow-message format, three recipients in one push. */
function jiandaoyunFlowMessage(flowAction: string): Sample {
	const action = findJiandaoyunFlowAction(flowAction);
	return {
		op: 'flow_message',
		data: {
			content: '请假人: 小云\n请假原因: 病假',
			entry_name: '请假审批',
			flow_action: flowAction,
			notify_text: action?.notifyText ?? '有新的流程待办事项',
			to: [
				{ name: '张三', username: 'zhangsan' },
				{ name: '李四', username: 'lisi' },
				{ name: '王五', username: 'wangwu' },
			],
			url: `https://www.jiandaoyun.com/dashboard/app/642e37f2374e1b0007f537b2/form/642e37f5fe736900073a99e5/data/642e3855dd27960007cf9514?actionType=${flowAction}&flowId=1&memberType=0&guestCorpId=`,
		},
		send_time: '2023-04-06T03:11:18.102Z',
	};
}

/** Seed 001 §4.1.3–4.7.3, one sample per op; data push ops as Jiandaoyun sends a record. */
export function jiandaoyunSample(op = 'flow_message', flowAction = 'flow_forward'): Sample {
	const sendTime = '2017-10-20T22:41:51.430Z';
	const jian = { username: 'jian', name: '小简' };
	const leaveRequest = { to: [jian, { username: 'dao', name: '小道' }], entry_name: '请假审批', notify_text: '小云提出请假申请，请审批' };
	switch (op) {
		case 'flow_message':
			return jiandaoyunFlowMessage(flowAction);
		case 'form_schedule_message':
			return {
				op,
				data: { ...leaveRequest, url: 'https://jiandaoyun.com/app/1/entry/2' },
				send_time: sendTime,
			};
		case 'data_create_message':
			return {
				op,
				data: { ...leaveRequest, content: '请假人: 小云\n请假原因: 病假', url: 'https://jiandaoyun.com/message/1/data' },
				send_time: sendTime,
			};
		case 'data_update_message':
			return {
				op,
				data: {
					to: [jian],
					entry_name: '请假审批',
					notify_text: '小云修改了请假日期',
					content: '修改人: 小云\n数据标题: 病假申请\n请假日期: 2018-5-1→2018-5-2',
					url: 'https://jiandaoyun.com/dashboard/app/1/form/2/data/3/qr_link',
				},
				send_time: sendTime,
			};
		case 'form_widget_message':
			return {
				op,
				data: {
					to: [jian],
					entry_name: '生日提醒',
					notify_text: '小云的生日到了',
					content: '小云的生日到了',
					url: 'https://jiandaoyun.com/dashboard/app/1/form/2/data/3/qr_link',
				},
				send_time: sendTime,
			};
		case 'dash_schedule_message':
			return {
				op,
				data: {
					to: [jian],
					entry_name: '物料盘点',
					notify_text: '2019年度物料盘点的时间到了',
					url: 'https://jiandaoyun.com/app/1/entry/2',
				},
				send_time: sendTime,
			};
		case 'dash_alert_message':
			return {
				op,
				data: {
					to: [jian],
					entry_name: '库存统计',
					notify_text: '库存警告',
					content: '预警来源：库存应用>华南区盘点>库存剩余量',
					url: 'https://jiandaoyun.com/app/1/entry/2',
				},
				send_time: sendTime,
			};
		default:
			return {
				op,
				data: {
					_id: '642e3855dd27960007cf9514',
					appId: '642e37f2374e1b0007f537b2',
					entryId: '642e37f5fe736900073a99e5',
					creator: { name: '小云', username: 'xiaoyun' },
					updater: { name: '小云', username: 'xiaoyun' },
					createTime: '2023-04-06T03:11:18.102Z',
					updateTime: '2023-04-06T03:11:18.102Z',
					_widget_1432728651402: '病假',
					_widget_1432728651403: 1,
				},
				send_time: '2023-04-06T03:11:18.102Z',
			};
	}
}

/** DESIGN §4: an OFS body for the state; the delete states carry only their keys. */
export function ofsTodoSample(code = 'todo'): Sample {
	const keys = { syscode: 'EC9', flowid: '202406010001' };
	if (code === 'deleteFlow') return keys;
	if (code === 'deleteUser') return { ...keys, userid: 'lisi' };
	return {
		...keys,
		requestname: '差旅报销-张三-2024-06-01',
		workflowname: '差旅报销流程',
		nodename: '部门经理审批',
		pcurl: '/spa/workflow/static4form/index.html#/main/workflow/req?requestid=202406010001',
		appurl: '/spa/workflow/static4mobileform/index.html#/req?requestid=202406010001',
		isremark: findOfsTodoEvent(code)?.isremark ?? '0',
		viewtype: '0',
		creator: 'zhangsan',
		createdatetime: '2024-06-01 09:30:00',
		receiver: 'lisi',
		receivedatetime: '2024-06-01 09:30:05',
		receivets: '1717205405000',
	};
}

/** DESIGN §4: the E10 body of the same to-do, camelCase, with E10's tenant key and task id; a flow delete carries only its keys. */
export function e10TodoSample(code = 'todo'): Sample {
	const keys = { sysCode: 'E10', flowId: '202406010001' };
	if (code === 'deleteFlow') return keys;
	return {
		...keys,
		requestName: '差旅报销-张三-2024-06-01',
		workFlowName: '差旅报销流程',
		nodeName: '部门经理审批',
		pcUrl: '/sp/workflow/req?requestId=202406010001',
		appUrl: '/mobile/workflow/req?requestId=202406010001',
		isRemark: findE10TodoEvent(code)?.isRemark ?? '0',
		viewType: '0',
		creator: 'zhangsan',
		createDateTime: '2024-06-01 09:30:00',
		receiver: 'lisi',
		receiveDateTime: '2024-06-01 09:30:05',
		receivets: '1717205405000',
		tenantKey: 't4dvwhryc8',
		taskId: '9002024060100011',
	};
}
