import fs from 'node:fs';
import path from 'node:path';

export const workflowsDir = path.resolve(__dirname, '..', 'workflows');
export const credentialsDir = path.resolve(__dirname, '..', 'credentials');
/**
 * Where globalSetup records how to reach this run's n8n. One file per jest process (named in the
 * environment the test files inherit), so concurrent e2e runs on one machine do not collide.
 */
export const runInfoFile =
	process.env.OUTBOUND_E2E_RUN_INFO ?? path.resolve(__dirname, '..', '.runs', `run-${process.pid}.json`);

export interface RunInfo {
	baseUrl: string;
	port: number;
	userFolder: string;
	email: string;
	password: string;
	apiKey: string;
	cookie: string;
	browserId: string;
	/** Port the tests' local target servers listen on; workflows reach it as `__TARGET_BASE__`. */
	targetPort: number;
	pid: number;
	timings: Record<string, number>;
}

export interface WorkflowFile {
	id: string;
	name: string;
	active?: boolean;
	nodes: Array<Record<string, unknown> & { name: string; type: string; parameters: Record<string, unknown> }>;
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
}

/** Every workflow JSON under test/e2e/workflows/ (each file holds one workflow with a fixed `id`). */
export function loadWorkflows(): WorkflowFile[] {
	return fs
		.readdirSync(workflowsDir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => JSON.parse(fs.readFileSync(path.join(workflowsDir, f), 'utf8')) as WorkflowFile);
}

export function loadWorkflow(id: string): WorkflowFile {
	const wf = loadWorkflows().find((w) => w.id === id);
	if (!wf) throw new Error(`no workflow with id ${id} in ${workflowsDir}`);
	return wf;
}

export interface CredentialFile {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

/** Every credential JSON under test/e2e/credentials/ (test secrets only, in clear; n8n encrypts them on import). */
export function loadCredentials(): CredentialFile[] {
	if (!fs.existsSync(credentialsDir)) return [];
	return fs
		.readdirSync(credentialsDir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => JSON.parse(fs.readFileSync(path.join(credentialsDir, f), 'utf8')) as CredentialFile);
}

export function loadCredential(id: string): CredentialFile {
	const credential = loadCredentials().find((c) => c.id === id);
	if (!credential) throw new Error(`no credential with id ${id} in ${credentialsDir}`);
	return credential;
}
