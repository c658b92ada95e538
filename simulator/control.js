'use strict';

const { readBody, send } = require('./api/server');
const { deviceTypeErrors } = require('./api/device-types');
const { checkFaults } = require('./faults');
const { customDataAvailable } = require('./callbacks/custom-data');
const {
	BASE_STATIONS,
	DEVICE_ID,
	DEVICE_STATE,
	UPLINK_DATA,
	newDevice,
	newDeviceType,
	presentDevice,
	presentDeviceType,
	presentMessage,
} = require('./data/model');

const CONTROL_USER = 'simulator-control';
const SEQUENCE_NUMBERS = 4096;

class ControlError extends Error {
	constructor(status, message) {
		super(message);
		this.status = status;
	}
}

async function jsonBody(req) {
	const text = await readBody(req);
	if (!text) return {};
	try {
		return JSON.parse(text);
	} catch {
		throw new ControlError(400, 'the body is not valid JSON');
	}
}

function only(body, allowed) {
	const extra = Object.keys(body).filter((key) => !allowed.includes(key));
	if (extra.length)
		throw new ControlError(
			400,
			`unknown fields ${extra.join(', ')}; allowed: ${allowed.join(', ')}`,
		);
}

/** One to three stations hear each frame, with plausible radio values. */
function receptionsOfOneFrame() {
	const count = 1 + Math.floor(Math.random() * BASE_STATIONS.length);
	return BASE_STATIONS.slice(0, count).map((station) => ({
		station,
		rssi: -135 + Math.random() * 45,
		snr: 5 + Math.random() * 20,
		freq: 868_130_000 + Math.round(Math.random() * 192_000),
		delay: Math.round((0.5 + Math.random() * 2.5) * 1000) / 1000,
		rep: 1 + Math.floor(Math.random() * 3),
	}));
}

/** LQI from the best RSSI: 0 Limit … 3 Excellent (docs/sigfox/api.md#lqi). */
function lqiOf(receptions) {
	const best = Math.max(...receptions.map((reception) => reception.rssi));
	if (best > -100) return 3;
	if (best > -115) return 2;
	if (best > -125) return 1;
	return 0;
}

const BACKLOG_LIMITS = { devices: 100_000, messages: 5_000_000, hours: 72 };
/** Where the backlog's undelivered callbacks were meant to go. */
const BACKLOG_CALLBACK_URL = 'http://127.0.0.1:9/webhook/backlog';

function count(body, field, max, fallback) {
	const value = body[field] ?? fallback;
	if (!Number.isInteger(value) || value < 0 || value > max)
		throw new ControlError(400, `${field} must be a whole number from 0 to ${max}`);
	return value;
}

/** `n` device ids of 8 hex characters that no device has yet, consecutive from a random start. */
function freshDeviceIds(state, n) {
	const ids = [];
	let next = 0x10000000 + Math.floor(Math.random() * 0xc0000000);
	while (ids.length < n) {
		const id = (next++ >>> 0).toString(16).toUpperCase().padStart(8, '0');
		if (!state.devices.has(id)) ids.push(id);
	}
	return ids;
}

/**
 * A backlog written straight into `state` (no HTTP, no callbacks): `messages` messages of `devices`
 * new devices of the device type (0: its existing devices), one after the other round the devices,
 * spread evenly over the last `hours` hours with times in whole seconds, so several messages can share
 * one second. The first `undelivered` of them also get an undelivered-callback record. Records share
 * their receptions and data strings: 500,000 messages take about a second and some 100 MB.
 */
