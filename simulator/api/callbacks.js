'use strict';

const { string, integer, boolean, stringMap, object, discriminated } = require('./schema');
const { badRequest, notFound, invalidField } = require('./errors');
const { resourceRoutes, changeRoute, applyUpdate } = require('./resources');
const { findDeviceType } = require('./device-types');
const { objectId } = require('../data/state');
const {
	CALLBACK_SUBTYPE,
	CALLBACK_TYPE,
	presentCallback,
	presentUndelivered,
} = require('../data/model');
const { payloadConfigProblem } = require('../callbacks/custom-data');

const SUBTYPES_OF = {
	[CALLBACK_TYPE.DATA]: [CALLBACK_SUBTYPE.UPLINK, CALLBACK_SUBTYPE.BIDIR],
	[CALLBACK_TYPE.SERVICE]: [
		CALLBACK_SUBTYPE.STATUS,
		CALLBACK_SUBTYPE.GEOLOC,
		CALLBACK_SUBTYPE.ACKNOWLEDGE,
		CALLBACK_SUBTYPE.REPEATER,
		CALLBACK_SUBTYPE.DATA_ADVANCED,
	],
};
/** "We forbid all standards header fields except Authorization" (docs/sigfox/callbacks.md#headers). */
const STANDARD_HEADERS = new Set([
	'accept',
	'accept-charset',
	'accept-encoding',
	'accept-language',
	'cache-control',
	'connection',
	'content-encoding',
	'content-length',
	'content-type',
	'cookie',
	'date',
	'expect',
	'from',
	'host',
	'if-match',
	'if-modified-since',
	'if-none-match',
	'if-range',
	'if-unmodified-since',
	'max-forwards',
	'origin',
	'pragma',
	'proxy-authorization',
	'range',
	'referer',
	'te',
	'transfer-encoding',
	'upgrade',
	'user-agent',
	'via',
	'warning',
]);

const common = {
	channel: string(),
	callbackType: integer(),
	callbackSubtype: integer(),
	payloadConfig: string(),
};
const httpMethod = string({ enum: ['GET', 'PUT', 'POST'] });
const urlFields = {
	...common,
	url: string(),
	httpMethod,
	headers: stringMap(),
	sendSni: boolean(),
	bodyTemplate: string(),
};
const batchUrlFields = { ...common, url: string(), httpMethod, linePattern: string() };
const emailFields = { ...common, subject: string(), recipient: string(), message: string() };
const createRequired = ['callbackSubtype', 'callbackType', 'channel'];
const createCallback = discriminated('channel', {
	URL: object({ ...urlFields, contentType: string() }, [...createRequired, 'url', 'httpMethod']),
	BATCH_URL: object(batchUrlFields, [...createRequired, 'url', 'httpMethod']),
	EMAIL: object(emailFields, [...createRequired, 'recipient']),
});
// The update schema of URL callbacks has no contentType (docs/sigfox/api.md#callback-update-schema).
const updateCallback = discriminated('channel', {
	URL: object(urlFields),
	BATCH_URL: object(batchUrlFields),
	EMAIL: object(emailFields),
});

/** The rules of docs/sigfox/api.md#callback-create on a complete callback definition. */
function callbackErrors(callback) {
	const errors = [];
	const reject = (field, message) => errors.push({ type: 'body', field, message });
	const { callbackType, callbackSubtype } = callback;
	if (!Object.values(CALLBACK_TYPE).includes(callbackType))
		reject('callbackType', 'must be 0, 1 or 2');
	else if (SUBTYPES_OF[callbackType] && !SUBTYPES_OF[callbackType].includes(callbackSubtype)) {
		reject('callbackSubtype', 'must be valid against its type');
	}
	if (callbackType === CALLBACK_TYPE.SERVICE && callbackSubtype === CALLBACK_SUBTYPE.GEOLOC) {
		reject(
			'callbackSubtype',
			'GEOLOC callbacks can no longer be created or edited; use DATA_ADVANCED',
		);
	}
	// Creation of STATUS callbacks is disabled from September 2026 (docs/sigfox/callbacks.md#status-deprecation).
	if (callbackType === CALLBACK_TYPE.SERVICE && callbackSubtype === CALLBACK_SUBTYPE.STATUS) {
		reject('callbackSubtype', 'STATUS callbacks can no longer be created');
	}
	const carriesData =
		callbackType === CALLBACK_TYPE.DATA ||
		(callbackType === CALLBACK_TYPE.SERVICE && callbackSubtype === CALLBACK_SUBTYPE.DATA_ADVANCED);
	if (callback.payloadConfig !== undefined && !carriesData) {
		reject('payloadConfig', 'only for DATA and DATA_ADVANCED callbacks');
	} else if (callback.payloadConfig !== undefined) {
		const problem = payloadConfigProblem(callback.payloadConfig);
		if (problem) reject('payloadConfig', problem);
	}
	if (callback.url !== undefined && !/^https?:\/\/[^\s/]+/.test(callback.url))
		reject('url', 'must be an http(s) URL');
	for (const name of Object.keys(callback.headers ?? {})) {
		if (STANDARD_HEADERS.has(name.toLowerCase()))
			reject(`headers.${name}`, 'standard header fields are forbidden');
	}
	return errors;
}

