'use strict';

const { startTestSimulator, seed, startReceiver } = require('../support/test-simulator');

describe('simulator ERROR callbacks', () => {
	let sim;
	let receiver;

	beforeAll(async () => {
		sim = await startTestSimulator();
		receiver = await startReceiver(() => ({ status: 204 }));
	});
	afterAll(async () => {
		await receiver.close();
		await sim.stop();
	});

	it('sends a device error to every enabled ERROR callback of its device type, rendered', async () => {
		const deviceType = await seed(sim, { deviceIds: ['E0001'] });
		const created = await sim.api('POST', `/device-types/${deviceType.id}/callbacks`, {
			body: {
				channel: 'URL',
				callbackType: 2,
				callbackSubtype: 0,
				url: `${receiver.url}/errors/{device}`,
				httpMethod: 'POST',
				contentType: 'application/json',
				bodyTemplate: '{"device":"{device}","time":{time},"severity":"{severity}","info":"{info}"}',
			},
		});
		expect(created.status).toBe(201);

		const sent = await sim.control('POST', '/devices/E0001/errors', {
			severity: 'WARN',
			info: 'Base station 1F2A is not communicating',
		});

		expect(sent.status).toBe(201);
		expect(sent.body.deliveries).toEqual([
			expect.objectContaining({ kind: 'ERROR', device: 'E0001' }),
		]);
		const [request] = receiver.requests;
		expect(request.url).toBe('/errors/E0001');
		expect(JSON.parse(request.body)).toEqual({
			device: 'E0001',
			time: expect.any(Number),
			severity: 'WARN',
			info: 'Base station 1F2A is not communicating',
		});
	});

	it('refuses a severity Sigfox does not send', async () => {
		await seed(sim, { deviceIds: ['E0002'] });

		const sent = await sim.control('POST', '/devices/E0002/errors', { severity: 'FATAL' });

		expect(sent.status).toBe(400);
		expect(sent.body.message).toBe('severity must be WARN or ERROR');
	});
});
