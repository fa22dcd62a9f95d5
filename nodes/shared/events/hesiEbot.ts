import { catalogLookup, type EventDefinition } from './types';

/**
 * Hesi EBot (seed 000: "EBot | 到达此节点 | 触发出站消息，可触发出站失败后配置"): the flow reached an
 * EBot node. The message carries `flowId` and `nodeId`, which the EBot callback
 * (`POST /api/outbound/v1/approval`, DESIGN §3) sends back to accept or refuse the node.
 */
export interface EbotEvent extends EventDefinition {
	readonly family: 'hesiEbot';
}

export const ebotEvents: readonly EbotEvent[] = [
	{ code: 'ebot.arrived', nameZh: '到达EBot节点', nameEn: 'Flow reached an EBot node', family: 'hesiEbot', documentedCode: false },
];

export const findEbotEvent = catalogLookup(ebotEvents);
