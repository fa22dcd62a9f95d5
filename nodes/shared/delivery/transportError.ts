/**
 * What a failed exchange means for the record: undici's and Node's error codes sorted into the
 * record's reasons (timeout, connection error, a request that cannot be sent), with a message
 * saying what happened in words a user can act on.
 */

export type TransportFailureReason = 'timeout' | 'connection_error' | 'invalid_request';

const timeoutCodes = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);
const invalidRequestCodes = new Set([
	'UND_ERR_INVALID_ARG',
	'UND_ERR_NOT_SUPPORTED',
	'ERR_INVALID_URL',
	'ERR_INVALID_ARG_TYPE',
	'ERR_INVALID_ARG_VALUE',
	'ERR_INVALID_CHAR',
	'ERR_INVALID_HTTP_TOKEN',
]);
const tlsCodePattern = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/;

function errorCode(error: unknown): string | undefined {
	const candidates = [error, (error as { cause?: unknown })?.cause, (error as { errors?: unknown[] })?.errors?.[0]];
	for (const candidate of candidates) {
		const code = (candidate as { code?: unknown } | undefined)?.code;
		if (typeof code === 'string' && code !== 'UND_ERR') return code;
	}
	return undefined;
}

function errorMessage(error: unknown): string {
	if (error instanceof AggregateError && error.errors.length > 0) return errorMessage(error.errors[0]);
	return error instanceof Error ? error.message : String(error);
}

/** Sorts a transport error into the record's reasons, with a message that says what happened. */
export function classifyTransportError(
	error: unknown,
	context: { timeoutMs: number; url: URL; headersReceived: boolean },
): { reason: TransportFailureReason; message: string; code?: string } {
	const code = errorCode(error);
	const where = context.url.host;
	if (code !== undefined && timeoutCodes.has(code)) {
		let message: string;
		if (code === 'UND_ERR_CONNECT_TIMEOUT') message = `${where} did not accept a connection within ${context.timeoutMs} ms`;
		else if (context.headersReceived) message = `${where} stopped sending its response body for ${context.timeoutMs} ms`;
		else message = `${where} did not answer within ${context.timeoutMs} ms`;
		return { reason: 'timeout', message, code };
	}
	if (code !== undefined && invalidRequestCodes.has(code)) {
		return { reason: 'invalid_request', message: `The request cannot be sent: ${errorMessage(error)}`, code };
	}
	let message: string;
	if (code === 'ECONNREFUSED') message = `${where} refused the connection: nothing is listening there`;
	else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') message = `The host name ${context.url.hostname} could not be resolved`;
	else if (context.headersReceived) message = `The connection to ${where} closed before the response body was complete (${errorMessage(error)})`;
	else if (code !== undefined && tlsCodePattern.test(code)) {
		message = `The TLS certificate of ${where} was rejected (${errorMessage(error)}). If you trust this target, turn on Options → "Ignore SSL Issues (Insecure)" in the node`;
	} else message = `The connection to ${where} failed: ${errorMessage(error)}`;
	return { reason: 'connection_error', message, code };
}
