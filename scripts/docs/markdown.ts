/** Markdown pieces the generated pages of docs/ are written with. */

/** Text safe inside a table cell: a pipe would end the cell, a newline the row. */
export function escapeCell(text: string): string {
	return text.replace(/\|/g, '\\|').replace(/\n/g, '\\n');
}

/** Inline code inside a table cell. */
export function code(text: string): string {
	return `\`${escapeCell(text)}\``;
}

export function table(head: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
	return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

export function jsonBlock(value: unknown): string {
	return ['```json', JSON.stringify(value, null, 2), '```'].join('\n');
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes. */
export function anchor(heading: string): string {
	return heading
		.toLowerCase()
		.replace(/[^\p{L}\p{N}\s_-]/gu, '')
		.replace(/\s/g, '-');
}
