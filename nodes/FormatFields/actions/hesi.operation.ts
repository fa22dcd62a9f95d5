import { type IExecuteFunctions, type INodeProperties, updateDisplayOptions } from 'n8n-workflow';

import { approvalEvents } from '../../shared/events/hesiApproval';
import { internalMessageEvents } from '../../shared/events/hesiInternalMessage';
import { type FormatContext, type HesiMessageKind, buildHesiBody } from '../../shared/fields';
import { oneOf } from '../../shared/n8nChoices';
import { type ItemOutcome, type MemberSettings, envelopeFields, envelopeOutcome, parameter, withSettingLabels } from './envelopeMembers';
import { eventOptions } from './eventOptions';

/** Envelope Hesi Outbound Body (seed 000): the fields, plus the members the message kind adds. */

const forNotification = { show: { hesiKind: ['notification'] } };

export const description: INodeProperties[] = updateDisplayOptions({ show: { mode: ['envelope'], envelope: ['hesi'] } }, [
	{
		displayName: 'Message Kind',
		name: 'hesiKind',
		...oneOf(
			['Approval Notification (审批事件)', 'notification', 'Adds action, actionName and userInfo'],
			['Internal Message (站内信)', 'internalMessage', 'Adds internalMessageNameType'],
			['Other (业务对象, EBot, 借款, 消息中心)', 'other', 'The fields alone'],
		),
		noDataExpression: true,
		default: 'notification',
		description:
			'Which kind of Hesi outbound message this body is (seed 000): it decides the members added to the fields. Choose Other for business objects, EBot, loans and the message center.',
	},
	{
		displayName: 'Action',
		name: 'action',
		type: 'options',
		options: eventOptions(approvalEvents),
		default: 'backlog.approving',
		description: 'The notification category (通知类出站消息类别). Choose from the list, or specify a code using an expression.',
		displayOptions: forNotification,
	},
	{
		displayName: 'Action Name',
		name: 'actionName',
		type: 'string',
		default: '',
		placeholder: '被驳回',
		description: "The category name (类别名称). Leave empty to use the action's Chinese name from seed 000.",
		displayOptions: forNotification,
	},
	{
		displayName: 'Recipient ID',
		name: 'userInfoId',
		type: 'string',
		default: '',
		placeholder: '7hw8MheAgo0g00:I6A8MlHIQM0000',
		description: "The recipient's Hesi staff ID",
		displayOptions: forNotification,
	},
	{
		displayName: 'Recipient Name',
		name: 'userInfoName',
		type: 'string',
		default: '',
		placeholder: '张三',
		displayOptions: forNotification,
	},
	{
		displayName: 'Recipient Cellphone',
		name: 'userInfoCellphone',
		type: 'string',
		default: '',
		placeholder: '13111111111',
		displayOptions: forNotification,
	},
	{
		displayName: 'Recipient Email',
		name: 'userInfoEmail',
		type: 'string',
		default: '',
		placeholder: 'name@example.com',
		displayOptions: forNotification,
	},
	{
		displayName: 'Internal Message Type',
		name: 'internalMessageNameType',
		type: 'options',
		options: eventOptions(internalMessageEvents),
		default: 'freeflow:autoSubmit',
		description: 'The internal message type (站内信消息类型). Choose from the list, or specify a code using an expression.',
		displayOptions: { show: { hesiKind: ['internalMessage'] } },
	},
]);

export const memberSettings: MemberSettings = {
	action: ['action'],
	actionName: ['actionName'],
	userInfo: ['userInfoId', 'userInfoName', 'userInfoCellphone', 'userInfoEmail'],
	'userInfo.id': ['userInfoId'],
	'userInfo.name': ['userInfoName'],
	'userInfo.cellphone': ['userInfoCellphone'],
	'userInfo.email': ['userInfoEmail'],
	internalMessageNameType: ['internalMessageNameType'],
};

export function execute(this: IExecuteFunctions, itemIndex: number, formatContext: FormatContext): ItemOutcome {
	const p = (name: string) => parameter(this, name, itemIndex);
	const typed = envelopeFields(this, itemIndex, formatContext, 'top');
	const kind = p('hesiKind') as HesiMessageKind;
	const userInfo = { id: p('userInfoId'), name: p('userInfoName'), cellphone: p('userInfoCellphone'), email: p('userInfoEmail') };
	const hasUserInfo = Object.values(userInfo).some((value) => value !== '' && value !== undefined && value !== null);
	const result = buildHesiBody({
		kind,
		fields: typed.fields,
		action: p('action'),
		actionName: p('actionName'),
		userInfo: hasUserInfo ? userInfo : undefined,
		internalMessageNameType: p('internalMessageNameType'),
	});
	return envelopeOutcome(withSettingLabels(result, memberSettings, description), typed);
}
