/**
 * The seed's limits (seed 000: 重试次数 0-3, 网络间隔时长 0-10 s) are named once, in
 * nodes/shared/delivery/retryPolicy.ts; the node's description and reader use the constants, and the
 * user documentation must state the same numbers.
 */
import fs from 'node:fs';
import path from 'node:path';

import { seedIntervalLimitSeconds, seedRetryLimit } from '../../../nodes/shared/delivery';
import { sendOutboundMessageProperties } from '../../../nodes/SendOutboundMessage/description';

const doc = fs.readFileSync(path.resolve(__dirname, '../../../docs/send-outbound-message.md'), 'utf8');

describe("the seed's retry limits", () => {
	it('are the ones the documentation names for Hesi', () => {
		expect(doc).toContain(`| 重试次数 0-${seedRetryLimit} |`);
		expect(doc).toContain(`(Hesi: 0-${seedRetryLimit})`);
		expect(doc).toContain(`| 网络间隔时长 0 or 1-${seedIntervalLimitSeconds} s |`);
		expect(doc).toContain(`| Interval (Seconds) | 0-${seedIntervalLimitSeconds} in steps of 0.1 s.`);
	});

	it('bound the Interval field and are named in the Retries description', () => {
		const interval = sendOutboundMessageProperties.find((property) => property.name === 'retryInterval');
		expect(interval?.typeOptions?.maxValue).toBe(seedIntervalLimitSeconds);
		const retries = sendOutboundMessageProperties.find((property) => property.name === 'retries');
		expect(retries?.description).toContain(`Hesi offers 0 to ${seedRetryLimit}`);
	});
});
