'use strict';

const { randomBytes } = require('node:crypto');

/** A 24-hex-char object id, the form of every Sigfox id except device ids (docs/sigfox/api.md#ids). */
function objectId() {
	return randomBytes(12).toString('hex');
}

/**
 * The simulator's whole world, kept in plain Maps and arrays so in-process tests can read it.
 * `reset` empties it in place: holders of `sim.state` keep a live reference.
 */
function createState() {
	const state = {
		group: { id: objectId(), name: 'Simulator group', type: 2, level: 0 },
		contract: { id: objectId(), name: 'Simulator contract' },
		deviceTypes: new Map(),
		devices: new Map(),
		callbacks: new Map(),
		/** deviceMessage records, oldest first. */
		messages: [],
		jobs: new Map(),
		/** Groups created through the API, below `group`. */
		groups: new Map(),
		users: new Map(),
		apiUsers: new Map(),
		/** Settings of the one operator changed through the API, by field. */
		operator: new Map(),
		/** Every callback emission with its attempts, oldest first. */
		deliveries: [],
		/** errorMessages records of callbacks whose retries are exhausted, oldest first. */
		undelivered: [],
		/** device id → { day, count } for the daily downlink quota (docs/sigfox/callbacks.md#downlink-quota). */
		downlinkQuota: new Map(),
		/** pageId token → offset; tokens are opaque to clients (docs/sigfox/api.md#paging). */
		pageTokens: new Map(),
		reset() {
			for (const value of Object.values(state)) {
				if (value instanceof Map) value.clear();
				else if (Array.isArray(value)) value.length = 0;
			}
		},
	};
	return state;
}

module.exports = { createState, objectId };
