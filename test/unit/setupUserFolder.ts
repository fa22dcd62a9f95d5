/**
 * Unit tests run trigger nodes, which journal accepted deliveries in n8n's user folder
 * (N8N_USER_FOLDER/.n8n/outbound-messages): point it at a fresh temporary folder for each test file,
 * never at the developer's own ~/.n8n, and remove it afterwards.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'outbound-unit-'));
process.env.N8N_USER_FOLDER = folder;
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));
