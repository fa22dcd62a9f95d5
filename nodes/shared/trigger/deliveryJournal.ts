import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The accepted deliveries of each trigger node, on disk: what makes them survive a restart or a
 * crash of n8n (kill -9 right after the answer included) without a shared state store.
 *
 * Why not the workflow's static data alone: n8n 2.41.1 drops what a trigger writes to the static
 * data while handling a request that starts an execution. live-webhooks.js saves the static data
 * after that request only when its `__dataChanged` flag is set, but WorkflowRunner.run() first builds
 * another Workflow on the same static data object (establishContextForPersistence), and n8n-workflow's
 * ObservableObject.create() redefines `__dataChanged` as false on the object it wraps; the execution
 * itself runs on a fresh copy read from the database, which it saves only if it changed it. So only
 * requests that start no execution (refusals, duplicates, unselected events) reach the database: with
 * a steady stream of accepted events, nothing is saved.
 *
 * One append-only file per node (`<digest>:<expiry>\n` lines, 33 bytes each), in n8n's user folder.
 * An accepted delivery's line is written (write(2), synchronously) when n8n has handed its success
 * answer to the operating system (the response's 'finish'), so a delivery whose answer never went out
 * (n8n stopped or killed first) is not remembered and the sender's retry runs; once written it is in
 * the operating system's file cache, which a crash or
 * kill of n8n does not lose (an operating-system crash or power loss can lose the last seconds, as for
 * any file not synced). It is read once per node and process, when the node's memory is created (after
 * a restart), and merged with the static data. Bounded: when a file holds more than twice the node's
 * Remembered Deliveries (plus `slackLines`), it is rewritten with the newest unexpired keys only
 * (written to a temporary file, then renamed over, so a crash leaves either the old or the new file).
 * Processes sharing the folder (queue mode on one host) append to the same file; a rewrite first reads
 * the file again, so it keeps what the others appended. Files of nodes that are gone (renamed, workflow
 * deleted) are removed once every id in them has expired: each process looks at files untouched for a
 * day when it first reads a journal (and removes temporary files a crash left behind). A delivery that
 * n8n answered with a failure after all (it could not store the execution, e.g. while shutting down)
 * is taken back with a tombstone line (`forget`), so the sender's retry runs.
 */
export type JournalEntry = readonly [digest: string, expiresAt: number];

const linePattern = /^[A-Za-z0-9_-]{1,64}:\d{1,12}$/;

interface FileState {
	/** Lines in the file as far as this process knows (read, plus appended since). */
	lines: number;
	/** The file ended without a newline when read (a torn last line): the next append starts one. */
	needsNewline: boolean;
}

export class DeliveryJournal {
	private readonly files = new Map<string, FileState>();

	private failure: string | undefined;

	private failureReportedAt = Number.NEGATIVE_INFINITY;

	private swept = false;

	/**
	 * @param directory where the files live, resolved at each use (n8n's user folder can differ per process)
	 * @param slackLines lines a file may hold beyond twice the node's bound before it is rewritten
	 * @param maxFiles file states remembered; beyond it the oldest are forgotten (re-learned on next read)
	 */
	constructor(
		private readonly directory: () => string,
		private readonly slackLines = 1024,
		private readonly maxFiles = 1000,
	) {}

	fileOf(nodeKey: string): string {
		return path.join(this.directory(), `${createHash('sha256').update(nodeKey, 'utf8').digest('hex').slice(0, 32)}.log`);
	}

	/** The node's unexpired journaled keys, in file order. Empty when there is no file (or it cannot be read). O(lines). */
	read(nodeKey: string, nowMs: number): JournalEntry[] {
		if (!this.swept) {
			this.swept = true;
			this.removeExpiredFiles(nowMs);
		}
		const file = this.fileOf(nodeKey);
		let text: string;
		try {
			text = fs.readFileSync(file, 'utf8');
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.fail(`could not read ${file}: ${(error as Error).message}`);
			this.remember(file, { lines: 0, needsNewline: false });
			return [];
		}
		const { entries, lines } = parseJournal(text, nowMs);
		this.remember(file, { lines, needsNewline: text.length > 0 && !text.endsWith('\n') });
		return entries;
	}

	/**
	 * Appends the keys (synchronously: they are in the file when this returns). When the file then holds
	 * more lines than its bound allows, rewrites it with the newest `maxKeys` unexpired keys of the file
	 * and of `memory` (the node's whole memory). Never throws: a failure is kept for takeFailure().
	 */
	append(
		nodeKey: string,
		entries: readonly JournalEntry[],
		bound: { nowMs: number; maxKeys: number; memory: () => Iterable<JournalEntry> },
	): void {
		if (entries.length === 0) return;
		const file = this.fileOf(nodeKey);
		const state = this.appendLines(file, entries.map(([digest, expiresAt]) => `${digest}:${expiresAt}\n`));
		if (state === undefined) return;
		if (state.lines > 2 * Math.max(1, bound.maxKeys) + this.slackLines) this.rewrite(file, bound);
	}

	/**
	 * Takes deliveries back (their execution was never stored, so the sender's retry must run): appends a
	 * tombstone line `<digest>:0` for each, which makes read() drop the earlier lines of that digest. Never
	 * throws: a failure is kept for takeFailure().
	 */
	forget(nodeKey: string, digests: readonly string[]): void {
		if (digests.length === 0) return;
		this.appendLines(this.fileOf(nodeKey), digests.map((digest) => `${digest}:0\n`));
	}

