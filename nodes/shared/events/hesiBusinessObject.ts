import { catalogLookup, type EventDefinition } from './types';

/**
 * Hesi business-object data change (业务对象数据变更, seed 000: "新增或修改业务对象数据"). The seed
 * names the two changes but not their codes. Hesi's business objects are "datalink" entities
 * (cf. the internal message `datalink:CREATE`); we use `datalink.create` / `datalink.update` in the
 * dotted style of the notification `action` codes.
 */
export interface BusinessObjectEvent extends EventDefinition {
	readonly family: 'hesiBusinessObject';
}

export const businessObjectEvents: readonly BusinessObjectEvent[] = [
	{ code: 'datalink.create', nameZh: '新增业务对象数据', nameEn: 'Record created', family: 'hesiBusinessObject', documentedCode: false },
	{ code: 'datalink.update', nameZh: '修改业务对象数据', nameEn: 'Record updated', family: 'hesiBusinessObject', documentedCode: false },
];

export const findBusinessObjectEvent = catalogLookup(businessObjectEvents);
