'use strict';

const { objectId } = require('./state');

/**
 * Entities as the simulator stores them, and their API read models (docs/sigfox/api.md#device-read-model, #messages, #callbacks, #device-types).
 * A property without value is absent from a read model, as in Sigfox's GET answers (docs/sigfox/api.md#put-semantics).
 */

const DEVICE_STATE = { OK: 0, SUSPENDED: 6 };
/** Device ids are up to 4 bytes of hex; Sigfox shows them upper-case (docs/sigfox/api.md#ids). */
const DEVICE_ID = /^[0-9A-F]{1,8}$/i;
const PAC = /^[0-9A-F]{16}$/i;
/** A downlink is exactly 8 bytes (docs/sigfox/callbacks.md#bidir-answer). */
const DOWNLINK_DATA = /^[0-9A-F]{16}$/i;
/** Uplink payloads are 0 to 12 bytes (docs/sigfox/callbacks.md#key-numbers). */
const UPLINK_DATA = /^([0-9A-F]{2}){0,12}$/i;
const COM_STATE = { NO: 0, OK: 1, RED: 3, NOT_APPLICABLE: 4, NOT_SEEN: 5 };
const TOKEN_YEAR_MS = 365 * 24 * 3600_000;

/** Base stations the simulated network "receives" on: id (4 hex), name, position. */
const BASE_STATIONS = [
	{ id: '1A2B', name: 'Sim station North', lat: '43.61', lng: '1.44' },
	{ id: '3C4D', name: 'Sim station East', lat: '43.58', lng: '1.49' },
	{ id: '5E6F', name: 'Sim station West', lat: '43.60', lng: '1.38' },
];

function compact(value) {
	return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined));
}

function newDeviceType(fields, { createdBy }) {
	const now = Date.now();
	return {
		id: objectId(),
		// Project ids are set by Sigfox's portal; the simulator gives every device type one.
		projectId: objectId(),
		description: '',
		downlinkMode: 2,
		payloadType: 2,
		keepAlive: 0,
		automaticRenewal: true,
		...fields,
		creationTime: now,
		createdBy,
		lastEditionTime: now,
		lastEditedBy: createdBy,
	};
}

function presentDeviceType(deviceType, state) {
	const { groupId, geolocPayloadConfigId, ...fields } = deviceType;
	return compact({
		...fields,
		group: { ...state.group },
		contract: { ...state.contract },
		contracts: [{ ...state.contract }],
		geolocPayloadConfig:
			geolocPayloadConfigId === undefined ? undefined : { id: geolocPayloadConfigId },
	});
}

function newDevice(fields, { createdBy }) {
	const now = Date.now();
	return {
		prototype: false,
		activable: true,
		automaticRenewal: true,
		lat: 0,
		lng: 0,
		...fields,
		state: DEVICE_STATE.OK,
		creationTime: now,
		activationTime: now,
		tokenEnd: now + TOKEN_YEAR_MS,
		createdBy,
		lastEditionTime: now,
		lastEditedBy: createdBy,
	};
}

function comStateOf(device, deviceType) {
	if (device.state === DEVICE_STATE.SUSPENDED) return COM_STATE.NO;
	if (device.lastCom === undefined) return COM_STATE.NOT_SEEN;
	if (!deviceType.keepAlive) return COM_STATE.NOT_APPLICABLE;
	return Date.now() - device.lastCom < deviceType.keepAlive * 1000 ? COM_STATE.OK : COM_STATE.RED;
}

function presentDevice(device, state) {
	const deviceType = state.deviceTypes.get(device.deviceTypeId);
	return compact({
		id: device.id,
		name: device.name,
		satelliteCapable: false,
		repeater: false,
		messageModulo: 4096,
		deviceType: { id: deviceType.id, name: deviceType.name },
		contract: { ...state.contract },
		group: { ...state.group },
		prototype: device.prototype,
		productCertificate: device.productCertificate && { key: device.productCertificate.key },
		location: { lat: device.lat, lng: device.lng },
		pac: device.pac,
		sequenceNumber: device.sequenceNumber,
		lastCom: device.lastCom,
		lqi: device.lqi,
		activationTime: device.activationTime,
		creationTime: device.creationTime,
		state: device.state,
		comState: comStateOf(device, deviceType),
		token: {
			state: 0,
			detailMessage: 'Valid',
			end: device.tokenEnd,
			freeMessages: 0,
			freeMessagesSent: 0,
		},
		unsubscriptionTime: device.unsubscriptionTime,
		createdBy: device.createdBy,
		lastEditionTime: device.lastEditionTime,
		lastEditedBy: device.lastEditedBy,
		automaticRenewal: device.automaticRenewal,
		automaticRenewalStatus: device.automaticRenewal ? 0 : 1,
		activable: device.activable,
	});
}

