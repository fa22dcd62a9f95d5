// `npm run build` = tsc + this: copy node/credential icons and codex files next to the compiled code,
// where n8n looks for them (`icon: 'file:x.svg'` resolves relative to the .node.js file).
const { src, dest } = require('gulp');

function copyAssets() {
	return src(['nodes/**/*.{svg,png}', 'nodes/**/*.node.json', 'credentials/**/*.{svg,png}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

exports.build = copyAssets;
exports.default = copyAssets;
