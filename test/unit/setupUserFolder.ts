/**
 * Unit tests run trigger nodes, which journal accepted deliveries in n8n's user folder
 * (N8N_USER_FOLDER/.n8n/outbound-messages): point it at a fresh temporary folder for each test file,
 * never at the developer's own ~/.n8n.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'outbound-unit-'));
