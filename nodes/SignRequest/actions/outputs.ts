/**
 * Outputs per operation, evaluated by n8n as an expression (`outputs: '={{(fn)($parameter)}}'`, as
 * n8n's own Evaluation and Webhook nodes do): Sign has one output, Verify has Valid and Invalid.
 * The function's source is what n8n evaluates, so it must stand alone: no imports, hence 'main'
 * as text instead of NodeConnectionTypes.Main.
 */
export const configuredOutputs = (parameters: { operation?: string }) =>
	parameters.operation === 'verify'
		? [
				{ type: 'main', displayName: 'Valid' },
				{ type: 'main', displayName: 'Invalid' },
			]
		: [{ type: 'main' }];
