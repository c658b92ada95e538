'use strict';

const { randomBytes } = require('node:crypto');
const { invalidField } = require('./errors');

const DEFAULT_LIMIT = 100;
const MAX_OFFSET = 40_000;
/** Links already handed out; following one is exempt from rate limits (docs/sigfox/api.md#paging). */
const ISSUED_LINKS_KEPT = 10_000;

/**
 * Paging as Sigfox does it (docs/sigfox/api.md#paging): `limit` 1..100, `offset` 0..40000, an absolute
 * `paging.next` that carries every query parameter, absent on the last page. Lists whose spec
 * operation has `pageId` link with an opaque token instead of an offset.
 */
/** `apiUrl` is a function: the port is known only once the server listens. */
function createPaging({ state, apiUrl }) {
	const issuedLinks = new Set();

	function startOf(query, usesPageId) {
		if (usesPageId && query.pageId !== undefined) {
			const offset = state.pageTokens.get(query.pageId);
			if (offset === undefined) throw invalidField('query', 'pageId', 'unknown or expired page id');
			return offset;
		}
		const offset = query.offset ?? 0;
		if (offset < 0 || offset > MAX_OFFSET) {
			throw invalidField('query', 'offset', `must be between 0 and ${MAX_OFFSET}`);
		}
		return offset;
	}

	function limitOf(query) {
		const limit = query.limit ?? DEFAULT_LIMIT;
		if (limit < 1 || limit > 100) throw invalidField('query', 'limit', 'must be between 1 and 100');
		return limit;
	}

	/** An absolute link to `path` with exactly `query`, remembered as handed out. */
	function linkWith(path, query) {
		const url = new URL(apiUrl() + path);
		for (const [name, value] of Object.entries(query)) {
			if (value !== undefined) url.searchParams.set(name, String(value));
		}
		remember(url.pathname + url.search);
		return url.href;
	}

	function linkTo(path, query, start, usesPageId) {
		const url = new URL(apiUrl() + path);
		for (const [name, value] of Object.entries(query)) {
			if (name !== 'offset' && name !== 'pageId') url.searchParams.set(name, String(value));
		}
		if (usesPageId) {
			const token = randomBytes(12).toString('hex');
			state.pageTokens.set(token, start);
			url.searchParams.set('pageId', token);
		} else {
			url.searchParams.set('offset', String(start));
		}
		remember(url.pathname + url.search);
		return url.href;
	}

	function remember(link) {
		issuedLinks.add(link);
		if (issuedLinks.size > ISSUED_LINKS_KEPT) issuedLinks.delete(issuedLinks.values().next().value);
	}

	return {
		/** One page of `items` for a request to `path` (the concrete path, ids filled in). */
		page(items, { path, query, usesPageId }) {
			const limit = limitOf(query);
			const start = startOf(query, usesPageId);
			const data = items.slice(start, start + limit);
			const paging = {};
			if (start + limit < items.length) {
				paging.next = linkTo(path, { ...query, limit }, start + limit, usesPageId);
			}
			return { data, paging };
		},
		/** `limit` and `offset` of a request, checked as for every list (400 outside their bounds). */
		bounds(query) {
			return { limit: limitOf(query), offset: startOf(query, false) };
		},
		link: linkWith,
		isIssuedLink(pathAndQuery) {
			return issuedLinks.has(pathAndQuery);
		},
		reset() {
			issuedLinks.clear();
		},
	};
}

module.exports = { createPaging };
