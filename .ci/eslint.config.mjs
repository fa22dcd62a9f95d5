// n8n's community-node rules (the set n8n's own `n8n-node lint` applies), on TypeScript sources and package.json.
// Run as `npm run lint` (eslint -c .ci/eslint.config.mjs); ESLint resolves the patterns below from the working directory.
import tseslint from 'typescript-eslint';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';

const communityRules = n8nCommunityNodesPlugin.configs.recommendedWithoutN8nCloudSupport;

export default [
	{ ignores: ['dist/**', 'node_modules/**', 'test/**', 'bench/**', '.ci/**'] },
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts'],
		languageOptions: { parser: tseslint.parser, parserOptions: { sourceType: 'module' } },
	},
	{
		...communityRules,
		rules: {
			...communityRules.rules,
			// Our runtime dependencies (undici for HTTP, zod for validation) are required by the
			// design and install with the package from the Community Nodes screen; n8n Cloud's
			// verified-node programme, which this rule serves, is not a target of this package.
			'@n8n/community-nodes/no-runtime-dependencies': 'off',
			// The rule expects webhooks registered on a third-party API. Hesi, Jiandaoyun and Weaver
			// OA are configured by pasting the n8n URL into their push settings (as n8n's own
			// Webhook node is), so there is nothing to create or delete remotely.
			'@n8n/community-nodes/webhook-lifecycle-complete': 'off',
		},
	},
];
