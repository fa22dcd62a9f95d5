import { catalogLookup, type EventDefinition } from './types';

/**
 * Hesi message center (消息中心, seed 000): a message fires when "the notification trigger condition
 * configured in the message center" holds. The messages are defined by each company, so the only
 * event is "a configured message fired"; triggers filter by message name instead (the log's
 * 事件名称 "取自创建出站消息时所选择的消息，如：自定义测试").
 */
export interface MessageCenterEvent extends EventDefinition {
	readonly family: 'hesiMessageCenter';
}

export const messageCenterEvents: readonly MessageCenterEvent[] = [
	{ code: 'messageCenter.notify', nameZh: '消息中心通知', nameEn: 'Message center notification', family: 'hesiMessageCenter', documentedCode: false },
];

export const findMessageCenterEvent = catalogLookup(messageCenterEvents);
