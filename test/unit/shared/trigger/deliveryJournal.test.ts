import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { DeliveryJournal, parseJournal, type JournalEntry } from '../../../../nodes/shared/trigger/deliveryJournal';
import { DeliveryMemory, deliveryDigest } from '../../../../nodes/shared/trigger/deliveryMemory';
import { RecentDeliveries } from '../../../../nodes/shared/trigger/recentDeliveries';

const nowMs = Date.UTC(2024, 6, 25, 6, 0, 0);
const now = nowMs / 1000;

const folders: string[] = [];
afterAll(() => {
	for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});

function tempFolder(): string {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'outbound-journal-'));
	folders.push(folder);
	return folder;
}

function entry(n: number, expiresAt = now + 3600): JournalEntry {
	return [deliveryDigest(`delivery-${n}`), expiresAt];
}

const noMemory = { nowMs, maxKeys: 10_000, memory: () => [] };

describe('delivery journal', () => {
	it('reads back what was appended, in order, from a fresh journal (another process, or after a restart)', () => {
		const folder = tempFolder();
		new DeliveryJournal(() => folder).append('wf\u0000Trigger\u0000webhook', [entry(1), entry(2)], noMemory);
		new DeliveryJournal(() => folder).append('wf\u0000Trigger\u0000webhook', [entry(3)], noMemory);
		expect(new DeliveryJournal(() => folder).read('wf\u0000Trigger\u0000webhook', nowMs)).toEqual([entry(1), entry(2), entry(3)]);
	});

	it('keeps one file per node, in the folder it is given, created on the first append', () => {
		const folder = path.join(tempFolder(), 'not', 'there', 'yet');
		const journal = new DeliveryJournal(() => folder);
		expect(journal.read('a', nowMs)).toEqual([]);
		journal.append('a', [entry(1)], noMemory);
		journal.append('b', [entry(2)], noMemory);
		expect(fs.readdirSync(folder)).toHaveLength(2);
		expect(journal.read('a', nowMs)).toEqual([entry(1)]);
		expect(journal.read('b', nowMs)).toEqual([entry(2)]);
		expect(fs.readFileSync(journal.fileOf('a'), 'utf8')).toBe(`${entry(1)[0]}:${entry(1)[1]}\n`);
	});

	it('skips expired keys and torn or foreign lines, and starts a new line after a torn one', () => {
		const folder = tempFolder();
		const journal = new DeliveryJournal(() => folder);
		const file = journal.fileOf('n');
		fs.writeFileSync(file, `${entry(1, now - 1).join(':')}\nnot a line\n${entry(2).join(':')}\n${entry(3)[0].slice(0, 9)}`);
		expect(journal.read('n', nowMs)).toEqual([entry(2)]);
		journal.append('n', [entry(4)], noMemory);
		expect(new DeliveryJournal(() => folder).read('n', nowMs)).toEqual([entry(2), entry(4)]);
	});

	it('stays bounded: past twice the bound plus the slack it is rewritten with the newest unexpired keys of file and memory', () => {
		const folder = tempFolder();
		const journal = new DeliveryJournal(() => folder, 10);
		const memory = new DeliveryMemory();
		const maxKeys = 50;
		for (let n = 0; n < 1000; n++) {
			const remembered = memory.rememberIfNew(`delivery-${n}`, { nowMs: nowMs + n * 1000, windowSeconds: 3600, maxKeys });
			expect(remembered).toBe(true);
			journal.append('n', memory.newest(1), { nowMs: nowMs + n * 1000, maxKeys, memory: () => memory.entries(nowMs + n * 1000) });
			const lines = parseJournal(fs.readFileSync(journal.fileOf('n'), 'utf8'), nowMs).lines;
			expect(lines).toBeLessThanOrEqual(2 * maxKeys + 10);
		}
		// The newest 50 deliveries are all still in the file.
		const kept = new Set(new DeliveryJournal(() => folder).read('n', nowMs + 999_000).map(([digest]) => digest));
		for (let n = 950; n < 1000; n++) expect(kept.has(deliveryDigest(`delivery-${n}`))).toBe(true);
	});

	it('keeps what another process appended when it rewrites the file', () => {
		const folder = tempFolder();
		const mine = new DeliveryJournal(() => folder, 0);
		const theirs = new DeliveryJournal(() => folder, 0);
		theirs.append('n', [entry(100, now + 100)], noMemory);
		mine.read('n', nowMs);
		const memory = [entry(1), entry(2), entry(3)];
		mine.append('n', memory, { nowMs, maxKeys: 1000, memory: () => memory });
		theirs.append('n', [entry(101, now + 5000)], noMemory);
		// Past 2 × maxKeys lines: rewritten with the newest keys of the file (theirs included) and of memory.
		mine.append('n', [entry(4, now + 4000)], { nowMs, maxKeys: 2, memory: () => [...memory, entry(4, now + 4000)] });
		expect(new DeliveryJournal(() => folder).read('n', nowMs)).toEqual([entry(4, now + 4000), entry(101, now + 5000)]);
		expect(fs.readdirSync(folder).filter((name) => name.endsWith('.tmp'))).toEqual([]);
	});

	it('removes, at its first read, journals untouched for a day whose ids all expired, and stale temporary files', () => {
		const folder = tempFolder();
		const writer = new DeliveryJournal(() => folder);
		writer.append('gone', [entry(1, now + 60)], noMemory);
		writer.append('old but live', [entry(2, now + 7 * 86_400)], noMemory);
		writer.append('recent', [entry(3, now + 60)], noMemory);
		const stale = path.join(folder, 'x.log.123.abcd.tmp');
		fs.writeFileSync(stale, 'partial');
		const twoDaysAgo = new Date(nowMs - 2 * 86_400_000);
		for (const file of [writer.fileOf('gone'), writer.fileOf('old but live'), stale]) fs.utimesSync(file, twoDaysAgo, twoDaysAgo);

		// Two days later: 'gone' has expired and was not touched since; 'recent' expired but was touched today.
		fs.utimesSync(writer.fileOf('recent'), new Date(nowMs + 2 * 86_400_000), new Date(nowMs + 2 * 86_400_000));
		const later = nowMs + 2 * 86_400_000;
		const reader = new DeliveryJournal(() => folder);
		expect(reader.read('old but live', later)).toEqual([entry(2, now + 7 * 86_400)]);
		expect(fs.existsSync(writer.fileOf('gone'))).toBe(false);
		expect(fs.existsSync(stale)).toBe(false);
		expect(fs.existsSync(writer.fileOf('recent'))).toBe(true);
		expect(reader.takeFailure(later)).toBeUndefined();
	});

	it('never throws when the folder cannot be written: it reports the failure once a minute', () => {
		const blocker = path.join(tempFolder(), 'a-file');
		fs.writeFileSync(blocker, '');
		const journal = new DeliveryJournal(() => path.join(blocker, 'deliveries'));
		expect(() => journal.append('n', [entry(1)], noMemory)).not.toThrow();
		expect(journal.takeFailure(nowMs)).toMatch(/^could not write .*deliveries.*: ENOTDIR/);
		journal.append('n', [entry(2)], noMemory);
		expect(journal.takeFailure(nowMs + 1000)).toBeUndefined();
		expect(journal.takeFailure(nowMs + 61_000)).toMatch(/could not write/);
		expect(journal.read('n', nowMs)).toEqual([]);
	});
});

