'use strict';
const {
	e2eState,
	executeWorkflow,
	sigfoxApi,
	simulatorControl,
	FIXTURE_DEVICES,
} = require('./helpers');

describe('the Sigfox node run by n8n against the simulator', () => {
	test('n8n execute lists every device of the simulator, each with its device type', async () => {
		const run = await executeWorkflow('sigfoxE2eDevList');
		expect(run.status).toBe('success');
		const [{ data }] = run.data.resultData.runData['Get Devices'];
		const devices = data.main[0].map((item) => item.json);

		const { data: expected } = await sigfoxApi('GET', '/devices/?limit=100');
		expect(devices.map((device) => device.id).sort()).toEqual(
			expected.map((device) => device.id).sort(),
		);
		for (const fixture of FIXTURE_DEVICES) {
			expect(devices).toContainEqual(
				expect.objectContaining({
					...fixture,
					deviceType: expect.objectContaining({ id: expect.stringMatching(/^[0-9a-f]{24}$/) }),
				}),
			);
		}
	});

	test('n8n execute reads messages with Include: the device and base station names come in the same request', async () => {
		await simulatorControl(e2eState().simControlUrl)('POST', '/devices/E2E001/frames', {
			data: '0a0b0c',
		});
		const run = await executeWorkflow('sigfoxE2eMsgInclude');
		expect(run.status).toBe('success');
		const itemsOf = (node) =>
			run.data.resultData.runData[node][0].data.main[0].map((item) => item.json);

		const [named] = itemsOf('Messages With Names');
		expect(named.device).toEqual({ id: 'E2E001', name: FIXTURE_DEVICES[0].name });
		expect(named.rinfos.length).toBeGreaterThan(0);
		for (const reception of named.rinfos) {
			expect(reception.baseStation).toEqual({ id: expect.any(String), name: expect.any(String) });
		}
		const [plain] = itemsOf('Messages');
		expect(plain.device).toEqual({ id: 'E2E001' });
		expect(plain.rinfos.every((reception) => !('name' in reception.baseStation))).toBe(true);
	});

	test('n8n execute refuses a device name longer than Sigfox allows, and Sigfox receives nothing', async () => {
		const run = await executeWorkflow('sigfoxE2eNameLong');
		// The node trims what it sends, as it does every text parameter.
		const name = 'Meter on the north side of the building, level 3, '.repeat(3).trim();
		const [{ data }] = run.data.resultData.runData['Create Device'];
		expect(data.main[0].map((item) => item.json)).toEqual([
			{
				error: `Name ${JSON.stringify(name)} is out of range: Sigfox takes at most 100 characters`,
				description: expect.stringContaining('nothing was sent to Sigfox'),
			},
		]);
		await expect(sigfoxApi('GET', '/devices/E2E0F9')).rejects.toThrow(/404/);
	});
});
