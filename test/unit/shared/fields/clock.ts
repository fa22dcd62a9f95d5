import { createZonedClock } from '../../../../nodes/shared/fields/zonedTime';

/** The format context most tests use: date-only text is read in Asia/Shanghai (UTC+8, no DST). */
export const shanghai = { clock: createZonedClock('Asia/Shanghai') };
export const utc = { clock: createZonedClock('UTC') };
