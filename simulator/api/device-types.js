'use strict';

const { string, integer, boolean, object } = require('./schema');
const { badRequest, notFound } = require('./errors');
const { resourceRoutes, withName, applyUpdate } = require('./resources');
const { historyRoute, recordsOf } = require('./history');
const { disengageRoute } = require('./devices');
const { payloadConfigProblem } = require('../callbacks/custom-data');
const {
	DOWNLINK_DATA,
	newDeviceType,
	presentDeviceType,
	presentMessage,
	presentUndelivered,
} = require('../data/model');

/** Enums of docs/sigfox/api.md#device-type-enums. */
const DOWNLINK_MODES = [0, 1, 2, 3];
const PAYLOAD_TYPES = [2, 3, 4, 5, 9];
const PAYLOAD_TYPE_CUSTOM = 3;

const baseDeviceType = {
	name: string({ maxLength: 100 }),
	description: string({ maxLength: 300 }),
	downlinkMode: integer(),
	downlinkDataString: string(),
	payloadType: integer(),
	payloadConfig: string(),
	keepAlive: integer({ minimum: 0 }),
	alertEmail: string({ maxLength: 250 }),
	automaticRenewal: boolean(),
};
const deviceTypeCreate = object(
	{ ...baseDeviceType, groupId: string(), geolocPayloadConfigId: string() },
	['name', 'description', 'groupId', 'geolocPayloadConfigId', 'downlinkMode', 'payloadType'],
);
const deviceTypeUpdate = object({ ...baseDeviceType, geolocPayloadConfigId: string() });

/** The rules of docs/sigfox/api.md#device-types on a complete device type. */
function deviceTypeErrors(deviceType) {
	const errors = [];
	const reject = (field, message) => errors.push({ type: 'body', field, message });
	if (!DOWNLINK_MODES.includes(deviceType.downlinkMode))
		reject('downlinkMode', 'must be 0, 1, 2 or 3');
	if (!PAYLOAD_TYPES.includes(deviceType.payloadType))
		reject('payloadType', 'must be 2, 3, 4, 5 or 9');
	if (deviceType.payloadType === PAYLOAD_TYPE_CUSTOM && !deviceType.payloadConfig) {
		reject('payloadConfig', 'is required when the payload type is Custom (3)');
	} else if (deviceType.payloadType === PAYLOAD_TYPE_CUSTOM) {
		const problem = payloadConfigProblem(deviceType.payloadConfig);
		if (problem) reject('payloadConfig', problem);
	}
	if (deviceType.keepAlive > 0 && deviceType.keepAlive < 1800)
		reject('keepAlive', 'must be 0 or at least 1800 seconds');
	if (
		deviceType.downlinkDataString !== undefined &&
		!DOWNLINK_DATA.test(deviceType.downlinkDataString)
	) {
		reject(
			'downlinkDataString',
			'must be an 8 byte length message given in hexadecimal string format',
		);
	}
	if (deviceType.alertEmail !== undefined && !/^[^@\s]+@[^@\s]+$/.test(deviceType.alertEmail)) {
		reject('alertEmail', 'must be an e-mail address');
	}
	return errors;
}

function findDeviceType(state, id) {
	const deviceType = state.deviceTypes.get(id);
	if (!deviceType) throw notFound();
	return deviceType;
}

function findByProject(state, projectId) {
	const deviceType = [...state.deviceTypes.values()].find(
		(candidate) => candidate.projectId === projectId,
	);
	if (!deviceType) throw notFound();
	return deviceType;
}

function deleteDeviceType(deviceType, { state }) {
	if ([...state.devices.values()].some((device) => device.deviceTypeId === deviceType.id)) {
		throw badRequest([{ type: 'path', field: 'id', message: 'the device type still has devices' }]);
	}
	state.deviceTypes.delete(deviceType.id);
	for (const callback of state.callbacks.values()) {
		if (callback.deviceTypeId === deviceType.id) state.callbacks.delete(callback.id);
	}
}

const deviceTypeAt = (state, params) => findDeviceType(state, params.id);

const deviceTypeRoutes = [
	...resourceRoutes({
		path: '/device-types/',
		itemPath: '/device-types/{id}',
		collection: 'deviceTypes',
		find: deviceTypeAt,
		present: presentDeviceType,
		list: {
			operationId: 'listDeviceTypes',
			query: { name: 'string', limit: 'integer', offset: 'integer', pageId: 'string' },
			paging: 'pageId',
			select: ({ state, query }) => withName([...state.deviceTypes.values()], query.name),
		},
		create: {
			operationId: 'createDeviceType',
			body: deviceTypeCreate,
			located: true,
			make({ state, body, login }) {
				const errors = deviceTypeErrors(body);
				if (body.groupId !== state.group.id)
					errors.push({ type: 'body', field: 'groupId', message: 'unknown group' });
				if (errors.length) throw badRequest(errors);
				return newDeviceType(body, { createdBy: login });
			},
		},
		get: { operationId: 'getDeviceType' },
		update: {
			operationId: 'updateDeviceType',
			body: deviceTypeUpdate,
			change(deviceType, { body, login }) {
				const updated = { ...deviceType };
				applyUpdate(updated, body);
				const errors = deviceTypeErrors(updated);
				for (const field of ['name', 'downlinkMode', 'payloadType']) {
					if (body[field] === null)
						errors.push({ type: 'body', field, message: 'must not be null' });
				}
				if (errors.length) throw badRequest(errors);
				applyUpdate(deviceType, { ...body, lastEditionTime: Date.now(), lastEditedBy: login });
			},
		},
		delete: { operationId: 'deviceTypesDelete', remove: deleteDeviceType },
	}),
	...resourceRoutes({
		itemPath: '/device-types/project-id:{id}',
		find: (state, params) => findByProject(state, params.id),
		present: presentDeviceType,
		get: { operationId: 'getDeviceTypeFromProject' },
		delete: { operationId: 'deviceTypesDeleteByProject', remove: deleteDeviceType },
	}),
	disengageRoute({
		method: 'PUT',
		path: '/device-types/{id}/disengage',
		operationId: 'deviceTypesSeqNumberDisengage',
		find: deviceTypeAt,
	}),
	historyRoute({
		path: '/device-types/{id}/messages',
		operationId: 'getDeviceMessagesListForDeviceType',
		records: recordsOf(findDeviceType, 'messages', 'deviceTypeId'),
		present: presentMessage,
		query: { fields: 'string' },
	}),
	historyRoute({
		path: '/device-types/{id}/callbacks-not-delivered',
		operationId: 'getCallbackMessagesErrorListForDeviceType',
		records: recordsOf(findDeviceType, 'undelivered', 'deviceTypeId'),
		present: presentUndelivered,
	}),
];

module.exports = { deviceTypeRoutes, findDeviceType, deviceTypeErrors };
