import { type ExpressionString, type INodeOutputConfiguration, NodeConnectionTypes } from 'n8n-workflow';

import type { TodoRoute } from '../../shared/todo/pushTodos';

/**
 * Success, Ignored and Failure always; Held as the fourth only while the circuit breaker is on (an
 * expression-valued `outputs`, as Send Outbound Message and n8n's Switch node do). Preview Addresses
 * uses the first output only.
 */
export const outputIndex: Record<TodoRoute, number> = { success: 0, ignored: 1, failure: 2, held: 3 };

export const outputNames = ['Success', 'Ignored', 'Failure', 'Held'];

const main = (displayName: string): INodeOutputConfiguration => ({ type: NodeConnectionTypes.Main, displayName });

const withoutBreaker = outputNames.slice(0, 3).map(main);
const withBreaker = outputNames.map(main);

export const todoPushOutputs: ExpressionString = `={{ $parameter.circuitBreaker === true ? ${JSON.stringify(withBreaker)} : ${JSON.stringify(withoutBreaker)} }}`;
