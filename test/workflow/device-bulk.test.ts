import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { useWorkflowSimulator } from '../support/workflow-simulator';
import { byId, runSigfoxNode } from './harness';

const PAC = '0123456789ABCDEF';
const hexId = (n: number) => (0x00b00000 + n).toString(16).toUpperCase();

describe('Device Bulk operations against the simulator', () => {
	const sim = useWorkflowSimulator();
	let deviceTypeId: string;
	let otherTypeId: string;
	const bulk = (operation: string, extra: IDataObject = {}): INodeParameters => ({
		resource: 'deviceBulk',
		operation,
		...extra,
	});
	const run = (parameters: INodeParameters, input: IDataObject[], continueOnFail = false) =>
		runSigfoxNode(parameters, { credentials: sim.credentials, input, continueOnFail });
	const paired = (items: Array<{ pairedItem?: unknown }>) =>
		items.map((item) => (item.pairedItem as { item: number }).item);

	beforeAll(async () => {
		deviceTypeId = await sim.seedDeviceType('Bulk meters', ['00A00001', '00A00002', '00A00003']);
		otherTypeId = await sim.seedDeviceType('Bulk spare');
	});

	it('registers 1,000 devices with one bad PAC: 999 successes and 1 error item, in input order', async () => {
		const input = Array.from({ length: 1000 }, (_, n) => ({
			id: hexId(n),
			pac: n === 417 ? 'NOT-A-PAC' : PAC,
			name: `Meter ${n}`,
		}));

		const { items, error, requests } = await run(
			bulk('create', { deviceTypeId: byId(deviceTypeId), waitForCompletion: true }),
			input,
		);

		expect(error).toBeUndefined();
		expect(items).toHaveLength(1000);
		expect(paired(items)).toEqual(input.map((_, n) => n));
		expect(items.filter((i) => i.json.success === true)).toHaveLength(999);
		expect(items[417].json).toMatchObject({
			deviceId: hexId(417),
			success: false,
			error: 'invalid PAC',
			errorType: 'ENTITY',
			jobDone: true,
		});
		expect(requests.filter((r) => r.method === 'POST')).toHaveLength(1);
		expect(sim.state.devices.get(hexId(999))).toMatchObject({ name: 'Meter 999' });
	});

	it('splits the input into jobs of Job Size devices, and says what each device got', async () => {
		const input = ['00A10001', '00A10002', '00A10003', '00A10004', '00A10005'].map((id) => ({
			id,
			pac: PAC,
		}));

		const { items, requests } = await run(
			bulk('create', {
				deviceTypeId: byId(deviceTypeId),
				jobSize: 2,
				options: { prefix: 'Split-' },
			}),
			input,
		);

		expect(
			requests
				.filter((r) => r.method === 'POST')
				.map((r) => (r.body as IDataObject[] & { data: unknown[] }).data.length),
		).toEqual([2, 2, 1]);
		expect(items.map((i) => i.json.success)).toEqual([true, true, true, true, true]);
		expect(sim.state.devices.get('00A10005')?.name).toBe('Split-00A10005');
	});

	it("takes the device fields not set in the node from each item's own fields", async () => {
		const { items, requests } = await run(
			bulk('create', {
				deviceTypeId: byId(deviceTypeId),
				deviceFields: { automaticRenewal: false },
			}),
			[
				{
					id: '00A40001',
					pac: PAC,
					lat: 43.6,
					lng: '1.44',
					activable: 'false',
					automaticRenewal: true,
				},
				{ id: '00A40002', pac: PAC, lat: 'north' },
			],
		);

		expect(items[1].json).toMatchObject({
			success: false,
			error: 'The item\'s field "lat" ("north") is not a number',
		});
		expect(requests[0].body).toMatchObject({
			data: [{ id: '00A40001', lat: 43.6, lng: 1.44, activable: false, automaticRenewal: false }],
		});
		expect(items[0].json).toMatchObject({ success: true });
		expect(sim.state.devices.get('00A40001')).toMatchObject({ lat: 43.6, activable: false });
	});

	it('sends a device listed twice in a job of its own, so each item gets its own outcome', async () => {
		const { items, requests } = await run(bulk('update', { updateFields: { name: 'Twice' } }), [
			{ id: '00A00003' },
			{ id: '00FFFFFB' },
			{ id: '00a00003' },
		]);
		expect(requests.filter((r) => r.method === 'PUT').map((r) => r.body)).toEqual([
			{
				data: [
					{ id: '00A00003', name: 'Twice' },
					{ id: '00FFFFFB', name: 'Twice' },
				],
			},
			{ data: [{ id: '00A00003', name: 'Twice' }] },
		]);
		expect(items.map((i) => [i.json.deviceId, i.json.success])).toEqual([
			['00A00003', true],
			['00FFFFFB', false],
			['00A00003', true],
		]);
	});

	it('gives an unusable device its own error item and sends the others', async () => {
		const { items, error, requests } = await run(bulk('restart'), [
			{ id: '00A00001' },
			{ id: 'not hex' },
			{ id: '00A00002' },
		]);

		expect(error).toBeUndefined();
		expect(items.map((i) => i.json)).toEqual([
			{ deviceId: '00A00001', jobId: expect.any(String), jobDone: true, success: true },
			{
				success: false,
				error: 'Device ID "not hex" is not valid',
				description: expect.stringMatching(/1 to 8 hexadecimal/),
			},
			{ deviceId: '00A00002', jobId: expect.any(String), jobDone: true, success: true },
		]);
		expect(requests[0].body).toEqual({ data: ['00A00001', '00A00002'] });
	});

	describe('waiting for jobs, with both job-status shapes', () => {
		it('reads a registration job (create, update, transfer) and names each failed device', async () => {
			const { items } = await run(bulk('update', { updateFields: { name: 'Edited' } }), [
				{ id: '00A00001' },
				{ id: '00FFFFFF' },
			]);
			expect(items.map((i) => i.json)).toEqual([
				{ deviceId: '00A00001', jobId: expect.any(String), jobDone: true, success: true },
				{
					deviceId: '00FFFFFF',
					jobId: expect.any(String),
					jobDone: true,
					success: false,
					error: "the device doesn't exist",
					errorType: 'ENTITY',
				},
			]);
			expect(sim.state.devices.get('00A00001')?.name).toBe('Edited');
		});

		it('reads an action job (suspend, resume) and names each failed device', async () => {
			const { items } = await run(bulk('suspend'), [{ id: '00A00002' }, { id: '00FFFFFE' }]);
			expect(items.map((i) => [i.json.deviceId, i.json.success, i.json.error])).toEqual([
				['00A00002', true, undefined],
				['00FFFFFE', false, "the device doesn't exist"],
			]);
			expect(sim.state.devices.get('00A00002')?.state).toBe(6);

			const resumed = await run(bulk('resume'), [{ id: '00A00002' }]);
			expect(resumed.items[0].json).toMatchObject({ success: true, jobDone: true });
			expect(sim.state.devices.get('00A00002')?.state).toBe(0);
		});

		it('without waiting, outputs the job ID per device; Get Job Status reads it in one shape', async () => {
			const started = await run(bulk('restart', { waitForCompletion: false }), [
				{ id: '00A00001' },
				{ id: '00FFFFFD' },
			]);
			expect(started.items.map((i) => i.json)).toEqual([
				{ deviceId: '00A00001', jobId: expect.any(String), jobDone: false },
				{ deviceId: '00FFFFFD', jobId: expect.any(String), jobDone: false },
			]);
			const jobId = started.items[0].json.jobId as string;

			const later = async () =>
				(await run(bulk('getRestartJobStatus', { jobId }), [{}])).items[0].json;
			let status = await later();
			for (let polls = 0; !status.jobDone && polls < 50; polls++) status = await later();
			expect(status).toEqual({
				jobId,
				jobDone: true,
				total: 2,
				success: 1,
				errorCount: 1,
				errors: [
					{ entity: '00FFFFFD', message: "the device doesn't exist", type: 0, typeName: 'ENTITY' },
				],
			});

			const created = await run(
				bulk('create', { deviceTypeId: byId(deviceTypeId), waitForCompletion: false }),
				[{ id: '00A20001', pac: PAC }],
			);
			const registration = async () =>
				(await run(bulk('getJobStatus', { jobId: created.items[0].json.jobId }), [{}])).items[0]
					.json;
			let registered = await registration();
			for (let polls = 0; !registered.jobDone && polls < 50; polls++)
				registered = await registration();
			expect(registered).toMatchObject({
				jobDone: true,
				total: 1,
				success: 1,
				errorCount: 0,
				errors: [],
			});
		});

		it('reads the suspend, resume and unsubscribe job statuses from their own routes', async () => {
			for (const [operation, statusOperation, extra] of [
				['suspend', 'getSuspendJobStatus', {}],
				['resume', 'getResumeJobStatus', {}],
				[
					'unsubscribe',
					'getUnsubscribeJobStatus',
					{ unsubscriptionTime: '2027-03-01T00:00:00.000Z', confirmUnsubscribe: true },
				],
			] as const) {
				const started = await run(bulk(operation, { waitForCompletion: false, ...extra }), [
					{ id: '00A00003' },
				]);
				const jobId = started.items[0].json.jobId as string;
				const { items, requests } = await run(bulk(statusOperation, { jobId }), [{}]);
				expect(items[0].json).toMatchObject({ jobId, total: 1 });
				expect(requests[0].path).toBe(`/devices/bulk/${operation}/${jobId}`);
			}
			expect(sim.state.devices.get('00A00003')?.unsubscriptionTime).toBe(
				Date.parse('2027-03-01T00:00:00.000Z'),
			);
		});
	});

	describe('irreversible operations', () => {
		it('transfers only with the token-loss confirmation, keeping the history when asked', async () => {
			const parameters = bulk('transfer', {
				deviceTypeId: byId(otherTypeId),
				deviceFields: { keepHistory: true },
			});
			const refused = await run(parameters, [{ id: '00A00001' }]);
			expect(refused.error?.message).toMatch(
				/^Not sent: devices moved to a device type of another order lose their token/,
			);
			expect(refused.requests).toHaveLength(0);

			const { items, requests } = await run({ ...parameters, confirmTokenLoss: true }, [
				{ id: '00A00001' },
			]);
			expect(requests[0].body).toEqual({
				deviceTypeId: otherTypeId,
				data: [{ id: '00A00001', keepHistory: true }],
			});
			expect(items[0].json).toMatchObject({ success: true, jobDone: true });
			expect(sim.state.devices.get('00A00001')?.deviceTypeId).toBe(otherTypeId);
		});

		it('replaces devices at once, with each pair’s outcome', async () => {
			const { items } = await run(bulk('replace', { confirmReplace: true }), [
				{ id: '00A00002', targetDeviceId: '00A00003' },
				{ id: '00FFFFFC', targetDeviceId: '00A00003' },
			]);
			expect(items.map((i) => i.json)).toEqual([
				{ deviceId: '00A00002', success: true },
				{
					deviceId: '00FFFFFC',
					success: false,
					error: "the device doesn't exist",
					errorType: 'ENTITY',
				},
			]);
		});
	});

	describe('when a request fails', () => {
		it('fails the node when Sigfox refuses the job', async () => {
			const { error } = await run(
				bulk('create', { deviceTypeId: byId('aaaaaaaaaaaaaaaaaaaaaaaa') }),
				[{ id: '00A30001', pac: PAC }],
			);
			expect(error?.message).toBe('Sigfox rejected the request: bad request');
			expect(error?.description).toMatch(/field "deviceTypeId": unknown device type/);
		});

		it('with Continue On Fail, outputs the failure for every device of the job', async () => {
			const { items, error } = await run(
				bulk('create', { deviceTypeId: byId('aaaaaaaaaaaaaaaaaaaaaaaa') }),
				[
					{ id: '00A30001', pac: PAC },
					{ id: '00A30002', pac: PAC },
				],
				true,
			);
			expect(error).toBeUndefined();
			expect(items.map((i) => [i.json.deviceId, i.json.error])).toEqual([
				['00A30001', 'Sigfox rejected the request: bad request'],
				['00A30002', 'Sigfox rejected the request: bad request'],
			]);
			expect(paired(items)).toEqual([0, 1]);
		});

		it('does not send a job again when the connection drops: its devices come out with an unknown outcome', async () => {
			await sim.faults({ rateDrop: 1 });
			try {
				const { items, error, requests } = await run(bulk('restart'), [{ id: '00A00003' }]);
				expect(error).toBeUndefined();
				expect(requests).toHaveLength(1);
				expect(items[0].json).toMatchObject({ deviceId: '00A00003', outcomeUnknown: true });
				expect(items[0].json.error).toMatch(/it was not sent again/);
			} finally {
				await sim.faults({});
			}
		});
	});
});
