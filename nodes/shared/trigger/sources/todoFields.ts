import { z } from 'zod';

/**
 * The field types of both to-do shapes (OFS and E10). Their fields are strings; some OA builds send
 * numbers for ids and flags, which we accept, if finite (JSON's `1e400` reads as Infinity, which an
 * execution would store as null).
 */
export const field = z.union([z.string(), z.number().finite()]);
export const required = z.union([z.string().min(1), z.number().finite()]);

/** A string or number field as text. */
export function asText(value: unknown): string | undefined {
	if (typeof value === 'string') return value;
	if (typeof value === 'number') return String(value);
	return undefined;
}