function findCallback(state, deviceTypeId, callbackId) {
	findDeviceType(state, deviceTypeId);
	const callback = state.callbacks.get(callbackId);
	if (!callback || callback.deviceTypeId !== deviceTypeId) throw notFound();
	return callback;
}

const callbackAt = (state, params) => findCallback(state, params.id, params.callbackId);

const callbackRoutes = [
	...resourceRoutes({
		path: '/device-types/{id}/callbacks',
		itemPath: '/device-types/{id}/callbacks/{callbackId}',
		collection: 'callbacks',
		find: callbackAt,
		present: presentCallback,
		list: {
			operationId: 'listCallbacks',
			select({ state, params }) {
				findDeviceType(state, params.id);
				return [...state.callbacks.values()].filter(
					(callback) => callback.deviceTypeId === params.id,
				);
			},
		},
		create: {
			operationId: 'createCallback',
			body: createCallback,
			located: true,
			make({ state, params, body }) {
				findDeviceType(state, params.id);
				const errors = callbackErrors(body);
				if (errors.length) throw badRequest(errors);
				const callback = {
					id: objectId(),
					deviceTypeId: params.id,
					...body,
					enabled: true,
					dead: false,
				};
				if (body.channel === 'URL') callback.downlinkHook = false;
				return callback;
			},
		},
		update: {
			operationId: 'updateCallback',
			body: updateCallback,
			/** A partial update may omit `channel`: the stored callback's channel picks the schema. */
			channelOf: ({ state, params }) => callbackAt(state, params).channel,
			change(callback, { body }) {
				if (body.channel !== undefined && body.channel !== callback.channel) {
					throw invalidField('body', 'channel', 'the channel of a callback cannot be changed');
				}
				const updated = { ...callback };
				applyUpdate(updated, body);
				const errors = callbackErrors(updated);
				for (const field of ['url', 'httpMethod', 'recipient', 'callbackType', 'callbackSubtype']) {
					if (body[field] === null)
						errors.push({ type: 'body', field, message: 'must not be null' });
				}
				if (errors.length) throw badRequest(errors);
				applyUpdate(callback, body);
			},
		},
		delete: { operationId: 'deleteCallback' },
	}),
	changeRoute({
		method: 'PUT',
		path: '/device-types/{id}/callbacks/{callbackId}/enable',
		operationId: 'enableCallback',
		query: { enabled: 'boolean' },
		requiredQuery: ['enabled'],
		find: callbackAt,
		change(callback, { query }) {
			callback.enabled = query.enabled;
		},
	}),
	changeRoute({
		method: 'PUT',
		path: '/device-types/{id}/callbacks/{callbackId}/downlink',
		operationId: 'enableDownlinkCallback',
		find: callbackAt,
		change(selected, { state, params }) {
			if (selected.channel !== 'URL' || selected.callbackSubtype !== CALLBACK_SUBTYPE.BIDIR) {
				throw invalidField(
					'path',
					'callbackId',
					'only a URL DATA/BIDIR callback can be the downlink callback',
				);
			}
			// "The one that was previously selected will no longer be used for downlink" (docs/sigfox/api.md#callback-endpoints).
			for (const callback of state.callbacks.values()) {
				if (callback.deviceTypeId === params.id && callback.channel === 'URL') {
					callback.downlinkHook = callback === selected;
				}
			}
		},
	}),
	{
		method: 'GET',
		path: '/device-types/{id}/callbacks/{callbackId}/callbacks-not-delivered',
		operationId: 'listLastCallbackError',
		query: { since: 'integer', before: 'integer' },
		handle({ state, params, query }) {
			const callback = findCallback(state, params.id, params.callbackId);
			const last = state.undelivered
				.filter((record) => record.callbackId === callback.id)
				.filter(
					(record) =>
						record.time >= (query.since ?? 0) &&
						(query.before === undefined || record.time < query.before),
				)
				.at(-1);
			// The spec answers a single errorMessages object; with no error there is nothing to fill it with.
			return { body: last ? presentUndelivered(last) : {} };
		},
	},
];

module.exports = { callbackRoutes };
