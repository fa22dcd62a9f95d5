import type { INodeProperties } from 'n8n-workflow';

import { circuitBreakerProperties } from './settings/circuitBreaker';
import { handOffProperties } from './settings/handOff';
import { optionsProperty } from './settings/options';
import { pushLogProperties } from './settings/pushLog';
import { requestProperties } from './settings/request';
import { retryProperties } from './settings/retry';
import { signingProperties } from './settings/signing';
import { successRuleProperties } from './settings/successRule';

/**
 * Every option of Send Outbound Message, in the order the seed's outbound-message settings list
 * them (000, 配置说明): target, event, body, success codes, keyword match, retries, then what the
 * seed does not have (hand-off of long retries, signing each attempt, the circuit breaker, the push
 * log, connection options). Each group lives in its own module under settings/.
 */
export const sendOutboundMessageProperties: INodeProperties[] = [
	...requestProperties,
	...successRuleProperties,
	...retryProperties,
	...handOffProperties,
	...signingProperties,
	...circuitBreakerProperties,
	...pushLogProperties,
	optionsProperty,
];
