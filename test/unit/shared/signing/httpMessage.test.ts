import { queryParameter, urlPath, withHeaders, withQueryParameters } from '../../../../nodes/shared/signing/httpMessage';

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
