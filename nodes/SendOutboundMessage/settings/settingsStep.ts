import type { ParameterReader } from '../parameterReader';

/**
 * What each setting group's reader gets: the parameters, the item, and the two checks every group
 * uses. A group module knows its own parameters only; the labels and number limits come from the
 * whole description, which the composer (index.ts) holds, so no group imports the description.
 */

/** Reads one parameter's part of the settings; an unusable value becomes an error naming the parameter by its label. */
export type SettingsStep = <T>(parameter: string, read: () => T) => T;

/** Refuses a number outside the range the editor allows (the description's minValue/maxValue), never clamps it. */
export type LimitedNumber = (parameter: string, value: unknown, advice?: string) => number;

export interface SettingsReading {
	params: ParameterReader;
	index: number;
	step: SettingsStep;
	limitedNumber: LimitedNumber;
}

/** The group's value for one item; called once per run when none of the group's parameters is an expression. */
export type GroupReader<T> = (reading: SettingsReading) => T;

export const secondsToMs = (value: number): number => Math.round(value * 1000);
