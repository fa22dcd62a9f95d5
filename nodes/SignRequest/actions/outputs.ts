/**
 * Outputs per operation and version, evaluated by n8n as an expression
 * (`outputs: '={{(fn)($nodeVersion, $parameter)}}'`, as n8n's own Respond to Webhook node does):
 * Verify has Valid and Invalid; Sign has Success and Failure from version 2, one output in version 1.
 * The function's source is what n8n evaluates, so it must stand alone: no imports, hence 'main'
 * as text instead of NodeConnectionTypes.Main.
 */
export const configuredOutputs = (version: number, parameters: { operation?: string }) =>
	parameters.operation === 'verify'
		? [
				{ type: 'main', displayName: 'Valid' },
				{ type: 'main', displayName: 'Invalid' },
			]
		: version >= 2
			? [
					{ type: 'main', displayName: 'Success' },
					{ type: 'main', displayName: 'Failure' },
				]
			: [{ type: 'main' }];
