import { XMLBuilder, XMLParser } from 'fast-xml-parser';

/**
 * SOAP 1.1 envelopes built and read with fast-xml-parser, so user data is only ever element text
 * the library escapes (`<`, `&`, `]]>` included), never spliced into markup. Characters XML 1.0
 * cannot carry at all (most C0 controls) are dropped: a receiver's parser would refuse the whole
 * envelope for them.
 */

export const soapEnvelopeNs = 'http://schemas.xmlsoap.org/soap/envelope/';

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', suppressEmptyNode: false, processEntities: true });

const parser = new XMLParser({ ignoreAttributes: true, removeNSPrefix: true, parseTagValue: false, trimValues: true });

const notXmlCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function xmlText(value: string): string {
	return value.replace(notXmlCharacters, '');
}

export interface SoapCall {
	/** Namespace of the operation element (prefix `web`, as Landray's own examples write it). */
	namespace: string;
	operation: string;
	/** Children of the operation element: element name → text, or nested elements. */
	parts: Record<string, unknown>;
	/** Header entries as they go inside `soapenv:Header` (already shaped for the builder). */
	header?: Record<string, unknown>;
}

function cleaned(value: unknown): unknown {
	if (typeof value === 'string') return xmlText(value);
	if (value !== null && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, inner]) => [key, key.startsWith('@_') ? inner : cleaned(inner)]));
	}
	return value;
}

export function buildSoapEnvelope(call: SoapCall): string {
	return builder.build({
		'?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
		'soapenv:Envelope': {
			'@_xmlns:soapenv': soapEnvelopeNs,
			'@_xmlns:web': call.namespace,
			'soapenv:Header': cleaned(call.header ?? ''),
			'soapenv:Body': { [`web:${call.operation}`]: cleaned(call.parts) },
		},
	}) as string;
}

export type SoapAnswer = { fault: string } | { body: Record<string, unknown> } | { unreadable: string };

/** The Body of a SOAP answer (namespace prefixes removed), its Fault's faultstring, or why it cannot be read. */
export function readSoapEnvelope(text: string): SoapAnswer {
	let document: Record<string, unknown>;
	try {
		document = parser.parse(text, true) as Record<string, unknown>;
	} catch (error) {
		return { unreadable: `the answer is not XML (${(error as Error).message.split('\n')[0]})` };
	}
	const envelope = document.Envelope as Record<string, unknown> | undefined;
	const body = envelope?.Body;
	if (!body || typeof body !== 'object') return { unreadable: 'the answer is not a SOAP envelope with a Body' };
	const fault = (body as Record<string, unknown>).Fault as Record<string, unknown> | undefined;
	if (fault) return { fault: typeof fault.faultstring === 'string' ? fault.faultstring : String(fault.faultstring ?? 'SOAP fault without a faultstring') };
	return { body: body as Record<string, unknown> };
}
