/**
 * An OFS to-do body as e-cology pushes it (all strings), for the Unified Todo e2e tests (any isremark,
 * also ones that name no state, for the refusal tests). Each call
 * gets a later `receivets` than the one before (e-cology's order of events for a flow and receiver),
 * so a to-do and its done, or the same to-do pushed again, arrive in order.
 */
let receivets = Date.now();

export function ofsBody(flowid: string, isremark: string, extra: Record<string, string> = {}): Record<string, string> {
	receivets += 1000;
	return {
		syscode: 'OA1',
		flowid,
		requestname: `差旅报销-张三-${flowid}`,
		workflowname: '差旅报销流程',
		nodename: '部门经理审批',
		pcurl: `/spa/workflow/static4form/index.html#/main/workflow/req?requestid=${flowid}`,
		appurl: `/spa/workflow/static4mobileform/index.html#/req?requestid=${flowid}`,
		isremark,
		viewtype: '0',
		creator: 'zhangsan',
		createdatetime: '2024-07-25 09:30:00',
		receiver: 'lisi',
		receivedatetime: '2024-07-25 09:30:05',
		receivets: String(receivets),
		...extra,
	};
}
