'use strict';
const { executeWorkflow, sigfoxApi, FIXTURE_DEVICES } = require('./helpers');

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
});