function writeBacklog(state, deviceType, body) {
	only(body, ['devices', 'messages', 'hours', 'undelivered']);
	const newDevices = count(body, 'devices', BACKLOG_LIMITS.devices, 0);
	const messages = count(body, 'messages', BACKLOG_LIMITS.messages, 0);
	const hours = body.hours ?? 24;
	if (typeof hours !== 'number' || !(hours > 0) || hours > BACKLOG_LIMITS.hours)
		throw new ControlError(
			400,
			`hours must be a number above 0 and at most ${BACKLOG_LIMITS.hours}`,
		);
	const undelivered = count(body, 'undelivered', messages, 0);
	const started = Date.now();

	const deviceIds = freshDeviceIds(state, newDevices);
	for (const id of deviceIds) {
		state.devices.set(
			id,
			newDevice(
				{ id, name: `Backlog ${id}`, pac: id.padStart(16, '0'), deviceTypeId: deviceType.id },
				{ createdBy: CONTROL_USER },
			),
		);
	}
	const devices = newDevices
		? deviceIds.map((id) => state.devices.get(id))
		: [...state.devices.values()].filter((device) => device.deviceTypeId === deviceType.id);
	if (messages > 0 && devices.length === 0)
		throw new ControlError(409, `device type ${deviceType.id} has no devices to send the backlog`);

	const receptionPool = Array.from({ length: 16 }, () => {
		const receptions = receptionsOfOneFrame();
		return { receptions, lqi: lqiOf(receptions) };
	});
	const dataPool = Array.from({ length: 256 }, (_, n) => n.toString(16).padStart(2, '0') + 'b0');
	const medium = { url: BACKLOG_CALLBACK_URL, method: 'POST', headers: {} };
	const sequence = new Uint16Array(devices.length);
	for (let d = 0; d < devices.length; d++)
		sequence[d] = ((devices[d].sequenceNumber ?? -1) + 1) % SEQUENCE_NUMBERS;
	const span = hours * 3600_000;
	const now = Math.floor(started / 1000) * 1000;
	let first;
	let last;
	for (let i = 0; i < messages; i++) {
		const d = i % devices.length;
		const device = devices[d];
		const time = Math.floor((now - span + ((i + 1) * span) / messages) / 1000) * 1000;
		const radio = receptionPool[i % receptionPool.length];
		const message = {
			device: device.id,
			deviceTypeId: deviceType.id,
			time,
			data: dataPool[i % dataPool.length],
			seqNumber: sequence[d],
			ackRequired: false,
			lqi: radio.lqi,
			nbFrames: 3,
			receptions: radio.receptions,
			computedLocation: undefined,
		};
		state.messages.push(message);
		if (i < undelivered) {
			state.undelivered.push({
				callbackId: 'backlog',
				deviceId: device.id,
				deviceTypeId: deviceType.id,
				time,
				data: message.data,
				status: '500',
				message: 'HTTP 500',
				callback: medium,
				parameters: { seqNumber: String(message.seqNumber) },
			});
		}
		sequence[d] = (sequence[d] + 1) % SEQUENCE_NUMBERS;
		first ??= time;
		last = time;
	}
	for (let d = 0; d < devices.length && messages > 0; d++) {
		const sent = Math.floor(messages / devices.length) + (d < messages % devices.length ? 1 : 0);
		if (sent === 0) continue;
		Object.assign(devices[d], {
			sequenceNumber: (sequence[d] + SEQUENCE_NUMBERS - 1) % SEQUENCE_NUMBERS,
			lastCom: Math.max(devices[d].lastCom ?? 0, last),
			lqi: receptionPool[0].lqi,
		});
	}
	return {
		deviceTypeId: deviceType.id,
		devices: devices.length,
		deviceIds: devices.map((device) => device.id),
		messages,
		undelivered,
		since: first,
		before: last === undefined ? undefined : last + 1,
		tookMs: Date.now() - started,
	};
}

/**
 * The control API for tests and the demo (JSON, no auth): set up device types and devices, make a
 * device send a frame, read what was delivered, inject faults, reset.
 */
