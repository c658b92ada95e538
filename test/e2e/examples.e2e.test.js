'use strict';
/**
 * Every workflow in examples/ run in a real n8n against the simulator's demo fleet, so that none of them rots: the active
 * ones through their trigger, the others activated or run with `n8n execute` as a user would. The bulk examples run in
 * order: the CSV registers CAFE01–CAFE03, which the unsubscribe example then unsubscribes.
 */
const fs = require('node:fs');
const path = require('node:path');

const { DEMO_DEVICE_TYPE_ID } = require('../../simulator/demo');
const {
	e2eState,
	executeWorkflow,
	publicApi,
	sigfoxApi,
	simulatorControl,
	waitFor,
} = require('./helpers');

const EXAMPLES_DIR = path.join(__dirname, '..', '..', 'examples');
const CSV_DEVICES = ['CAFE01', 'CAFE02', 'CAFE03'];

function example(file) {
	return JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8'));
}

/** The output items of one node in an execution's data. */
function nodeItems(execution, nodeName) {
	const runs = execution.data.resultData.runData[nodeName] ?? [];
	return runs.flatMap((run) => (run.data?.main?.[0] ?? []).map((item) => item.json));
}

/** Successful executions of a workflow, newest first, with their data. */
async function successfulExecutions(workflowId) {
	const query = new URLSearchParams({
		workflowId,
		status: 'success',
		includeData: 'true',
		limit: '50',
	});
	return (await publicApi('GET', `/executions?${query}`)).data;
}

async function ownCallbacks() {
	const { n8nUrl } = e2eState();
	const { data } = await sigfoxApi('GET', `/device-types/${DEMO_DEVICE_TYPE_ID}/callbacks`);
	return data.filter((callback) => callback.url.startsWith(`${n8nUrl}/webhook/`));
}

