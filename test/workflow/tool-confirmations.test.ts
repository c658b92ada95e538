import type { INodeParameters } from 'n8n-workflow';

import { useWorkflowSimulator } from '../support/workflow-simulator';
import { byId, runSigfoxNode } from './harness';
import { runSigfoxTool } from './tool-harness';

const PAC = '0123456789ABCDEF';

/**
 * The operations that spend money ask an AI agent or an MCP client for an explicit confirmation: "Sigfox Tool"
 * refuses them without it, before any request, while the Sigfox node in a workflow built by hand runs them as
 * before, with no confirmation parameter at all.
 */
describe('Sigfox Tool: no money spent without a confirmation argument', () => {
	const sim = useWorkflowSimulator();
	let deviceTypeId: string;

	beforeAll(async () => {
		deviceTypeId = await sim.seedDeviceType('Tool meters', ['00CC01', '00CC02']);
	});

	const createDevice = (id: string): INodeParameters => ({
		resource: 'device',
		operation: 'create',
		newDeviceId: id,
		name: `Agent meter ${id}`,
		pac: PAC,
		deviceTypeId: byId(deviceTypeId),
	});

	it('refuses Device → Create without its confirmation: the model reads why, nothing reaches Sigfox', async () => {
		const { error, requests, items } = await runSigfoxTool(createDevice('00CC10'), {
			credentials: sim.credentials,
		});

		expect(error?.message).toBe(
			'Not sent: the device takes a token of the contract, which is billed, when it first communicates',
		);
		expect(error?.description).toBe('Set "Confirm Registration" to true to run create a device.');
		expect(items).toEqual([]);
		expect(requests).toHaveLength(0);
		expect(sim.state.devices.has('00CC10')).toBe(false);
	});

	it('refuses it when the model says false, and registers the device when it says true', async () => {
		const refused = await runSigfoxTool(
			{ ...createDevice('00CC11'), confirmRegistration: false },
			{ credentials: sim.credentials },
		);
		expect(refused.error?.message).toMatch(/^Not sent: /);
		expect(refused.requests).toHaveLength(0);

		const done = await runSigfoxTool(
			{ ...createDevice('00CC11'), confirmRegistration: true },
			{ credentials: sim.credentials },
		);
		expect(done.error).toBeUndefined();
		expect(done.items.map((item) => item.json)).toEqual([{ id: '00CC11' }]);
		expect(done.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /devices/']);
		expect(sim.state.devices.get('00CC11')).toMatchObject({ deviceTypeId });
	});

	it('leaves the Sigfox node of a hand-built workflow as it was: Device → Create needs no confirmation', async () => {
		const { error, items, requests } = await runSigfoxNode(createDevice('00CC12'), {
			credentials: sim.credentials,
		});

		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual([{ id: '00CC12' }]);
		expect(requests).toHaveLength(1);
		expect(sim.state.devices.has('00CC12')).toBe(true);
	});

	it.each<[string, () => INodeParameters, RegExp]>([
		[
			'Device Bulk → Create',
			() => ({
				resource: 'deviceBulk',
				operation: 'create',
				deviceTypeId: byId(deviceTypeId),
				deviceId: '00CC20',
				pac: PAC,
			}),
			/^Not sent: each device takes a token of the contract, which is billed/,
		],
		[
			'Device Bulk → Restart',
			() => ({ resource: 'deviceBulk', operation: 'restart', deviceId: '00CC01' }),
			/^Not sent: each restarted device whose token has ended takes a new token/,
		],
		[
			'Device Type → Restart Devices',
			() => ({
				resource: 'deviceType',
				operation: 'restartDevices',
				deviceTypeId: byId(deviceTypeId),
			}),
			/^Not sent: each restarted device whose token has ended takes a new token/,
		],
		[
			'Contract → Restart Devices',
			() => ({
				resource: 'contract',
				operation: 'restartDevices',
				contractId: byId(sim.state.contract.id),
			}),
			/^Not sent: each restarted device whose token has ended takes a new token/,
		],
	])(
		'refuses %s as a tool without its confirmation, before any request',
		async (_, parameters, said) => {
			const { error, requests } = await runSigfoxTool(parameters(), {
				credentials: sim.credentials,
			});

			expect(error?.message).toMatch(said);
			expect(requests).toHaveLength(0);
		},
	);

	it('runs Device Type → Restart Devices as a tool once confirmed', async () => {
		const { error, items, requests } = await runSigfoxTool(
			{
				resource: 'deviceType',
				operation: 'restartDevices',
				deviceTypeId: byId(deviceTypeId),
				confirmRestart: true,
			},
			{ credentials: sim.credentials },
		);

		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ jobDone: true, errorCount: 0 });
		expect(requests[0]).toMatchObject({
			method: 'POST',
			path: `/device-types/${deviceTypeId}/bulk/restart`,
		});
	});
});
