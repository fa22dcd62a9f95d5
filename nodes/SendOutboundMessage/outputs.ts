import { type ExpressionString, type INodeOutputConfiguration, NodeConnectionTypes } from 'n8n-workflow';

/**
 * Success, Retry and Failure always, at indexes 0-2 (workflows wired before the breaker existed
 * keep their connections); Held as the fourth only while the circuit breaker is on. n8n evaluates
 * an expression-valued `outputs` with the node's parameters, as its Switch node does.
 */

export const outputIndex = { success: 0, retry: 1, failure: 2, held: 3 } as const;

export const outputNames = ['Success', 'Retry', 'Failure', 'Held'];

const main = (displayName: string): INodeOutputConfiguration => ({ type: NodeConnectionTypes.Main, displayName });

export const outputsWithoutBreaker = outputNames.slice(0, 3).map(main);
export const outputsWithBreaker = outputNames.map(main);

export const sendOutputs: ExpressionString = `={{ $parameter.circuitBreaker === true ? ${JSON.stringify(outputsWithBreaker)} : ${JSON.stringify(outputsWithoutBreaker)} }}`;
