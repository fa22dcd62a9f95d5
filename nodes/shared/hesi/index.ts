/**
 * Hesi's (合思) open API as the EBot Callback node uses it: the access token and the EBot callback.
 * Free of n8n types; HTTP goes through the delivery engine.
 */
export * from './accessToken';
export * from './ebotAnswer';
export * from './ebotCallback';