function createControlHandler({ state, emitter, faults, reset, info }) {
	const routes = {
		'GET /control': () => ({
			body: { ...info(), customDataAvailable: customDataAvailable(), faults: faults.settings },
		}),

		'POST /control/device-types': async ({ req }) => {
			const body = await jsonBody(req);
			only(body, [
				'id',
				'name',
				'description',
				'downlinkMode',
				'downlinkDataString',
				'payloadType',
				'payloadConfig',
				'keepAlive',
			]);
			if (typeof body.name !== 'string' || !body.name)
				throw new ControlError(400, 'name is required');
			// A fixed id lets example workflows name the demo's device type.
			if (body.id !== undefined && !/^[0-9a-f]{24}$/.test(body.id))
				throw new ControlError(400, 'id must be 24 lower-case hex characters');
			if (body.id !== undefined && state.deviceTypes.has(body.id))
				throw new ControlError(409, `device type ${body.id} already exists`);
			const deviceType = newDeviceType(body, { createdBy: CONTROL_USER });
			const errors = deviceTypeErrors(deviceType);
			if (errors.length)
				throw new ControlError(
					400,
					errors.map((error) => `${error.field}: ${error.message}`).join('; '),
				);
			state.deviceTypes.set(deviceType.id, deviceType);
			return { status: 201, body: presentDeviceType(deviceType, state) };
		},

		'POST /control/devices': async ({ req }) => {
			const body = await jsonBody(req);
			only(body, ['id', 'name', 'deviceTypeId', 'pac', 'lat', 'lng']);
			if (!DEVICE_ID.test(body.id ?? ''))
				throw new ControlError(400, 'id must be 1 to 8 hex characters');
			if (!state.deviceTypes.has(body.deviceTypeId))
				throw new ControlError(400, 'deviceTypeId is not a known device type');
			const id = body.id.toUpperCase();
			if (state.devices.has(id)) throw new ControlError(409, `device ${id} already exists`);
			const device = newDevice(
				{ name: `Device ${id}`, pac: id.padStart(16, '0'), ...body, id },
				{ createdBy: CONTROL_USER },
			);
			state.devices.set(id, device);
			return { status: 201, body: presentDevice(device, state) };
		},

		'POST /control/devices/:id/frames': async ({ req, id }) => {
			const body = await jsonBody(req);
			only(body, ['data', 'ack', 'seqNumber', 'time', 'located']);
			const device = state.devices.get(id.toUpperCase());
			if (!device) throw new ControlError(404, `no device ${id}`);
			if (device.state === DEVICE_STATE.SUSPENDED) {
				throw new ControlError(409, `device ${device.id} is suspended: Sigfox drops its messages`);
			}
			const data = body.data ?? '';
			if (typeof data !== 'string' || !UPLINK_DATA.test(data))
				throw new ControlError(400, 'data must be 0 to 12 bytes of hex');
			if (body.ack !== undefined && typeof body.ack !== 'boolean')
				throw new ControlError(400, 'ack must be a boolean');
			const seqNumber = body.seqNumber ?? ((device.sequenceNumber ?? -1) + 1) % SEQUENCE_NUMBERS;
			if (!Number.isInteger(seqNumber) || seqNumber < 0)
				throw new ControlError(400, 'seqNumber must be a whole number');
			const time = body.time ?? Date.now();
			if (!Number.isInteger(time)) throw new ControlError(400, 'time must be epoch milliseconds');
			if (body.located !== undefined && typeof body.located !== 'boolean')
				throw new ControlError(400, 'located must be a boolean');
			const receptions = receptionsOfOneFrame();
			const message = {
				device: device.id,
				deviceTypeId: device.deviceTypeId,
				time,
				data: data.toLowerCase(),
				seqNumber,
				ackRequired: body.ack ?? false,
				lqi: lqiOf(receptions),
				nbFrames: 3,
				receptions,
				// Computed by the location service (a contract option); `located: false` for a message without one.
				computedLocation:
					body.located === false
						? undefined
						: { lat: device.lat ?? 0, lng: device.lng ?? 0, radius: 2000, source: 2 },
			};
			state.messages.push(message);
			Object.assign(device, {
				sequenceNumber: seqNumber,
				lastCom: Math.max(device.lastCom ?? 0, time),
				lqi: message.lqi,
			});
			const { downlink, deliveries } = await emitter.emitFrame(message);
			return {
				status: 201,
				body: { message: presentMessage(message, state), downlink, deliveries },
			};
		},

		'POST /control/devices/:id/errors': async ({ req, id }) => {
			const body = await jsonBody(req);
			only(body, ['severity', 'info']);
			const device = state.devices.get(id.toUpperCase());
			if (!device) throw new ControlError(404, `no device ${id}`);
			if (!['WARN', 'ERROR'].includes(body.severity))
				throw new ControlError(400, 'severity must be WARN or ERROR');
			const info = body.info ?? 'No message received since the keep-alive period';
			if (typeof info !== 'string') throw new ControlError(400, 'info must be a string');
			const { deliveries } = await emitter.emitDeviceError(device, {
				severity: body.severity,
				info,
			});
			return { status: 201, body: { deliveries } };
		},

		'POST /control/device-types/:id/backlog': async ({ req, id }) => {
			const body = await jsonBody(req);
			const deviceType = state.deviceTypes.get(id);
			if (!deviceType) throw new ControlError(404, `no device type ${id}`);
			return { status: 201, body: writeBacklog(state, deviceType, body) };
		},

		'GET /control/deliveries': ({ url }) => {
			const filters = Object.fromEntries(url.searchParams);
			only(filters, ['device', 'callbackId', 'kind', 'status']);
			const data = state.deliveries.filter((delivery) =>
				Object.entries(filters).every(
					([key, value]) => String(delivery[key]).toUpperCase() === value.toUpperCase(),
				),
			);
			return { body: { data } };
		},

		'PUT /control/faults': async ({ req }) => {
			const body = await jsonBody(req);
			const problem = checkFaults(body);
			if (problem) throw new ControlError(400, problem);
			return { body: faults.set(body) };
		},

		'POST /control/reset': () => {
			reset();
			return { status: 204 };
		},
	};

	return async function handleControlRequest(req, res, url) {
		const perDevice = /^\/control\/devices\/([^/]+)\/(frames|errors)$/.exec(url.pathname);
		const perType = /^\/control\/device-types\/([^/]+)\/(backlog)$/.exec(url.pathname);
		const key = `${req.method} ${
			perDevice
				? `/control/devices/:id/${perDevice[2]}`
				: perType
					? `/control/device-types/:id/${perType[2]}`
					: url.pathname
		}`;
		const route = routes[key];
		const id = perDevice?.[1] ?? perType?.[1];
		try {
			if (!route) throw new ControlError(404, `no control route ${req.method} ${url.pathname}`);
			const answer = await route({ req, url, id: id && decodeURIComponent(id) });
			send(res, answer.status ?? 200, answer.body);
		} catch (error) {
			if (!(error instanceof ControlError)) throw error;
			send(res, error.status, { message: error.message });
		}
	};
}

module.exports = { createControlHandler };
