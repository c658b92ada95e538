'use strict';
const { e2eState, publicApi, sigfoxApi, simulatorControl, waitFor } = require('./helpers');

const WORKFLOW_ID = 'sigfoxE2eWebhook';
const WEBHOOK_PATH = 'sigfox-e2e-callback';

describe("a simulator callback into n8n's built-in Webhook node", () => {
	let deviceTypeId;

	beforeAll(async () => {
		const control = simulatorControl(e2eState().simControlUrl);
		({ id: deviceTypeId } = await control('POST', '/device-types', {
			name: 'E2E webhook device type',
		}));
		await control('POST', '/devices', {
			id: 'E2E0A1',
			name: 'E2E webhook device',
			deviceTypeId,
		});
	});

	test('a frame sent by a device arrives as an execution of the activated workflow, rendered from the callback', async () => {
		const { n8nUrl, simControlUrl } = e2eState();
		const control = simulatorControl(simControlUrl);
		// A probe call is a real webhook call: 404 until the workflow is active, 200 once its webhook is registered.
		const webhookStatus = async () =>
			(
				await fetch(`${n8nUrl}/webhook/${WEBHOOK_PATH}`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ probe: true }),
				})
			).status;
		expect(await webhookStatus()).toBe(404);

		await publicApi('POST', `/workflows/${WORKFLOW_ID}/activate`);
		// Activation is eventually consistent (docs/development/running-n8n.md#activation).
		await waitFor(async () => (await webhookStatus()) === 200, {
			what: 'the webhook to be registered',
		});

		await sigfoxApi('POST', `/device-types/${deviceTypeId}/callbacks`, {
			channel: 'URL',
			callbackType: 0,
			callbackSubtype: 2,
			url: `${n8nUrl}/webhook/${WEBHOOK_PATH}?device={device}`,
			httpMethod: 'POST',
			contentType: 'application/json',
			headers: { 'x-sigfox-e2e': 'device {device}' },
			bodyTemplate:
				'{"device":"{device}","time":{time},"data":"{data}","seqNumber":{seqNumber},"deviceTypeId":"{deviceTypeId}"}',
		});
		const sent = await control('POST', '/devices/E2E0A1/frames', { data: 'c0ffee' });
		expect(sent.deliveries).toEqual([expect.objectContaining({ status: 'delivered' })]);

		const execution = await waitFor(
			async () => {
				const query = new URLSearchParams({
					workflowId: WORKFLOW_ID,
					includeData: 'true',
					limit: '10',
				});
				const { data } = await publicApi('GET', `/executions?${query}`);
				return data.find(
					(candidate) =>
						candidate.finished &&
						candidate.data.resultData.runData['Sigfox Callback'][0].data.main[0][0].json.body
							.device === 'E2E0A1',
				);
			},
			{ what: 'an execution of the webhook workflow with the callback', intervalMs: 500 },
		);
		expect(execution.status).toBe('success');
		const [item] = execution.data.resultData.runData['Sigfox Callback'][0].data.main[0];
		expect(item.json.body).toEqual({
			device: 'E2E0A1',
			// Callback time is in seconds, API time in milliseconds.
			time: Math.floor(sent.message.time / 1000),
			data: 'c0ffee',
			seqNumber: sent.message.seqNumber,
			deviceTypeId,
		});
		expect(item.json.query).toEqual({ device: 'E2E0A1' });
		expect(item.json.headers).toEqual(
			expect.objectContaining({
				'x-sigfox-e2e': 'device E2E0A1',
				'content-type': 'application/json',
			}),
		);

		await publicApi('POST', `/workflows/${WORKFLOW_ID}/deactivate`);
		await waitFor(async () => (await webhookStatus()) === 404, {
			what: 'the webhook to be removed',
		});
	});
});
