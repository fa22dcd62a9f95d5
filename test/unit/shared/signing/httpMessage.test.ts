import fc from 'fast-check';

import { queryComponent, queryParameter, urlPath, withEncodedQuery, withHeaders, withQueryParameters } from '../../../../nodes/shared/signing/httpMessage';

describe('withQueryParameters', () => {
	it('adds parameters to a URL without a query', () => {
		expect(withQueryParameters('https://x.test/p', [['a', '1 2']])).toBe('https://x.test/p?a=1%202');
	});

	it('keeps other parameters byte for byte and replaces its own', () => {
		expect(withQueryParameters('https://x.test/p?keep=%E4%B8%AD&a=old&b', [['a', 'new']])).toBe('https://x.test/p?keep=%E4%B8%AD&b&a=new');
	});

	it('keeps the fragment at the end', () => {
		expect(withQueryParameters('https://x.test/p#top', [['a', '1']])).toBe('https://x.test/p?a=1#top');
	});
});

describe('withEncodedQuery', () => {
	it('appends the encoded query to a URL without one', () => {
		expect(withEncodedQuery('https://x.test/p', ['a'], 'a=1&b=%20')).toBe('https://x.test/p?a=1&b=%20');
	});

	it('removes the named parameters (in any encoding of the name) and keeps the rest and the fragment', () => {
		expect(withEncodedQuery('https://x.test/p?n%6Fnce=old&keep=1&timestamp=2#f', ['timestamp', 'nonce'], 'timestamp=3&nonce=n')).toBe(
			'https://x.test/p?keep=1&timestamp=3&nonce=n#f',
		);
	});
});

describe('queryParameter', () => {
	it('decodes percent-encoding and + as a space', () => {
		expect(queryParameter('/p?sign=ab%2Bc%3D&q=a+b', 'sign')).toBe('ab+c=');
		expect(queryParameter('/p?sign=ab%2Bc%3D&q=a+b', 'q')).toBe('a b');
	});

	it('returns undefined for an absent parameter', () => {
		expect(queryParameter('/p?a=1', 'b')).toBeUndefined();
	});
});

describe('urlPath', () => {
	it('takes the path of absolute and relative URLs', () => {
		expect(urlPath('https://x.test:8443/a/b?c=1')).toBe('/a/b');
		expect(urlPath('https://x.test')).toBe('/');
		expect(urlPath('/webhook/x?y')).toBe('/webhook/x');
	});
});

describe('withHeaders', () => {
	it('replaces a header given in another case', () => {
		expect(withHeaders({ 'Content-Type': 'a', 'X-Sig': 'old' }, [['x-sig', 'new']])).toEqual({ 'Content-Type': 'a', 'x-sig': 'new' });
	});
});

describe('withQueryParameters with inherited property names', () => {
	it('keeps a parameter called constructor', () => {
		expect(withQueryParameters('/p?constructor=1', [['a', '2']])).toBe('/p?constructor=1&a=2');
	});
});

describe('queryComponent', () => {
	const encodeOrError = (encode: (text: string) => string, text: string): string => {
		try {
			return encode(text);
		} catch (error) {
			return `threw ${(error as Error).name}`;
		}
	};

	it('encodes any text exactly as encodeURIComponent does (lone surrogates included)', () => {
		const anyText = fc.oneof(
			fc.string({ unit: 'binary' }),
			fc.string({ unit: fc.constantFrom(...'aZ09-._~!*\'()%&=+ /?#'.split('')) }),
		);
		fc.assert(fc.property(anyText, (text) => encodeOrError(queryComponent, text) === encodeOrError(encodeURIComponent, text)));
	});

	it('returns unreserved text unchanged', () => {
		expect(queryComponent('Az09-._~')).toBe('Az09-._~');
	});
});
