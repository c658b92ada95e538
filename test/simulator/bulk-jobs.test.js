'use strict';

const { startTestSimulator, seed, waitFor } = require('../support/test-simulator');

const PAC = '0123456789ABCDEF';
let sim;
let deviceType;

beforeAll(async () => {
	// Jobs complete 2 s after their start at timeScale 1; 0.05 makes that 100 ms.
	sim = await startTestSimulator({ timeScale: 0.05 });
});

afterAll(() => sim.stop());

beforeEach(async () => {
	await sim.control('POST', '/reset');
	deviceType = await seed(sim, { deviceIds: ['00F1', '00F2'] });
});

async function finished(statusPath) {
	return waitFor(
		async () => {
			const { body } = await sim.api('GET', statusPath);
			return body.jobDone && body;
		},
		{ what: `the job at ${statusPath}` },
	);
}

test('creates devices asynchronously and reports a registrationJobStatus with per-item errors', async () => {
	const started = await sim.api('POST', '/devices/bulk', {
		body: {
			deviceTypeId: deviceType.id,
			prefix: 'Meter ',
			data: [
				{ id: '00B1', pac: PAC },
				{ id: '00b2', pac: PAC, name: 'Named' },
				{ id: '00B1', pac: PAC },
				{ id: 'not-hex', pac: PAC },
				{ id: '00F1', pac: PAC },
				{ id: '00B3' },
			],
		},
	});
	expect(started.status).toBe(200);
	expect(started.body).toEqual({ total: 6, jobId: expect.stringMatching(/^[0-9a-f]{24}$/) });
	const running = await sim.api('GET', `/devices/bulk/${started.body.jobId}`);
	expect(running.body).toEqual({ jobDone: false, total: 6, status: { success: 0, errors: [] } });

	const done = await finished(`/devices/bulk/${started.body.jobId}`);
	expect(done).toEqual({
		jobDone: true,
		total: 6,
		status: {
			success: 2,
			errors: [
				{ entity: '00B1', message: 'duplicate device id in the request', type: 0 },
				{ entity: 'NOT-HEX', message: 'invalid device id', type: 0 },
				{ entity: '00F1', message: 'the device already exists', type: 0 },
				{ entity: '00B3', message: 'invalid PAC', type: 0 },
			],
		},
	});
	expect((await sim.api('GET', '/devices/00B1')).body.name).toBe('Meter 00B1');
	expect((await sim.api('GET', '/devices/00B2')).body.name).toBe('Named');
});

test('edits and transfers devices, reporting unknown ids', async () => {
	const other = await seed(sim);
	const edit = await sim.api('PUT', '/devices/bulk', {
		body: { data: [{ id: '00F1', name: 'Edited', automaticRenewal: false }, { id: '00FF' }] },
	});
	expect(edit.body).toEqual({ total: 2, jobId: expect.any(String) });
	expect((await finished(`/devices/bulk/${edit.body.jobId}`)).status).toEqual({
		success: 1,
		errors: [{ entity: '00FF', message: "the device doesn't exist", type: 0 }],
	});
	expect((await sim.api('GET', '/devices/00F1')).body).toMatchObject({
		name: 'Edited',
		automaticRenewal: false,
	});

	const transfer = await sim.api('POST', '/devices/bulk/transfer', {
		body: { deviceTypeId: other.id, data: [{ id: '00F2', keepHistory: true }] },
	});
	expect((await finished(`/devices/bulk/${transfer.body.jobId}`)).status.success).toBe(1);
	expect((await sim.api('GET', '/devices/00F2')).body.deviceType.id).toBe(other.id);
});

test.each([
	['suspend', 6],
	['resume', 0],
	['restart', 0],
])('runs %s as an actionJob and sets the device state to %s', async (action, state) => {
	const started = await sim.api('POST', `/devices/bulk/${action}`, {
		body: { data: ['00F1', '00F9', '00F1'] },
	});
	expect(started.body).toEqual({ jobId: expect.any(String) });
	const done = await finished(`/devices/bulk/${action}/${started.body.jobId}`);
	expect(done).toEqual({
		jobDone: true,
		status: {
			total: 3,
			nbSuccess: 1,
			nbErrors: 2,
			errors: [
				{ entity: '00F9', message: "the device doesn't exist", type: 0 },
				{ entity: '00F1', message: 'duplicate device id in the request', type: 0 },
			],
		},
	});
	expect((await sim.api('GET', '/devices/00F1')).body.state).toBe(state);
});

test('unsubscribes devices at the given time', async () => {
	const at = Date.now() + 86_400_000;
	const started = await sim.api('POST', '/devices/bulk/unsubscribe', {
		body: { data: [{ id: '00F1', unsubscriptionTime: at }] },
	});
	expect((await finished(`/devices/bulk/unsubscribe/${started.body.jobId}`)).status.nbSuccess).toBe(
		1,
	);
	expect((await sim.api('GET', '/devices/00F1')).body.unsubscriptionTime).toBe(at);
});

test('restarts every device of a device type', async () => {
	const started = await sim.api('POST', `/device-types/${deviceType.id}/bulk/restart`);
	const done = await finished(`/device-types/bulk/restart/${started.body.jobId}`);
	expect(done.status).toMatchObject({ total: 2, nbSuccess: 2, nbErrors: 0 });
});

test('serves a job only on the status route of its kind', async () => {
	const restart = await sim.api('POST', '/devices/bulk/restart', { body: { data: ['00F1'] } });
	expect((await sim.api('GET', `/devices/bulk/suspend/${restart.body.jobId}`)).status).toBe(404);
	expect((await sim.api('GET', `/devices/bulk/${restart.body.jobId}`)).status).toBe(404);
	expect((await sim.api('GET', `/devices/bulk/restart/${restart.body.jobId}`)).status).toBe(200);
});

test('refuses a bulk creation for an unknown device type with 400', async () => {
	const answer = await sim.api('POST', '/devices/bulk', {
		body: { deviceTypeId: '000000000000000000000000', data: [] },
	});
	expect(answer.status).toBe(400);
	expect(answer.body.errors).toEqual([
		{ type: 'body', field: 'deviceTypeId', message: 'unknown device type' },
	]);
});
