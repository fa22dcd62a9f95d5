import { type IExecuteFunctions, type INodeProperties, updateDisplayOptions } from 'n8n-workflow';

import type { FormatContext } from '../../shared/fields';
import type { ItemOutcome } from './envelopeMembers';
import { fieldsProperty, readFields } from './fieldsList';

/** Mode Fields: the body is the Fields list alone. */
export const description: INodeProperties[] = updateDisplayOptions({ show: { mode: ['fields'] } }, [fieldsProperty]);

export function execute(this: IExecuteFunctions, itemIndex: number, formatContext: FormatContext): ItemOutcome {
	return readFields(this, itemIndex, formatContext);
}
