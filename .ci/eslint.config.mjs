// n8n's community-node lint rules: both rule sets n8n publishes.
// - eslint-plugin-n8n-nodes-base: the `community` (package.json), `credentials` and `nodes` sets, wired
//   as n8n's own `@n8n/node-cli` lint config does;
// - @n8n/eslint-plugin-community-nodes: the newer package-level rules (recommendedWithoutN8nCloudSupport).
// Run as `npm run lint` (eslint -c .ci/eslint.config.mjs); patterns resolve from the working directory.
import tseslint from 'typescript-eslint';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';

const communityRules = n8nCommunityNodesPlugin.configs.recommendedWithoutN8nCloudSupport;

export default [
	{ ignores: ['dist/**', 'node_modules/**', 'test/**', 'bench/**', '.ci/**'] },
	{
		files: ['**/*.ts'],
		languageOptions: { parser: tseslint.parser, parserOptions: { sourceType: 'module' } },
	},
	{
		files: ['package.json'],
		languageOptions: { parser: tseslint.parser, parserOptions: { extraFileExtensions: ['.json'] } },
	},
	{ plugins: { 'n8n-nodes-base': n8nNodesBase } },
	{ files: ['package.json'], rules: { ...n8nNodesBase.configs.community.rules } },
	{
		files: ['credentials/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// as in n8n's own node-cli config: these assume a single input and output
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
	{
		...communityRules,
		files: ['**/*.ts', 'package.json'],
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
	{
		// The engine is plain TypeScript without n8n types (design §2): it throws ordinary errors,
		// which the node files catch and wrap in NodeOperationError / NodeApiError for the UI.
		files: ['nodes/shared/**/*.ts'],
		ignores: ['nodes/shared/**/n8n*.ts'],
		rules: { '@n8n/community-nodes/require-node-api-error': 'off' },
	},
];
