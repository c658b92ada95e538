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
		const key = `${req.method} ${perDevice ? `/control/devices/:id/${perDevice[2]}` : url.pathname}`;
		const route = routes[key];
		try {
			if (!route) throw new ControlError(404, `no control route ${req.method} ${url.pathname}`);
			const answer = await route({ req, url, id: perDevice && decodeURIComponent(perDevice[1]) });
			send(res, answer.status ?? 200, answer.body);
		} catch (error) {
			if (!(error instanceof ControlError)) throw error;
			send(res, error.status, { message: error.message });
		}
	};
}

module.exports = { createControlHandler };
