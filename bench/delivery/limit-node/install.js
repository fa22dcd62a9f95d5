// Puts the bench-only limit node (BenchDeliveryLimit.node.js) into an n8n instance of the e2e harness:
// a folder in the instance's user folder named in N8N_CUSTOM_EXTENSIONS, so n8n loads it as
// `CUSTOM.benchDeliveryLimit` beside our installed package. Call after installPackage() (the node
// requires the undici our package installed, so both run the same module) and before start().
'use strict';
const fs = require('node:fs');
const path = require('node:path');

function installLimitNode(n8n) {
	if (!n8n.installedPackage) throw new Error('installLimitNode: call n8n.installPackage() first');
	const packageDir = path.join(n8n.userFolder, '.n8n', 'nodes', 'node_modules', n8n.installedPackage.name);
	const undici = require.resolve('undici', { paths: [packageDir] });
	const folder = path.join(n8n.userFolder, 'bench-limit-node');
	fs.mkdirSync(folder, { recursive: true });
	fs.copyFileSync(path.join(__dirname, 'BenchDeliveryLimit.node.js'), path.join(folder, 'BenchDeliveryLimit.node.js'));
	fs.writeFileSync(path.join(folder, 'undici-path.json'), JSON.stringify(undici));
	n8n.extraEnv = { ...n8n.extraEnv, N8N_CUSTOM_EXTENSIONS: folder };
	return { type: 'CUSTOM.benchDeliveryLimit', undici };
}

module.exports = { installLimitNode };