describe('recent deliveries with a journal (a restart without a state store)', () => {
	const options = { nowMs, maxKeys: 10_000 };
	const remember = { nowMs, windowSeconds: 86_400, maxKeys: 10_000 };

	it('a restarted process knows the deliveries accepted before, though the static data never had them', () => {
		const folder = tempFolder();
		const before = new RecentDeliveries(1000, 1000, new DeliveryJournal(() => folder));
		for (const id of ['A', 'B']) {
			const memory = before.memoryFor('wf\u0000Trigger\u0000webhook', undefined, options);
			expect(memory.rememberIfNew(id, remember)).toBe(true);
			before.journalEntries('wf\u0000Trigger\u0000webhook', memory.newest(1), options);
		}
		const after = new RecentDeliveries(1000, 1000, new DeliveryJournal(() => folder));
		const memory = after.memoryFor('wf\u0000Trigger\u0000webhook', undefined, options);
		expect(memory.rememberIfNew('A', remember)).toBe(false);
		expect(memory.rememberIfNew('B', remember)).toBe(false);
		expect(memory.rememberIfNew('C', remember)).toBe(true);
		// and writes them to the static data with the next save it takes
		expect(after.takeDueSave('wf\u0000Trigger\u0000webhook', nowMs)?.keys.split(',')).toHaveLength(3);
	});

	it('does not count a save taken while accepting as written: the next request that starts nothing writes again', () => {
		const recent = new RecentDeliveries(1000, 1000);
		recent.memoryFor('n', undefined, options).rememberIfNew('A', remember);
		expect(recent.takeDueSave('n', nowMs, { confirmed: false })).toBeDefined();
		expect(recent.takeDueSave('n', nowMs + 500)).toBeUndefined();
		expect(recent.takeDueSave('n', nowMs + 1000)?.keys).toContain(deliveryDigest('A'));
		expect(recent.takeDueSave('n', nowMs + 2000)).toBeUndefined();
	});
});

describe('delivery journal: deliveries n8n did not start', () => {
	const node = 'wf\u0000Trigger\u0000webhook';

	it('a forgotten delivery (its execution was never stored) is not read back after a restart; accepted again, it is', () => {
		const folder = tempFolder();
		const journal = new DeliveryJournal(() => folder);
		journal.append(node, [entry(1), entry(2)], noMemory);
		journal.forget(node, [entry(1)[0]]);
		expect(new DeliveryJournal(() => folder).read(node, nowMs)).toEqual([entry(2)]);
		journal.append(node, [entry(1, now + 7200)], noMemory);
		expect(new DeliveryJournal(() => folder).read(node, nowMs)).toEqual([entry(2), entry(1, now + 7200)]);
	});

	it('RecentDeliveries.forget takes the delivery out of the memory and the journal: the retry is new', () => {
		const folder = tempFolder();
		const deliveries = new RecentDeliveries(undefined, undefined, new DeliveryJournal(() => folder));
		const options = { nowMs, windowSeconds: 3600, maxKeys: 100 };
		const memory = deliveries.memoryFor(node, undefined, { nowMs, maxKeys: 100 });
		expect(memory.rememberIfNew('delivery-1', options)).toBe(true);
		deliveries.journalEntries(node, memory.newest(1), { nowMs, maxKeys: 100 });
		deliveries.forget(node, [deliveryDigest('delivery-1')]);
		expect(memory.isRemembered('delivery-1', nowMs)).toBe(false);
		expect(new DeliveryJournal(() => folder).read(node, nowMs)).toEqual([]);
		expect(memory.rememberIfNew('delivery-1', options)).toBe(true);
	});
});
