'use strict';

const { spawn } = require('node:child_process');
const { join } = require('node:path');
const { startTestSimulator, basicAuth, seed, startReceiver, waitFor } = require('../support/test-simulator');

describe('the control API', () => {
	let sim;

	beforeAll(async () => {
		sim = await startTestSimulator();
	});

	afterAll(() => sim.stop());

	test('describes the simulator: URLs, the API user group and the fault settings', async () => {
		const { body } = await sim.control('GET', '');
		expect(body).toMatchObject({
			apiUrl: sim.apiUrl,
			controlUrl: sim.controlUrl,
			group: { id: expect.stringMatching(/^[0-9a-f]{24}$/) },
			faults: { rate429: 0, rate500: 0, rateDrop: 0, rateSlow: 0 },
		});
	});

	test('creates device types and devices that the API then serves', async () => {
		const deviceType = await sim.control('POST', '/device-types', {
			name: 'Trackers',
			downlinkMode: 1,
		});
		expect(deviceType.status).toBe(201);
		const device = await sim.control('POST', '/devices', {
			id: '1a2b3c',
			deviceTypeId: deviceType.body.id,
			lat: 48.85,
		});
		expect(device.body).toMatchObject({
			id: '1A2B3C',
			deviceType: { id: deviceType.body.id, name: 'Trackers' },
		});
		const fromApi = await sim.api('GET', '/devices/1A2B3C');
		expect(fromApi.body).toMatchObject({
			name: 'Device 1A2B3C',
			location: { lat: 48.85, lng: 0 },
			comState: 5,
		});
	});

	test('numbers frames, keeps the device last communication and refuses frames over 12 bytes', async () => {
		const deviceType = await sim.control('POST', '/device-types', { name: 'Counters' });
		await sim.control('POST', '/devices', { id: '00CC', deviceTypeId: deviceType.body.id });
		const first = await sim.control('POST', '/devices/00CC/frames', { data: '01' });
		const second = await sim.control('POST', '/devices/00CC/frames', {});
		expect([first.body.message.seqNumber, second.body.message.seqNumber]).toEqual([0, 1]);
		expect(second.body.message.data).toBe('');
		expect((await sim.api('GET', '/devices/00CC')).body).toMatchObject({
			sequenceNumber: 1,
			lastCom: second.body.message.time,
		});
		expect(
			(await sim.control('POST', '/devices/00CC/frames', { data: '00'.repeat(13) })).status,
		).toBe(400);
		expect((await sim.control('POST', '/devices/0DEAD/frames', { data: '01' })).status).toBe(404);
	});

	test('drops the frames of a suspended device, as Sigfox stops processing them', async () => {
		const deviceType = await sim.control('POST', '/device-types', { name: 'Paused' });
		await sim.control('POST', '/devices', { id: '00CD', deviceTypeId: deviceType.body.id });
		sim.state.devices.get('00CD').state = 6;
		expect((await sim.control('POST', '/devices/00CD/frames', { data: '01' })).status).toBe(409);
	});

	test('refuses unknown fields and routes with a message', async () => {
		const answer = await sim.control('POST', '/device-types', { name: 'x', colour: 'red' });
		expect(answer.status).toBe(400);
		expect(answer.body.message).toMatch(/colour/);
		expect((await sim.control('GET', '/nothing')).status).toBe(404);
	});

	test('forgets everything on reset but keeps the group', async () => {
		const { group } = (await sim.control('GET', '')).body;
		await sim.control('POST', '/device-types', { name: 'Gone' });
		expect((await sim.control('POST', '/reset')).status).toBe(204);
		expect(sim.state.deviceTypes.size).toBe(0);
		expect((await sim.control('GET', '')).body.group).toEqual(group);
	});
});

describe('stopping', () => {
	test('aborts a callback in flight at once instead of waiting for its answer', async () => {
		const receiver = await startReceiver(() => ({ status: 204, delayMs: 5000 }));
		const sim = await startTestSimulator();
		try {
			const deviceType = await seed(sim, { deviceIds: ['00AB'] });
			await sim.api('POST', `/device-types/${deviceType.id}/callbacks`, {
				body: {
					channel: 'URL',
					callbackType: 0,
					callbackSubtype: 2,
					url: `${receiver.url}/slow`,
					httpMethod: 'POST',
				},
			});
			const sent = sim
				.control('POST', '/devices/00AB/frames', { data: '01' })
				.catch((error) => error);
			await waitFor(() => receiver.requests.length === 1, { what: 'the callback to arrive' });
			const stopping = Date.now();
			await sim.stop();
			expect(Date.now() - stopping).toBeLessThan(1000);
			expect((await sent).message).toBe('fetch failed');
		} finally {
			await sim.stop();
			await receiver.close();
		}
	});
});

describe('the simulator CLI', () => {
	let child;

	afterEach(() => {
		if (child && child.exitCode === null) process.kill(child.pid, 'SIGKILL');
	});

	function startCli(args) {
		child = spawn(process.execPath, [join(__dirname, '..', '..', 'simulator', 'cli.js'), ...args], {
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let output = '';
		child.stdout.on('data', (chunk) => {
			output += chunk;
		});
		child.stderr.on('data', (chunk) => {
			output += chunk;
		});
		const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
		const printed = (pattern) =>
			new Promise((resolve, reject) => {
				const check = () => {
					const found = pattern.exec(output);
					if (found) resolve(found);
				};
				child.stdout.on('data', check);
				exited.then(() =>
					reject(new Error(`the CLI exited before printing ${pattern}:\n${output}`)),
				);
				check();
			});
		return { printed, exited, output: () => output };
	}

	test('prints its URLs, runs the demo devices and stops cleanly on SIGTERM', async () => {
		const cli = startCli([
			'--port',
			'0',
			'--login',
			'demo-login',
			'--password',
			'demo-password',
			'--demo',
		]);
		const [, controlUrl] = await cli.printed(/Control\s+(\S+)/);
		const [, apiUrl] = await cli.printed(/API\s+(\S+)/);
		await cli.printed(/Demo\s+device type/);
		expect(apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v2$/);

		const devices = await fetch(`${apiUrl}/devices/`, {
			headers: { authorization: basicAuth({ login: 'demo-login', password: 'demo-password' }) },
		}).then((response) => response.json());
		expect(devices.data.map((device) => device.id)).toEqual(['DE0001', 'DE0002', 'DE0003']);
		expect((await fetch(`${controlUrl}`)).status).toBe(200);

		process.kill(child.pid, 'SIGTERM');
		expect(await cli.exited).toBe(0);
		expect(cli.output()).toMatch(/Stopping the simulator \(SIGTERM\)/);
	});

	test('refuses a bad option with its usage and exit code 2', async () => {
		const cli = startCli(['--port', 'eighty']);
		expect(await cli.exited).toBe(2);
		expect(cli.output()).toMatch(/Usage: node simulator\/cli\.js/);
	});
});
