'use strict';

/** The demo's devices decode with this config: temperature in tenths of °C, humidity in %. */
const DEMO_PAYLOAD_CONFIG = 'temperature::int:16 humidity::uint:8';
const DEMO_DEVICE_IDS = ['DE0001', 'DE0002', 'DE0003'];
/** Fixed, so that the example workflows in examples/ can name the demo's device type. */
const DEMO_DEVICE_TYPE_ID = '64de0000000000000000de01';
const FRAME_EVERY_MS = 5000;

async function control(sim, method, path, body) {
	const response = await fetch(`${sim.controlUrl}${path}`, {
		method,
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	const answer = await response.json();
	if (!response.ok) throw new Error(`${method} ${path}: ${answer.message}`);
	return answer;
}

function demoFrame() {
	const temperature = Math.round(180 + Math.random() * 80);
	const humidity = Math.round(35 + Math.random() * 30);
	return temperature.toString(16).padStart(4, '0') + humidity.toString(16).padStart(2, '0');
}

/** The demo device type and its three devices, through the control API like any client. */
async function createDemoFleet(sim) {
	const deviceType = await control(sim, 'POST', '/device-types', {
		id: DEMO_DEVICE_TYPE_ID,
		name: 'Demo sensors',
		description: 'Temperature and humidity sensors of the simulator demo',
		payloadType: 3,
		payloadConfig: DEMO_PAYLOAD_CONFIG,
	});
	for (const [index, id] of DEMO_DEVICE_IDS.entries()) {
		await control(sim, 'POST', '/devices', {
			id,
			name: `Demo sensor ${index + 1}`,
			deviceTypeId: deviceType.id,
		});
	}
	return deviceType;
}

/** The demo fleet, its devices taking turns to send a frame every few seconds. Returns the ids and a `stop`. */
async function startDemo(sim) {
	const deviceType = await createDemoFleet(sim);
	let turn = 0;
	const timer = setInterval(() => {
		const id = DEMO_DEVICE_IDS[turn++ % DEMO_DEVICE_IDS.length];
		control(sim, 'POST', `/devices/${id}/frames`, { data: demoFrame() }).catch((error) => {
			process.stderr.write(`Demo frame of ${id} failed: ${error.message}\n`);
		});
	}, FRAME_EVERY_MS);
	return {
		deviceTypeId: deviceType.id,
		deviceIds: DEMO_DEVICE_IDS,
		stop: () => clearInterval(timer),
	};
}

module.exports = { startDemo, createDemoFleet, DEMO_DEVICE_TYPE_ID, DEMO_PAYLOAD_CONFIG };
