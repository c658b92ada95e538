import type { IDataObject } from 'n8n-workflow';

import { useWorkflowSimulator } from '../support/workflow-simulator';
import { byId, runSigfoxNode, sigfoxSteps } from './harness';

/** Every device, device type and callback operation once, in a workflow, against the simulator. */
describe('Sigfox node operations against the simulator', () => {
	const sim = useWorkflowSimulator();
	let deviceTypeId: string;

	const { run, listAll } = sigfoxSteps(() => sim.credentials);

	beforeAll(async () => {
		deviceTypeId = await sim.seedDeviceType('Tour meters', ['00AA01', '00AA02']);
	});

	describe('Device', () => {
		it('creates a device with its PAC, location and product certificate, then reads it', async () => {
			const [created] = await run({
				resource: 'device',
				operation: 'create',
				newDeviceId: '00aa10',
				name: 'Tour meter 10',
				pac: '0123456789ABCDEF',
				deviceTypeId: byId(deviceTypeId),
				additionalFields: {
					lat: 43.6,
					lng: 1.44,
					productCertificate: 'P_0003_71CF_01',
					prototype: true,
				},
			});
			expect(created).toEqual({ id: '00AA10' });

			const [device] = await run({
				resource: 'device',
				operation: 'get',
				deviceId: byId('00AA10'),
			});
			expect(device).toMatchObject({
				id: '00AA10',
				name: 'Tour meter 10',
				prototype: true,
				location: { lat: 43.6, lng: 1.44 },
				productCertificate: { key: 'P_0003_71CF_01' },
			});
		});

		it('refuses a PAC that is not 16 hexadecimal characters before calling Sigfox', async () => {
			const { error, requests } = await runSigfoxNode(
				{
					resource: 'device',
					operation: 'create',
					newDeviceId: '00AA11',
					name: 'Bad PAC',
					pac: '1234',
					deviceTypeId: byId(deviceTypeId),
				},
				{ credentials: sim.credentials },
			);
			expect(error?.message).toBe('PAC "1234" is not valid');
			expect(requests).toHaveLength(0);
		});

		it('lists devices and updates one', async () => {
			const devices = await listAll('device');
			expect(devices.map((d) => d.id).sort()).toEqual(['00AA01', '00AA02', '00AA10']);

			expect(
				await run({
					resource: 'device',
					operation: 'update',
					deviceId: byId('00AA10'),
					updateFields: { name: 'Renamed', automaticRenewal: false },
				}),
			).toEqual([{ success: true, id: '00AA10' }]);
			expect(sim.state.devices.get('00AA10')).toMatchObject({
				name: 'Renamed',
				automaticRenewal: false,
			});
		});

		it('reads messages, message metrics and locations, with ISO time and the trigger’s message ID', async () => {
			sim.addMessages('00AA01', 3);
			const messages = await run({
				resource: 'device',
				operation: 'getMessages',
				deviceId: byId('00AA01'),
				returnAll: true,
				filters: { since: new Date(Date.now() - 3600_000).toISOString() },
			});
			expect(messages).toHaveLength(3);
			const newest = sim.state.messages.at(-1)!;
			expect(messages[0]).toMatchObject({
				deviceId: '00AA01',
				time: new Date(newest.time as number).toISOString(),
				timestamp: newest.time,
				messageId: `00AA01:2:${Math.floor((newest.time as number) / 1000)}`,
				data: newest.data,
				seqNumber: 2,
			});

			const [metric] = await run({
				resource: 'device',
				operation: 'getMessageMetrics',
				deviceId: byId('00AA01'),
			});
			expect(metric).toEqual({ lastDay: 3, lastWeek: 3, lastMonth: 3 });

			const locations = await run({
				resource: 'device',
				operation: 'getLocations',
				deviceId: byId('00AA01'),
				limit: 2,
				filters: { before: new Date().toISOString(), oob: false },
			});
			expect(locations).toHaveLength(2);
			expect(locations[0]).toMatchObject({ source: 2, valid: true });
		});

		it('sends since and before as epoch milliseconds', async () => {
			const since = '2026-11-20T08:00:00.000Z';
			const { requests } = await runSigfoxNode(
				{
					resource: 'device',
					operation: 'getMessages',
					deviceId: byId('00AA01'),
					filters: { since, before: '2026-11-26T08:00:00.000Z' },
				},
				{ credentials: sim.credentials },
			);
			expect(requests[0].query).toMatchObject({
				since: String(Date.parse(since)),
				before: String(Date.parse('2026-11-26T08:00:00.000Z')),
			});
		});

		it('lists undelivered callbacks with the trigger’s secret header masked', async () => {
			sim.addUndelivered({
				deviceId: '00AA01',
				deviceTypeId,
				callback: {
					url: 'https://n8n.example.org/webhook/sigfox',
					method: 'POST',
					headers: { 'x-n8n-sigfox-secret': 'a-real-secret-value', 'x-other': 'kept' },
				},
			});
			const [record] = await run({
				resource: 'device',
				operation: 'getUndeliveredCallbacks',
				deviceId: byId('00AA01'),
				returnAll: true,
			});
			expect(record.callback).toMatchObject({
				headers: { 'x-n8n-sigfox-secret': '***', 'x-other': 'kept' },
			});
			expect(JSON.stringify(record)).not.toContain('a-real-secret-value');
		});

		it('reads the modem and product certificates, and a certificate by ID and PAC', async () => {
			const [modem] = await run({
				resource: 'device',
				operation: 'getModemCertificate',
				deviceId: byId('00AA01'),
			});
			expect(modem.key).toBeDefined();
			const [product] = await run({
				resource: 'device',
				operation: 'getProductCertificate',
				deviceId: byId('00AA10'),
			});
			expect(product).toMatchObject({ key: 'P_0003_71CF_01' });
			const [byPac] = await run({
				resource: 'device',
				operation: 'checkProductCertificate',
				newDeviceId: '00CC01',
				pac: '0123456789ABCDEF',
			});
			expect(byPac.key).toBeDefined();
		});

		it('reads the consumption of a year and of a month', async () => {
			const year = new Date().getUTCFullYear();
			const [yearly] = await run({
				resource: 'device',
				operation: 'getYearConsumption',
				deviceId: byId('00AA01'),
				year,
			});
			expect((yearly.deviceConsumptions as IDataObject[]).length).toBeGreaterThanOrEqual(365);
			const [monthly] = await run({
				resource: 'device',
				operation: 'getMonthConsumption',
				deviceId: byId('00AA01'),
				year,
				month: 2,
			});
			expect((monthly.deviceConsumptions as IDataObject[]).length).toBeLessThanOrEqual(29);
		});

		it('disengages the sequence number check', async () => {
			expect(
				await run({ resource: 'device', operation: 'disengage', deviceId: byId('00AA01') }),
			).toEqual([{ success: true, id: '00AA01' }]);
		});

		it('does not unsubscribe without the confirmation, and unsubscribes with it', async () => {
			const at = '2027-01-31T00:00:00.000Z';
			const parameters = {
				resource: 'device',
				operation: 'unsubscribe',
				deviceId: byId('00AA02'),
				unsubscriptionTime: at,
			};
			const refused = await runSigfoxNode(parameters, { credentials: sim.credentials });
			expect(refused.error?.message).toMatch(/^Not sent: the token of the device ends/);
			expect(refused.requests).toHaveLength(0);

			await run({ ...parameters, confirmUnsubscribe: true });
			expect(sim.state.devices.get('00AA02')?.unsubscriptionTime).toBe(Date.parse(at));
		});

		it('deletes a device', async () => {
			await run({ resource: 'device', operation: 'delete', deviceId: byId('00AA10') });
			expect(sim.state.devices.has('00AA10')).toBe(false);
		});
	});

	describe('Device Type', () => {
		let createdId: string;

		it('creates, reads, lists and updates a device type', async () => {
			const [created] = await run({
				resource: 'deviceType',
				operation: 'create',
				name: 'Tour trackers',
				description: 'made by the tour',
				groupId: sim.state.group.id,
				geolocPayloadConfigId: '5e2f6e4f8c6c3d0001a1b2c3',
				downlinkMode: 1,
				payloadType: 3,
				additionalFields: { payloadConfig: 'temp::uint:8', keepAlive: 3600 },
			});
			createdId = created.id as string;
			expect(sim.state.deviceTypes.get(createdId)).toMatchObject({
				downlinkMode: 1,
				keepAlive: 3600,
			});

			const [read] = await run({
				resource: 'deviceType',
				operation: 'get',
				deviceTypeId: byId(createdId),
			});
			expect(read).toMatchObject({ id: createdId, name: 'Tour trackers' });
			const listed = await listAll('deviceType');
			expect(listed.map((t) => t.id)).toContain(createdId);

			await run({
				resource: 'deviceType',
				operation: 'update',
				deviceTypeId: byId(createdId),
				updateFields: { name: 'Tour trackers v2', automaticRenewal: false },
			});
			expect(sim.state.deviceTypes.get(createdId)).toMatchObject({
				name: 'Tour trackers v2',
				automaticRenewal: false,
			});
		});

		it('reads and deletes a device type by its project ID', async () => {
			const projectId = sim.state.deviceTypes.get(createdId)!.projectId;
			const [read] = await run({ resource: 'deviceType', operation: 'getByProjectId', projectId });
			expect(read.id).toBe(createdId);
			await run({ resource: 'deviceType', operation: 'deleteByProjectId', projectId });
			expect(sim.state.deviceTypes.has(createdId)).toBe(false);
		});

		it('lists the messages and undelivered callbacks of a device type', async () => {
			const messages = await run({
				resource: 'deviceType',
				operation: 'getMessages',
				deviceTypeId: byId(deviceTypeId),
				returnAll: true,
			});
			expect(messages.length).toBeGreaterThanOrEqual(3);
			expect(messages[0].messageId).toMatch(/^00AA01:\d+:\d+$/);
			const undelivered = await run({
				resource: 'deviceType',
				operation: 'getUndeliveredCallbacks',
				deviceTypeId: byId(deviceTypeId),
				returnAll: true,
			});
			expect(JSON.stringify(undelivered)).toContain('"x-n8n-sigfox-secret":"***"');
		});

		it('disengages the sequence number check of every device of the type', async () => {
			await run({
				resource: 'deviceType',
				operation: 'disengage',
				deviceTypeId: byId(deviceTypeId),
			});
		});

		it('restarts the devices of a type, waits for the job, and reads the job again', async () => {
			const [status] = await run({
				resource: 'deviceType',
				operation: 'restartDevices',
				deviceTypeId: byId(deviceTypeId),
				waitForCompletion: true,
			});
			expect(status).toMatchObject({
				jobDone: true,
				total: 2,
				success: 2,
				errorCount: 0,
				errors: [],
			});
			const [again] = await run({
				resource: 'deviceType',
				operation: 'getRestartJobStatus',
				jobId: status.jobId as string,
			});
			expect(again).toEqual(status);
		});

		it('deletes a device type without devices', async () => {
			const empty = await sim.seedDeviceType('Tour empty');
			await run({ resource: 'deviceType', operation: 'delete', deviceTypeId: byId(empty) });
			expect(sim.state.deviceTypes.has(empty)).toBe(false);
		});
	});

	describe('Callback', () => {
		let bidirId: string;
		const callbackParameters = (operation: string, extra: IDataObject = {}) => ({
			resource: 'callback',
			operation,
			deviceTypeId: byId(deviceTypeId),
			...extra,
		});

		it('creates URL, Batch URL and Email callbacks, each with its channel’s fields only', async () => {
			const [bidir] = await run(
				callbackParameters('create', {
					channel: 'URL',
					callbackType: 0,
					callbackSubtype: 3,
					url: 'https://n8n.example.org/webhook/sigfox',
					httpMethod: 'POST',
					bodyTemplate: '{"device":"{device}","data":"{data}"}',
					contentType: 'application/json',
					headers: { header: [{ name: 'x-n8n-sigfox-secret', value: 'hidden-value' }] },
					sendSni: true,
				}),
			);
			bidirId = bidir.id as string;
			await run(
				callbackParameters('create', {
					channel: 'BATCH_URL',
					callbackType: 0,
					callbackSubtype: 2,
					url: 'https://n8n.example.org/webhook/batch',
					httpMethod: 'POST',
					linePattern: '{device};{time};{data}',
				}),
			);
			await run(
				callbackParameters('create', {
					channel: 'EMAIL',
					callbackType: 1,
					callbackSubtype: 4,
					recipient: 'ops@example.org',
					subject: 'Ack from {device}',
					message: '{infoCode}',
				}),
			);
			expect(sim.state.callbacks.get(bidirId)).toMatchObject({
				headers: { 'x-n8n-sigfox-secret': 'hidden-value' },
			});
		});

		it('lists the callbacks with the secret header masked', async () => {
			const callbacks = await run(callbackParameters('getAll'));
			expect(callbacks.map((c) => c.channel).sort()).toEqual(['BATCH_URL', 'EMAIL', 'URL']);
			const url = callbacks.find((c) => c.channel === 'URL')!;
			expect(url.headers).toEqual({ 'x-n8n-sigfox-secret': '***' });
		});

		it('updates a callback, disables it and selects it as the downlink callback', async () => {
			await run(
				callbackParameters('update', {
					callbackId: byId(bidirId),
					channel: 'URL',
					urlUpdateFields: { url: 'https://n8n.example.org/webhook/sigfox-2', sendSni: false },
				}),
			);
			expect(sim.state.callbacks.get(bidirId)).toMatchObject({
				url: 'https://n8n.example.org/webhook/sigfox-2',
				sendSni: false,
			});
			await run(callbackParameters('setEnabled', { callbackId: byId(bidirId), enabled: false }));
			expect(sim.state.callbacks.get(bidirId)?.enabled).toBe(false);
			await run(callbackParameters('setAsDownlink', { callbackId: byId(bidirId) }));
			expect(sim.state.callbacks.get(bidirId)?.downlinkHook).toBe(true);
		});

		it('answers an empty item when a callback has delivered everything', async () => {
			expect(await run(callbackParameters('getLastError', { callbackId: byId(bidirId) }))).toEqual([
				{},
			]);
		});

		it('reads the last undelivered message of a callback, masked', async () => {
			sim.addUndelivered({
				deviceId: '00AA01',
				deviceTypeId,
				callbackId: bidirId,
				callback: { url: 'https://n8n.example.org', headers: { 'X-N8N-Sigfox-Secret': 'nope' } },
			});
			const [last] = await run(
				callbackParameters('getLastError', {
					callbackId: byId(bidirId),
					filters: { since: new Date(Date.now() - 60_000).toISOString() },
				}),
			);
			expect(last).toMatchObject({ callback: { headers: { 'X-N8N-Sigfox-Secret': '***' } } });
		});

		it('deletes a callback', async () => {
			await run(callbackParameters('delete', { callbackId: byId(bidirId) }));
			expect(sim.state.callbacks.has(bidirId)).toBe(false);
		});
	});
});
