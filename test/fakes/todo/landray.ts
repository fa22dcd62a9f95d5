import { XMLParser } from 'fast-xml-parser';

import { type Answer, type FakeServer, startFakeServer } from './fakeServer';

/**
 * Landray EKP ISysNotifyTodoWebService fake at `/sys/webservice/sysNotifyTodoWebService`: parses
 * the SOAP 1.1 envelope with fast-xml-parser (as the WSDL shapes it: operation element in
 * `http://webservice.notify.sys.kmss.landray.com/`, one unqualified `<arg0>`), records the parsed
 * call, checks the optional `RequestSOAPHeader` user / password, and answers like CXF:
 * `<ns2:{op}Response><return><message/><returnState>2</returnState></return>`. `failWith` answers
 * returnState 0 (not sent) or 1 (failed) with a message, or a SOAP fault (HTTP 500, faultstring).
 * `?wsdl` serves the service's WSDL.
 */

export const landrayNs = 'http://webservice.notify.sys.kmss.landray.com/';
const operations = ['sendTodo', 'setTodoDone', 'deleteTodo', 'updateTodo', 'getTodo'];

export interface LandrayCall {
	operation: string;
	arg0: Record<string, string>;
	header?: { user?: string; password?: string };
}

export interface LandrayFake extends FakeServer {
	calls: LandrayCall[];
	failWith(failure: 'notSent' | 'failed' | 'fault' | undefined, message?: string): void;
}

const parser = new XMLParser({ ignoreAttributes: false, removeNSPrefix: true, parseTagValue: false, trimValues: false });

function escape(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function envelope(inner: string): string {
	return `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>${inner}</soap:Body></soap:Envelope>`;
}

function fault(message: string): Answer {
	return { status: 500, contentType: 'text/xml;charset=UTF-8', body: envelope(`<soap:Fault><faultcode>soap:Server</faultcode><faultstring>${escape(message)}</faultstring></soap:Fault>`) };
}

function result(operation: string, state: number, message: string): Answer {
	return {
		status: 200,
		contentType: 'text/xml;charset=UTF-8',
		body: envelope(`<ns2:${operation}Response xmlns:ns2="${landrayNs}"><return><message>${escape(message)}</message><returnState>${state}</returnState></return></ns2:${operation}Response>`),
	};
}

const wsdl = `<?xml version="1.0" encoding="UTF-8"?><wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:tns="${landrayNs}" name="ISysNotifyTodoWebServiceService" targetNamespace="${landrayNs}">${operations
	.map((name) => `<wsdl:message name="${name}"><wsdl:part element="tns:${name}" name="parameters"/></wsdl:message>`)
	.join('')}</wsdl:definitions>`;

export async function startLandrayFake(options: { user?: string; password?: string } = {}): Promise<LandrayFake> {
	let failure: 'notSent' | 'failed' | 'fault' | undefined;
	let failureMessage = '';
	const calls: LandrayCall[] = [];

	const fake = await startFakeServer((request) => {
		if (request.path !== '/sys/webservice/sysNotifyTodoWebService') return { status: 404, body: 'Not Found' };
		if (request.method === 'GET' && 'wsdl' in request.query) return { status: 200, contentType: 'text/xml', body: wsdl };
		if (request.method !== 'POST') return { status: 405, body: 'Method Not Allowed' };
		let document: Record<string, any>;
		try {
			document = parser.parse(request.text, true) as Record<string, any>;
		} catch (error) {
			return fault(`Unmarshalling Error: ${(error as Error).message.split('\n')[0]}`);
		}
		const body = document.Envelope?.Body as Record<string, any> | undefined;
		const operation = body ? Object.keys(body).find((name) => operations.includes(name)) : undefined;
		if (!body || !operation) return fault('No such operation');
		// The operation element must be in the service's namespace, whatever prefix binds it.
		const prefix = new RegExp(`<(?:([A-Za-z][\\w.-]*):)?${operation}[\\s>]`).exec(request.text)?.[1];
		const binding = prefix ? new RegExp(`xmlns:${prefix}="([^"]*)"`).exec(request.text)?.[1] : /xmlns="([^"]*)"/.exec(request.text)?.[1];
		if (binding !== landrayNs) return fault(`Unexpected wrapper element {${binding ?? ''}}${operation}`);
		const arg0 = body[operation].arg0 as Record<string, string> | undefined;
		if (!arg0 || typeof arg0 !== 'object') return fault('arg0 is missing');
		const soapHeader = document.Envelope?.Header?.RequestSOAPHeader as Record<string, string> | undefined;
		const call: LandrayCall = { operation, arg0, ...(soapHeader ? { header: { user: soapHeader.user, password: soapHeader.password } } : {}) };
		calls.push(call);
		if (options.user !== undefined && (soapHeader?.user !== options.user || soapHeader?.password !== options.password)) {
			return fault('Authentication failed: user or password is wrong');
		}
		if (failure === 'fault') return fault(failureMessage);
		if (failure === 'notSent') return result(operation, 0, failureMessage);
		if (failure === 'failed') return result(operation, 1, failureMessage);
		return result(operation, 2, '');
	});
	return Object.assign(fake, {
		calls,
		failWith(next: 'notSent' | 'failed' | 'fault' | undefined, message = '') {
			failure = next;
			failureMessage = message;
		},
	});
}