/** Callbacks are stored with their device type id, which the read model does not carry. */
function presentCallback(callback) {
	const { deviceTypeId, ...fields } = callback;
	return compact(fields);
}

/**
 * The related fields a `fields` query asks for (docs/sigfox/api.md#fields), by name with what its
 * parentheses hold: `device(name),rinfos(rep,baseStation(name))` → device: 'name', rinfos: 'rep,baseStation(name)'.
 */
function requestedFields(text) {
	const wanted = new Map();
	let depth = 0;
	let start = 0;
	const add = (part) => {
		const open = part.indexOf('(');
		if (part.trim() === '') return;
		if (open < 0) wanted.set(part.trim(), '');
		else wanted.set(part.slice(0, open).trim(), part.slice(open + 1, part.lastIndexOf(')')));
	};
	for (let i = 0; i < text.length; i++) {
		if (text[i] === '(') depth++;
		else if (text[i] === ')') depth--;
		else if (text[i] === ',' && depth === 0) {
			add(text.slice(start, i));
			start = i + 1;
		}
	}
	add(text.slice(start));
	return wanted;
}

/**
 * A message as the API renders it: the device's name, `ackRequired`, `downlinkAnswerStatus`, and in each
 * reception `rep`, `cbStatus` and the base station's name only when `fields` asks for them (as in the KCCS
 * capture, test/fixtures/sigfox-real/kccs-qiita-sigfox-api.json). The control API, with no query, sees all.
 */
function presentMessage(message, state, query) {
	const fields = requestedFields(
		query
			? (query.fields ?? '')
			: 'device(name),ackRequired,downlinkAnswerStatus,rinfos(rep,baseStation(name))',
	);
	const device = state.devices.get(message.device);
	const reception = fields.has('rinfos') ? requestedFields(fields.get('rinfos')) : new Map();
	return compact({
		device: compact({ id: message.device, name: fields.has('device') ? device?.name : undefined }),
		time: message.time,
		data: message.data,
		ackRequired: fields.has('ackRequired') ? message.ackRequired : undefined,
		lqi: message.lqi,
		seqNumber: message.seqNumber,
		nbFrames: message.nbFrames,
		// A list, empty when the message has no computed location (docs/sigfox/api.md#messages).
		computedLocation: message.computedLocation ? [{ ...message.computedLocation }] : [],
		rinfos: message.receptions.map((one) =>
			compact({
				baseStation: compact({
					id: one.station.id,
					name: reception.has('baseStation') ? one.station.name : undefined,
				}),
				rssi: one.rssi.toFixed(2),
				lat: one.station.lat,
				lng: one.station.lng,
				delay: one.delay,
				freq: one.freq,
				rep: reception.has('rep') ? one.rep : undefined,
			}),
		),
		downlinkAnswerStatus: fields.has('downlinkAnswerStatus')
			? message.downlinkAnswerStatus
			: undefined,
	});
}

/** deviceErrorMessages and errorMessages share their fields (docs/sigfox/api.md#undelivered). */
function presentUndelivered(record) {
	return compact({
		deviceId: record.deviceId,
		deviceTypeId: record.deviceTypeId,
		time: record.time,
		data: record.data,
		status: record.status,
		message: record.message,
		callback: record.callback,
		parameters: record.parameters,
	});
}

/** callbackType and callbackSubtype values, docs/sigfox/api.md#callback-types. */
const CALLBACK_TYPE = { DATA: 0, SERVICE: 1, ERROR: 2 };
const CALLBACK_SUBTYPE = {
	STATUS: 0,
	GEOLOC: 1,
	UPLINK: 2,
	BIDIR: 3,
	ACKNOWLEDGE: 4,
	REPEATER: 5,
	DATA_ADVANCED: 6,
};
module.exports = {
	BASE_STATIONS,
	CALLBACK_TYPE,
	CALLBACK_SUBTYPE,
	DEVICE_STATE,
	DEVICE_ID,
	PAC,
	DOWNLINK_DATA,
	UPLINK_DATA,
	compact,
	newDeviceType,
	presentDeviceType,
	newDevice,
	presentDevice,
	presentCallback,
	presentMessage,
	presentUndelivered,
};
