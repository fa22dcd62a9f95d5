// Lets a plain Node process (the store tests' claimWorker.js, npm run docs) load modules from their
// TypeScript sources, as jest's ts-jest does in the test process: each .ts file is transpiled to
// CommonJS on require. No type checking (the typecheck script does that).
const fs = require('node:fs');
const ts = require('typescript');

require.extensions['.ts'] = (module, filename) => {
	const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
		compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
		fileName: filename,
	});
	module._compile(outputText, filename);
};
