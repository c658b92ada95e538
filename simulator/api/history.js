'use strict';

/** How far back messages are kept (docs/sigfox/api.md#messages: a 3-day history). */
const MESSAGE_HISTORY_MS = 3 * 24 * 3600_000;
const timeWindow = { since: 'integer', before: 'integer', limit: 'integer', offset: 'integer' };

/** The records of the history between `since` and `before`, newest first. */
function inWindow(records, { since, before }) {
	const oldest = Date.now() - MESSAGE_HISTORY_MS;
	return records
		.filter(
			(record) =>
				record.time >= Math.max(since ?? 0, oldest) &&
				(before === undefined || record.time < before),
		)
		.reverse();
}

/**
 * A GET list of messages, undelivered callbacks or locations from the history, paged by offset:
 * `records(ctx)` picks them, oldest first; `present(record, state, query)` renders one.
 */
function historyRoute({ records, present, query = {}, ...fields }) {
	return {
		method: 'GET',
		...fields,
		query: { ...query, ...timeWindow },
		paging: 'offset',
		handle(ctx) {
			const window = inWindow(records(ctx), ctx.query);
			return { body: ctx.page(window.map((record) => present(record, ctx.state, ctx.query))) };
		},
	};
}

/** `records(ctx)`: the records of `state[key]` whose `field` is the id of the entity `find(state, params.id)` reads. */
function recordsOf(find, key, field) {
	return ({ state, params }) => {
		const entity = find(state, params.id);
		return state[key].filter((record) => record[field] === entity.id);
	};
}

module.exports = { historyRoute, recordsOf };