describe('the example workflows in a real n8n', () => {
	const control = () => simulatorControl(e2eState().simControlUrl);

	test('examples/ holds the workflows this suite runs, on the simulator credential, with 16-character ids', () => {
		const files = fs.readdirSync(EXAMPLES_DIR).filter((name) => name.endsWith('.json'));
		expect(files.sort()).toEqual([
			'list-devices-with-device-type.json',
			'sigfox-ai-agent.json',
			'sigfox-bidirectional-configuration.json',
			'sigfox-bulk-register-from-csv.json',
			'sigfox-mcp-server.json',
			'sigfox-messages-in-windows.json',
			'sigfox-poll-messages.json',
			'sigfox-trigger-readings.json',
			'sigfox-unsubscribe-devices.json',
		]);
		for (const file of files) {
			const workflow = example(file);
			expect(typeof workflow.active).toBe('boolean');
			// The AI examples' model and MCP-auth credentials are made by agent.e2e.test.js and mcp.e2e.test.js, which run them.
			const sigfoxNodes = workflow.nodes.filter(
				(n) => n.credentials && !n.credentials.openAiApi && !n.credentials.httpHeaderAuth,
			);
			for (const node of sigfoxNodes) {
				expect(node.credentials).toEqual({
					sigfoxApi: { id: 'sigfoxSimCred001', name: 'Sigfox Simulator' },
				});
			}
		}
		for (const file of files.filter((f) => f !== 'sigfox-trigger-readings.json')) {
			expect(example(file).id).toHaveLength(16);
		}
	});

	test('list-devices-with-device-type: its schedule lists the demo devices with their device type name', async () => {
		const { id } = example('list-devices-with-device-type.json');
		const rows = await waitFor(
			async () => {
				const [latest] = await successfulExecutions(id);
				return latest && nodeItems(latest, 'Devices With Their Device Type');
			},
			{ what: 'a scheduled execution of the list example', timeoutMs: 60_000, intervalMs: 1000 },
		);
		for (const device of ['DE0001', 'DE0002', 'DE0003']) {
			expect(rows).toContainEqual(
				expect.objectContaining({
					device,
					deviceType: 'Demo sensors',
					deviceTypeId: DEMO_DEVICE_TYPE_ID,
				}),
			);
		}
	});

	test('sigfox-trigger-readings: a demo frame becomes one decoded row', async () => {
		const { id } = example('sigfox-trigger-readings.json');
		// 0x00e6 = 230 tenths of °C, 0x2d = 45 %.
		const { message } = await control()('POST', '/devices/DE0003/frames', { data: '00e62d' });

		const rows = await waitFor(
			async () => {
				for (const execution of await successfulExecutions(id)) {
					const row = nodeItems(execution, 'Row for the Readings Sheet').find(
						(r) => r.device === 'DE0003' && r.messageId.includes(`:${message.seqNumber}:`),
					);
					if (row) return [row];
				}
				return null;
			},
			{ what: 'the readings example to process the frame', timeoutMs: 30_000 },
		);
		expect(rows[0]).toMatchObject({ temperatureC: 23, humidityPercent: 45 });
		expect(new Date(rows[0].time).getTime()).toBeGreaterThan(Date.now() - 60_000);
	});

	test('sigfox-poll-messages: once activated, its first poll brings the recent frames as decoded rows', async () => {
		const { id } = example('sigfox-poll-messages.json');
		// 0x00f0 = 240 tenths of °C, 0x32 = 50 %.
		const { message } = await control()('POST', '/devices/DE0002/frames', { data: '00f032' });
		await publicApi('POST', `/workflows/${id}/activate`);
		try {
			// Poll Times "every minute": the first poll comes within a minute of activation.
			const row = await waitFor(
				async () => {
					for (const execution of await successfulExecutions(id)) {
						const found = nodeItems(execution, 'Row for the Readings Sheet').find(
							(r) => r.device === 'DE0002' && r.messageId.includes(`:${message.seqNumber}:`),
						);
						if (found) return found;
					}
					return null;
				},
				{ what: 'the poll example to emit the frame', timeoutMs: 90_000, intervalMs: 2000 },
			);
			expect(row).toMatchObject({ temperatureC: 24, humidityPercent: 50 });
		} finally {
			await publicApi('POST', `/workflows/${id}/deactivate`);
		}
	});

	test('sigfox-bidirectional-configuration: a device asking for a downlink gets its configuration', async () => {
		const { id } = example('sigfox-bidirectional-configuration.json');
		const { downlinkMode: before } = await sigfoxApi('GET', `/device-types/${DEMO_DEVICE_TYPE_ID}`);
		await publicApi('POST', `/workflows/${id}/activate`);
		try {
			await waitFor(async () => (await ownCallbacks()).some((c) => c.downlinkHook), {
				what: "the example's BIDIR callback to be selected for downlink",
			});

			const now = Math.floor(Date.now() / 1000);
			const first = await control()('POST', '/devices/DE0001/frames', {
				data: '00e62d',
				ack: true,
			});
			const second = await control()('POST', '/devices/DE0002/frames', {
				data: '00e62d',
				ack: true,
			});

			// 01 = set configuration, 000a = every 10 minutes (DE0001) or 003c = 60, 1e = alarm above 30 °C, then the time.
			expect(first.downlink).toMatchObject({ infoCode: 0 });
			expect(first.downlink.downlinkData).toMatch(/^01000a1e[0-9a-f]{8}$/);
			expect(second.downlink.downlinkData).toMatch(/^01003c1e[0-9a-f]{8}$/);
			const sentTime = parseInt(first.downlink.downlinkData.slice(8), 16);
			expect(Math.abs(sentTime - now)).toBeLessThan(60);
		} finally {
			await publicApi('POST', `/workflows/${id}/deactivate`);
		}
		await waitFor(async () => !(await ownCallbacks()).some((c) => c.downlinkHook), {
			what: "the example's BIDIR callback to be removed",
		});
		expect((await sigfoxApi('GET', `/device-types/${DEMO_DEVICE_TYPE_ID}`)).downlinkMode).toBe(
			before,
		);
	});

	describe('run with n8n execute', () => {
		// `n8n execute` is a second n8n on the same SQLite file: the server's scheduled executions can hold the lock long
		// enough for the CLI's writes to fail with SQLITE_BUSY, so the scheduled example pauses meanwhile.
		const scheduled = example('list-devices-with-device-type.json').id;
		beforeAll(() => publicApi('POST', `/workflows/${scheduled}/deactivate`));
		afterAll(() => publicApi('POST', `/workflows/${scheduled}/activate`));

		/** Runs an example with `n8n execute`; the items of `nodeName`, once each CSV device succeeded in its job. */
		async function executeForEveryCsvDevice(file, nodeName) {
			const run = await executeWorkflow(example(file).id);

			expect(run.status).toBe('success');
			const results = nodeItems(run, nodeName);
			expect(results.map((r) => r.deviceId)).toEqual(CSV_DEVICES);
			for (const result of results) expect(result).toMatchObject({ success: true, jobDone: true });
			return results;
		}

		test('sigfox-bulk-register-from-csv: n8n execute registers every device of the CSV in one bulk job', async () => {
			const results = await executeForEveryCsvDevice(
				'sigfox-bulk-register-from-csv.json',
				'Register Devices',
			);
			expect(new Set(results.map((r) => r.jobId)).size).toBe(1);
			const device = await sigfoxApi('GET', '/devices/CAFE02');
			expect(device).toMatchObject({
				name: 'Cold room 2',
				deviceType: expect.objectContaining({ id: DEMO_DEVICE_TYPE_ID }),
			});
		});

		test('sigfox-messages-in-windows: n8n execute reads the last 24 hours as 24 end-to-end windows, each message once', async () => {
			// Frames in past hours, two of them in one second, so that closed windows have messages to count.
			const hour = 3600_000;
			const now = Date.now();
			const past = [now - 5 * hour, now - 5 * hour, now - 17 * hour + 1000];
			for (const time of past) {
				await control()('POST', '/devices/DE0001/frames', { data: '00f032', time });
			}

			const run = await executeWorkflow(example('sigfox-messages-in-windows.json').id);

			expect(run.status).toBe('success');
			const summaries = nodeItems(run, 'Summaries of Every Window');
			expect(summaries).toHaveLength(24);
			for (let i = 1; i < summaries.length; i++) {
				expect(summaries[i].since).toBe(summaries[i - 1].before);
			}
			// Every window that had closed when it was read holds what Sigfox lists for it; the hours of the frames above too.
			const count = async (since, before) => {
				let n = 0;
				let route = `/device-types/${DEMO_DEVICE_TYPE_ID}/messages?since=${since}&before=${before}&limit=100`;
				while (route) {
					const page = await sigfoxApi('GET', route);
					n += page.data.length;
					route = page.paging?.next ? page.paging.next.replace(/^.*\/v2/, '') : null;
				}
				return n;
			};
			for (const summary of summaries.slice(0, -1)) {
				const since = Date.parse(summary.since);
				const before = Date.parse(summary.before);
				expect({ since: summary.since, messages: summary.messages }).toEqual({
					since: summary.since,
					messages: await count(since, before),
				});
				const sent = past.filter((t) => t >= since && t < before).length;
				expect(summary.messages).toBeGreaterThanOrEqual(sent);
			}
		});

		test('sigfox-unsubscribe-devices: n8n execute unsubscribes the listed devices at the end of the month', async () => {
			await executeForEveryCsvDevice('sigfox-unsubscribe-devices.json', 'Unsubscribe Devices');
			const endOfMonth = new Date();
			endOfMonth.setUTCMonth(endOfMonth.getUTCMonth() + 1, 1);
			endOfMonth.setUTCHours(0, 0, 0, 0);
			for (const deviceId of CSV_DEVICES) {
				const { unsubscriptionTime } = await sigfoxApi('GET', `/devices/${deviceId}`);
				expect(endOfMonth.getTime() - unsubscriptionTime).toBe(1);
			}
		});
	});
});