	/** Appends whole lines (after a newline if a torn last line needs one); the file's state, or undefined on failure. */
	private appendLines(file: string, lines: readonly string[]): FileState | undefined {
		const state = this.files.get(file) ?? { lines: 0, needsNewline: false };
		const text = (state.needsNewline ? '\n' : '') + lines.join('');
		try {
			appendCreatingFolder(file, text);
		} catch (error) {
			this.fail(`could not write ${file}: ${(error as Error).message}`);
			return undefined;
		}
		state.lines += lines.length + (state.needsNewline ? 1 : 0);
		state.needsNewline = false;
		this.remember(file, state);
		return state;
	}

	/**
	 * A message about the latest failure to read or write a journal, at most once a minute (the caller
	 * logs it); undefined when there is none to report.
	 */
	takeFailure(nowMs: number): string | undefined {
		if (this.failure === undefined || nowMs - this.failureReportedAt < 60_000) return undefined;
		const failure = this.failure;
		this.failure = undefined;
		this.failureReportedAt = nowMs;
		return failure;
	}

	private rewrite(file: string, bound: { nowMs: number; maxKeys: number; memory: () => Iterable<JournalEntry> }): void {
		const newest = new Map<string, number>();
		const add = ([digest, expiresAt]: JournalEntry) => {
			const known = newest.get(digest);
			if (known === undefined || expiresAt > known) newest.set(digest, expiresAt);
		};
		let onDisk = '';
		try {
			onDisk = fs.readFileSync(file, 'utf8');
		} catch (error) {
			this.fail(`could not read ${file}: ${(error as Error).message}`);
			return;
		}
		for (const entry of parseJournal(onDisk, bound.nowMs).entries) add(entry);
		for (const entry of bound.memory()) add(entry);
		const now = Math.floor(bound.nowMs / 1000);
		const kept = [...newest]
			.filter(([, expiresAt]) => expiresAt > now)
			.sort((a, b) => a[1] - b[1])
			.slice(-Math.max(1, bound.maxKeys));
		const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
		try {
			fs.writeFileSync(temporary, kept.map(([digest, expiresAt]) => `${digest}:${expiresAt}\n`).join(''));
			fs.renameSync(temporary, file);
		} catch (error) {
			this.fail(`could not rewrite ${file}: ${(error as Error).message}`);
			fs.rmSync(temporary, { force: true });
			return;
		}
		this.remember(file, { lines: kept.length, needsNewline: false });
	}

	/**
	 * Removes journals untouched for a day whose ids have all expired (nodes that are gone), and
	 * temporary files older than a day (a rewrite cut short by a crash). O(size of those files).
	 */
	removeExpiredFiles(nowMs: number): void {
		const folder = this.directory();
		let names: string[];
		try {
			names = fs.readdirSync(folder);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.fail(`could not list ${folder}: ${(error as Error).message}`);
			return;
		}
		const dayAgo = nowMs - 24 * 3600 * 1000;
		for (const name of names) {
			const file = path.join(folder, name);
			try {
				if (!name.endsWith('.log') && !name.endsWith('.tmp')) continue;
				if (fs.statSync(file).mtimeMs >= dayAgo) continue;
				if (name.endsWith('.log') && parseJournal(fs.readFileSync(file, 'utf8'), nowMs).entries.length > 0) continue;
				fs.rmSync(file, { force: true });
				this.files.delete(file);
			} catch (error) {
				this.fail(`could not remove ${file}: ${(error as Error).message}`);
			}
		}
	}

	private remember(file: string, state: FileState): void {
		this.files.delete(file);
		this.files.set(file, state);
		while (this.files.size > this.maxFiles) {
			const oldest = this.files.keys().next().value;
			if (oldest === undefined) break;
			this.files.delete(oldest);
		}
	}

	private fail(message: string): void {
		this.failure = message;
	}
}

/** One write(2) in append mode; the folder is created on the first append that finds it missing. */
function appendCreatingFolder(file: string, text: string): void {
	try {
		fs.appendFileSync(file, text);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
		fs.mkdirSync(path.dirname(file), { recursive: true });
		fs.appendFileSync(file, text);
	}
}

/**
 * The unexpired entries of a journal's text (malformed or torn lines skipped; a tombstone `<digest>:0`
 * drops the lines of its digest before it) and its line count.
 */
export function parseJournal(text: string, nowMs: number): { entries: JournalEntry[]; lines: number } {
	const now = Math.floor(nowMs / 1000);
	const entries: Array<JournalEntry | undefined> = [];
	const at = new Map<string, number[]>();
	let lines = 0;
	for (const line of text.split('\n')) {
		if (line === '') continue;
		lines++;
		if (!linePattern.test(line)) continue;
		const colon = line.indexOf(':');
		const digest = line.slice(0, colon);
		const expiresAt = Number(line.slice(colon + 1));
		if (expiresAt === 0) {
			for (const index of at.get(digest) ?? []) entries[index] = undefined;
			at.delete(digest);
		} else if (expiresAt > now) {
			at.set(digest, [...(at.get(digest) ?? []), entries.length]);
			entries.push([digest, expiresAt]);
		}
	}
	return { entries: entries.filter((entry): entry is JournalEntry => entry !== undefined), lines };
}
