// `npm run build` = tsc + this: copy node/credential icons and codex files next to the compiled code,
// where n8n looks for them (`icon: 'file:x.svg'` resolves relative to the .node.js file), and the
// plain-JavaScript worker thread scripts (`*Thread.js`, started by path from the compiled code).
const { src, dest } = require('gulp');

function copyAssets() {
	return src(['nodes/**/*.{svg,png}', 'nodes/**/*.node.json', 'credentials/**/*.{svg,png}', 'nodes/**/*Thread.js'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

exports.build = copyAssets;
exports.default = copyAssets;
