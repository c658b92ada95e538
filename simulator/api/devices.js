'use strict';

const { string, number, boolean, object, integer } = require('./schema');
const { badRequest, conflict, notFound, invalidField } = require('./errors');
const { RATE_LIMITS } = require('./rate-limits');
const { resourceRoutes, changeRoute, applyUpdate } = require('./resources');
const { historyRoute, recordsOf } = require('./history');
const {
	DEVICE_ID,
	PAC,
	newDevice,
	presentDevice,
	presentMessage,
	presentUndelivered,
} = require('../data/model');

const DEVICE_SORTS = ['id', '-id', 'name', '-name', 'lastCom', '-lastCom'];
const DAY_MS = 24 * 3600_000;
/** The certificates every simulated device carries (docs/sigfox/api.md#certificates). */
const MODEM_CERTIFICATE = {
	id: '5a0c8e1a2b3c4d5e6f700001',
	key: 'M_0020_A2F7_01',
	name: 'Simulated modem',
	status: 1,
};
const PRODUCT_CERTIFICATE = {
	id: '5a0c8e1a2b3c4d5e6f700002',
	key: 'P_0003_71CF_01',
	name: 'Simulated product',
	status: 1,
};
const MANUFACTURER = { id: '5a0c8e1a2b3c4d5e6f700003', name: 'Simulated manufacturer' };

const productCertificate = object({ key: string() });
const singleDeviceFields = {
	activable: boolean(),
	automaticRenewal: boolean(),
	lat: number(),
	lng: number(),
	productCertificate,
	prototype: boolean(),
};
const deviceCreationJob = object(
	{
		id: string(),
		name: string({ maxLength: 100 }),
		...singleDeviceFields,
		deviceTypeId: string(),
		pac: string(),
	},
	['id', 'name', 'deviceTypeId', 'pac'],
);
const deviceUpdateJob = object({ ...singleDeviceFields, name: string({ maxLength: 100 }) });
const tokenUnsubscribe = object({ unsubscriptionTime: integer() });

function findDevice(state, id) {
	const device = state.devices.get(id.toUpperCase());
	if (!device) throw notFound();
	return device;
}

/** Location errors for `lat`/`lng` fields at `path` (docs/sigfox/api.md#device-create). */
function locationErrors(fields, path = '') {
	const errors = [];
	if (fields.lat != null && Math.abs(fields.lat) > 90) {
		errors.push({ type: 'body', field: `${path}lat`, message: 'must be between -90 and 90' });
	}
	if (fields.lng != null && Math.abs(fields.lng) > 180) {
		errors.push({ type: 'body', field: `${path}lng`, message: 'must be between -180 and 180' });
	}
	return errors;
}

const deviceAt = (state, params) => findDevice(state, params.id);
const messagesOfDevice = recordsOf(findDevice, 'messages', 'device');

/** Sequence-number disengage: the simulator does not check sequence numbers, so there is nothing to disengage. */
function disengageRoute(fields) {
	return changeRoute({ ...fields, change() {} });
}

function compareBy(sort) {
	const key = sort.replace(/^-/, '');
	const direction = sort.startsWith('-') ? -1 : 1;
	return (a, b) => {
		const left = a[key] ?? '';
		const right = b[key] ?? '';
		return (left < right ? -1 : left > right ? 1 : 0) * direction;
	};
}

