'use strict';

/** How far back messages are kept (docs/sigfox/api.md#messages: a 3-day history). */
const MESSAGE_HISTORY_MS = 3 * 24 * 3600_000;
const timeWindow = { since: 'integer', before: 'integer', limit: 'integer', offset: 'integer' };

/**
 * Time-sorted views of a history array (`state.messages`, `state.undelivered`), kept so that a list
 * request costs a binary search, not a pass over a backlog of 500,000 records. A view is rebuilt when
 * the array changed other than by appending records no older than its newest one (then it grows).
 * `forget(array)` drops the views of an array whose records were changed in place.
 */
const views = new WeakMap();

function viewOf(records) {
	const known = views.get(records);
	const n = records.length;
	if (known && known.first === records[0]) {
		if (known.length === n && known.last === records[n - 1]) return known;
		if (known.length < n && known.last === records[known.length - 1]) {
			const added = records.slice(known.length);
			if (added.every((record, i) => record.time >= (i ? added[i - 1].time : known.maxTime))) {
				for (const record of added) known.sorted.push(record);
				for (const [field, groups] of known.groups) {
					for (const record of added) groupInto(groups, record[field], record);
				}
				Object.assign(known, {
					length: n,
					last: records[n - 1],
					maxTime: added[added.length - 1].time,
				});
				return known;
			}
		}
	}
	// Array#sort is stable: records of the same time keep the order in which they were recorded.
	const sorted = records.slice().sort((a, b) => a.time - b.time);
	const view = {
		length: n,
		first: records[0],
		last: records[n - 1],
		maxTime: n ? sorted[n - 1].time : -Infinity,
		sorted,
		groups: new Map(),
	};
	views.set(records, view);
	return view;
}

function groupInto(groups, key, record) {
	const list = groups.get(key);
	if (list) list.push(record);
	else groups.set(key, [record]);
}

/** The records of `records` whose `field` is `key`, oldest first. */
function recordsWith(records, field, key) {
	const view = viewOf(records);
	let groups = view.groups.get(field);
	if (!groups) {
		groups = new Map();
		for (const record of view.sorted) groupInto(groups, record[field], record);
		view.groups.set(field, groups);
	}
	return groups.get(key) ?? [];
}

function forget(records) {
	views.delete(records);
}

/** The first index of `sorted` (by time) whose time is at least `time`. */
function firstAtOrAfter(sorted, time) {
	let lo = 0;
	let hi = sorted.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (sorted[mid].time < time) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/**
 * One page of the records between `since` and `before`, newest first, as Sigfox pages its message
 * lists (docs/sigfox/api.md#paging): `paging.next` moves `before` down to the time of the page's
 * oldest record instead of counting an offset, so a 3-day backlog of any size can be read to its end
 * (offset stops at 40,000). When records of that same millisecond remain for the next page, `before`
 * is one millisecond later and `offset` skips the ones already given, so nothing is skipped or repeated.
 */
function timePage(sorted, ctx) {
	const { since, before } = ctx.query;
	const { limit, offset } = ctx.bounds();
	const oldest = Date.now() - MESSAGE_HISTORY_MS;
	const from = firstAtOrAfter(sorted, Math.max(since ?? 0, oldest));
	const to = before === undefined ? sorted.length : firstAtOrAfter(sorted, before);
	const top = to - 1 - offset;
	const bottom = Math.max(from, top - limit + 1);
	const data = [];
	for (let i = top; i >= bottom; i--) data.push(sorted[i]);
	const paging = {};
	if (data.length > 0 && bottom > from) {
		const time = sorted[bottom].time;
		const { offset: _given, ...query } = ctx.query;
		if (sorted[bottom - 1].time < time) {
			paging.next = ctx.link({ ...query, limit, before: time });
		} else {
			const givenAtTime = Math.min(firstAtOrAfter(sorted, time + 1), to) - bottom;
			paging.next = ctx.link({ ...query, limit, before: time + 1, offset: givenAtTime });
		}
	}
	return { data, paging };
}

/**
 * A GET list of messages, undelivered callbacks or locations from the history, paged by time as
 * Sigfox does (`timePage`): `records(ctx)` picks them; `present(record, state, query)` renders one.
 */
function historyRoute({ records, present, query = {}, ...fields }) {
	return {
		method: 'GET',
		...fields,
		query: { ...query, ...timeWindow },
		paging: 'offset',
		handle(ctx) {
			const picked = records(ctx);
			const sorted = picked.sorted ?? viewOf(picked).sorted;
			const { data, paging } = timePage(sorted, ctx);
			return {
				body: { data: data.map((record) => present(record, ctx.state, ctx.query)), paging },
			};
		},
	};
}

/** `records(ctx)`: the records of `state[key]` whose `field` is the id of the entity `find(state, params.id)` reads. */
function recordsOf(find, key, field) {
	return ({ state, params }) => {
		const entity = find(state, params.id);
		return { sorted: recordsWith(state[key], field, entity.id) };
	};
}

module.exports = { historyRoute, recordsOf, forget, MESSAGE_HISTORY_MS };
