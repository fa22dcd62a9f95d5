import { actionNodeType, successOrFailure } from '../shared/n8nActionNode';
import { properties } from './actions/operation';
import { router } from './actions/router';

export class FormatFields extends actionNodeType({
	displayName: 'Format Fields',
	group: ['transform'],
	// Version 2 adds the ready request by default (Add Ready Request on, no method of its own), so
	// that with defaults Format Fields → (Sign Request →) Send Outbound Message sends exactly the
	// formatted body. Version 1 nodes keep their defaults: n8n saves only values that differ from
	// the default, so changing a default in place would change what saved workflows send.
	version: [1, 2],
	defaultVersion: 2,
	subtitle: '={{ $parameter["mode"] === "envelope" ? "Envelope: " + $parameter["envelope"] : "Typed fields" }}',
	description:
		'Build an outbound message body from typed fields (text, date, money, payee, …) in the shapes Hesi (合思) documents, or a Jiandaoyun, OFS to-do or Standard Webhooks envelope, checking every value',
	...successOrFailure,
	properties,
	execute: router,
}) {}
