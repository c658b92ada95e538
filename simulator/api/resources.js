'use strict';

/**
 * The routes Sigfox serves for one kind of resource: list and create at `path`, get, update and delete
 * at `itemPath`. A resource declares the operations it serves, each with the route fields that differ
 * (operationId, query, body, paging, rate limit) and one hook:
 * - `list.select(ctx)`: the entities to list, in order; each is rendered by `present(entity, state)`;
 * - `create.make(ctx)`: checks the body and makes the entity, stored in `state[collection]`;
 *   `create.answer(entity, state)` renders the 201 body (`{ id }` by default), `create.located` adds a
 *   Location header;
 * - `update.change(entity, ctx)`: checks the body and applies it to the entity `find(state, params)` reads;
 * - `delete.remove(entity, ctx)`: checks and deletes (by default: out of `state[collection]`).
 */
function resourceRoutes({ path, itemPath, collection, find, present, ...operations }) {
	const { list, create, get, update, delete: deletion } = operations;
	const routes = [];
	if (list) {
		const { select, ...fields } = list;
		routes.push({
			method: 'GET',
			path,
			...fields,
			handle(ctx) {
				const items = select(ctx).map((entity) => present(entity, ctx.state));
				// Lists the spec does not page (callbacks) answer all their items at once.
				return { body: fields.paging ? ctx.page(items) : { data: items } };
			},
		});
	}
	if (create) {
		const { make, answer = (entity) => ({ id: entity.id }), located, ...fields } = create;
		routes.push({
			method: 'POST',
			path,
			...fields,
			handle(ctx) {
				const entity = make(ctx);
				ctx.state[collection].set(entity.id, entity);
				const created = { status: 201, body: answer(entity, ctx.state) };
				if (!located) return created;
				// The new entity's id fills the one parameter of itemPath the create path lacks.
				const location = itemPath.replace(/\{(\w+)\}/g, (_, name) => ctx.params[name] ?? entity.id);
				return { ...created, headers: { location: `${ctx.apiUrl}${location}` } };
			},
		});
	}
	if (get) {
		routes.push({
			method: 'GET',
			path: itemPath,
			...get,
			handle({ state, params }) {
				return { body: present(find(state, params), state) };
			},
		});
	}
	if (update) routes.push(changeRoute({ method: 'PUT', path: itemPath, find, ...update }));
	if (deletion) {
		const { remove = (entity, { state }) => state[collection].delete(entity.id), ...fields } =
			deletion;
		routes.push(changeRoute({ method: 'DELETE', path: itemPath, find, change: remove, ...fields }));
	}
	return routes;
}

/** A route that changes the entity `find(state, params)` reads and answers 204 without a body. */
function changeRoute({ find, change, ...fields }) {
	return {
		...fields,
		handle(ctx) {
			change(find(ctx.state, ctx.params), ctx);
			return { status: 204 };
		},
	};
}

/** The `name` filter of Sigfox lists: a case-insensitive part of the name; absent, it keeps all. */
function withName(entities, name) {
	const part = name?.toLowerCase();
	return entities.filter(
		(entity) => part === undefined || entity.name.toLowerCase().includes(part),
	);
}

/** PUT semantics: absent fields stay, explicit nulls unset (docs/sigfox/api.md#put-semantics). */
function applyUpdate(entity, changes) {
	for (const [key, value] of Object.entries(changes)) {
		if (value === null) delete entity[key];
		else entity[key] = value;
	}
}

module.exports = { resourceRoutes, changeRoute, withName, applyUpdate };
