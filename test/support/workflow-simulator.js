'use strict';

const { API_USER, startTestSimulator, seed } = require('./test-simulator');
const { BASE_STATIONS } = require('../../simulator/data/model');

/**
 * The Sigfox Cloud simulator for workflow tests of the Sigfox node: the credential that reaches it,
 * and shortcuts to seed what the node reads (device types, devices, messages, undelivered callbacks).
 */
async function startWorkflowSimulator(options = {}) {
	const sim = await startTestSimulator({ timeScale: 0.0005, ...options });
	return {
		sim,
		state: sim.state,
		apiUrl: sim.apiUrl,
		credentials: {
			login: API_USER.login,
			password: API_USER.password,
			baseUrl: sim.apiUrl,
			rateLimiting: 'serverSignals',
		},
		/** A device type with these devices; returns the device type id. */
		async seedDeviceType(name, deviceIds = [], deviceType = {}) {
			const created = await seed(sim, { deviceType: { name, ...deviceType }, deviceIds });
			return created.id;
		},
		/** `count` messages of a device, one a minute, the newest a minute ago; seqNumber counts up. */
		addMessages(deviceId, count, { withoutSeqNumber = false } = {}) {
			const device = sim.state.devices.get(deviceId);
			const newest = Date.now() - 60_000;
			for (let n = 0; n < count; n++) {
				sim.state.messages.push({
					device: device.id,
					deviceTypeId: device.deviceTypeId,
					time: newest - (count - 1 - n) * 60_000,
					data: (n % 256).toString(16).padStart(2, '0'),
					seqNumber: withoutSeqNumber ? undefined : n % 4096,
					ackRequired: false,
					lqi: 2,
					nbFrames: 3,
					receptions: [
						{ station: BASE_STATIONS[0], rssi: -110, snr: 12, freq: 868_130_000, rep: 1 },
					],
				});
			}
		},
		/** A callback Sigfox failed to deliver, as the emitter records it. */
		addUndelivered(record) {
			sim.state.undelivered.push({
				time: Date.now() - 1000,
				data: 'c0ffee',
				status: '500',
				message: 'Internal Server Error',
				...record,
			});
		},
		control: sim.control,
		faults: (settings) => sim.control('PUT', '/faults', settings),
		stop: () => sim.stop(),
	};
}

/**
 * The workflow simulator for the tests of the enclosing describe: its fields are set before them
 * (a beforeAll declared after this call can seed it), and it stops after them.
 */
function useWorkflowSimulator(options) {
	const sim = {};
	beforeAll(async () => {
		Object.assign(sim, await startWorkflowSimulator(options));
	});
	afterAll(() => sim.stop?.());
	return sim;
}

module.exports = { startWorkflowSimulator, useWorkflowSimulator };
