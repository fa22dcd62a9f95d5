/**
 * Loose checks for contact details (userInfo, Alipay accounts): clear enough to catch a name typed
 * into the email column, loose enough for every real address and number format.
 */

/** something@something.something, no spaces. */
export const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Digits, an optional leading +, spaces or dashes between; 5 to 20 characters. */
export const phonePattern = /^\+?\d[\d\s-]{3,18}\d$/;

export const emailExpectation = 'an email address like 123456@163.com';
export const phoneExpectation = 'a phone number like 13111111111 (digits, optionally a leading + and spaces or dashes)';
