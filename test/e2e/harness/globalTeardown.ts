import fs from 'node:fs';

import { runInfoFile } from './workflows';

export default async function globalTeardown(): Promise<void> {
	const n8n = (globalThis as unknown as { __n8n?: { stop(): Promise<void>; userFolder: string } }).__n8n;
	if (n8n) {
		await n8n.stop();
		if (!process.env.E2E_KEEP) fs.rmSync(n8n.userFolder, { recursive: true, force: true });
	}
	fs.rmSync(runInfoFile, { force: true });
}