const deviceRoutes = [
	{
		method: 'GET',
		path: '/devices/',
		operationId: 'listDevices',
		query: {
			id: 'string',
			deviceTypeId: 'string',
			sort: 'string',
			limit: 'integer',
			offset: 'integer',
			pageId: 'string',
		},
		paging: 'pageId',
		rateLimit: RATE_LIMITS.deviceList,
		handle({ state, query, page }) {
			const sort = query.sort ?? 'name';
			if (!DEVICE_SORTS.includes(sort)) {
				throw invalidField('query', 'sort', `must be one of ${DEVICE_SORTS.join(', ')}`);
			}
			const devices = [...state.devices.values()]
				.filter((device) => query.id === undefined || device.id === query.id.toUpperCase())
				.filter(
					(device) =>
						query.deviceTypeId === undefined || device.deviceTypeId === query.deviceTypeId,
				)
				.sort(compareBy(sort));
			// Only the page is presented: a fleet of 100,000 devices would otherwise cost ~1 s a page.
			const { data, paging } = page(devices);
			return { body: { data: data.map((device) => presentDevice(device, state)), paging } };
		},
	},
	...resourceRoutes({
		path: '/devices/',
		itemPath: '/devices/{id}',
		collection: 'devices',
		find: deviceAt,
		present: presentDevice,
		create: {
			operationId: 'createDevice',
			body: deviceCreationJob,
			located: true,
			make({ state, body, login }) {
				const errors = locationErrors(body);
				if (!DEVICE_ID.test(body.id))
					errors.push({ type: 'body', field: 'id', message: 'must be 1 to 8 hex characters' });
				if (!PAC.test(body.pac))
					errors.push({ type: 'body', field: 'pac', message: 'must be 16 hex characters' });
				if (!state.deviceTypes.has(body.deviceTypeId)) {
					errors.push({ type: 'body', field: 'deviceTypeId', message: 'unknown device type' });
				}
				if (errors.length) throw badRequest(errors);
				const id = body.id.toUpperCase();
				if (state.devices.has(id)) throw conflict(`Device ${id} already exists.`);
				return newDevice({ ...body, id }, { createdBy: login });
			},
		},
		get: { operationId: 'getDevice' },
		update: {
			operationId: 'updateDevice',
			body: deviceUpdateJob,
			rateLimit: RATE_LIMITS.deviceEdit,
			change(device, { body, login }) {
				const errors = locationErrors(body);
				if (body.name === null)
					errors.push({ type: 'body', field: 'name', message: 'must not be null' });
				if (errors.length) throw badRequest(errors);
				applyUpdate(device, { ...body, lastEditionTime: Date.now(), lastEditedBy: login });
			},
		},
		delete: { operationId: 'deleteDevice', rateLimit: RATE_LIMITS.deviceEdit },
	}),
	historyRoute({
		path: '/devices/{id}/messages',
		operationId: 'getDeviceMessagesListForDevice',
		rateLimit: RATE_LIMITS.deviceMessages,
		records: messagesOfDevice,
		present: presentMessage,
		query: { fields: 'string' },
	}),
	historyRoute({
		path: '/devices/{id}/callbacks-not-delivered',
		operationId: 'getCallbackMessagesErrorListForDevice',
		records: recordsOf(findDevice, 'undelivered', 'deviceId'),
		present: presentUndelivered,
	}),
	{
		method: 'GET',
		path: '/devices/{id}/messages/metric',
		handle({ state, params }) {
			const device = findDevice(state, params.id);
			const now = Date.now();
			const count = (ms) =>
				state.messages.filter((m) => m.device === device.id && m.time > now - ms).length;
			return {
				body: {
					lastDay: count(DAY_MS),
					lastWeek: count(7 * DAY_MS),
					lastMonth: count(30 * DAY_MS),
				},
			};
		},
	},
	historyRoute({
		path: '/devices/{id}/locations',
		operationId: 'getDeviceLocationsList',
		query: { oob: 'boolean' },
		records(ctx) {
			const messages = messagesOfDevice(ctx);
			return ctx.query.oob ? [] : messages;
		},
		// Network geolocation: the position of the station that heard the frame best (source 2, docs/sigfox/api.md#location-source).
		present(message) {
			const best = [...message.receptions].sort((a, b) => b.rssi - a.rssi)[0];
			return {
				lat: Number(best.station.lat),
				lng: Number(best.station.lng),
				radius: 5000,
				source: 2,
				time: message.time,
				valid: true,
			};
		},
	}),
	{
		method: 'GET',
		path: '/devices/{id}/certificate/modem',
		operationId: 'getModemCertificateInfo',
		handle({ state, params }) {
			findDevice(state, params.id);
			return { body: { ...MODEM_CERTIFICATE, manufacturer: MANUFACTURER } };
		},
	},
	{
		method: 'GET',
		path: '/devices/{id}/certificate/product',
		operationId: 'getProductCertificateInfo',
		handle({ state, params }) {
			const device = findDevice(state, params.id);
			if (!device.productCertificate) throw notFound();
			return {
				body: {
					...PRODUCT_CERTIFICATE,
					key: device.productCertificate.key,
					manufacturer: MANUFACTURER,
				},
			};
		},
	},
	{
		method: 'GET',
		path: '/devices/{id}/product-certificate',
		operationId: 'getProductCertificateInfoWithPac',
		query: { pac: 'string' },
		requiredQuery: ['pac'],
		handle({ state, params, query }) {
			// Only for devices not registered yet (docs/sigfox/api.md#device-create): any well-formed ID and PAC pair.
			if (!DEVICE_ID.test(params.id))
				throw invalidField('path', 'id', 'must be 1 to 8 hex characters');
			if (!PAC.test(query.pac)) throw invalidField('query', 'pac', 'must be 16 hex characters');
			if (state.devices.has(params.id.toUpperCase())) throw notFound();
			return { body: { ...PRODUCT_CERTIFICATE, manufacturer: MANUFACTURER, devKit: false } };
		},
	},
	...['/devices/{id}/consumption/{year}', '/devices/{id}/consumption/{year}/{month}'].map(
		(path) => ({
			method: 'GET',
			path,
			handle({ state, params }) {
				const device = findDevice(state, params.id);
				const year = Number(params.year);
				const month = params.month === undefined ? undefined : Number(params.month);
				if (!Number.isInteger(year)) throw invalidField('path', 'year', 'must be an integer');
				if (month !== undefined && !(Number.isInteger(month) && month >= 1 && month <= 12)) {
					throw invalidField('path', 'month', 'must be 1 to 12');
				}
				const from = Date.UTC(year, month === undefined ? 0 : month - 1, 1);
				const to = month === undefined ? Date.UTC(year + 1, 0, 1) : Date.UTC(year, month, 1);
				const days = Array.from({ length: Math.round((to - from) / DAY_MS) }, (_, day) => {
					const start = from + day * DAY_MS;
					const frameCount = state.messages.filter(
						(m) => m.device === device.id && m.time >= start && m.time < start + DAY_MS,
					).length;
					return {
						frameCount,
						downlinkFrameCount: 0,
						roamingFrameCount: 0,
						roamingDownlinkFrameCount: 0,
						roamingDetails: [],
					};
				});
				return {
					body: {
						id: `${device.id}_${year}${month === undefined ? '' : `_${month}`}`,
						deviceConsumptions: days,
					},
				};
			},
		}),
	),
	disengageRoute({
		method: 'POST',
		path: '/devices/{id}/disengage',
		operationId: 'deviceSeqNumberDisengage',
		find: deviceAt,
	}),
	changeRoute({
		method: 'PUT',
		path: '/devices/{id}/unsubscribe',
		operationId: 'Unsubscribe',
		body: tokenUnsubscribe,
		find: deviceAt,
		change(device, { body }) {
			device.unsubscriptionTime = body.unsubscriptionTime ?? Date.now();
		},
	}),
];

module.exports = {
	deviceRoutes,
	disengageRoute,
	locationErrors,
	productCertificate,
	singleDeviceFields,
};
