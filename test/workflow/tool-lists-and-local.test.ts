import type { INodeParameters } from 'n8n-workflow';

import { useWorkflowSimulator } from '../support/workflow-simulator';
import { byId, runSigfoxNode } from './harness';
import { runSigfoxTool } from './tool-harness';

const hexId = (n: number) => (0x00d00000 + n).toString(16).toUpperCase();

/** What a list tool gives a model left with the workflow's defaults, and how it reaches the rest. */
describe('Sigfox Tool lists: bounded by default, and the way to the rest works', () => {
	const sim = useWorkflowSimulator();
	let deviceTypeId: string;
	const fleet = Array.from({ length: 60 }, (_, n) => hexId(n));

	beforeAll(async () => {
		deviceTypeId = await sim.seedDeviceType('Tool fleet', fleet);
		sim.addMessages(fleet[0], 80);
	});

	it('lists 50 devices of a fleet of 60 when the workflow sets neither Return All nor Limit', async () => {
		const { items, error } = await runSigfoxTool(
			{ resource: 'device', operation: 'getAll', filters: { deviceTypeId: byId(deviceTypeId) } },
			{ credentials: sim.credentials },
		);

		expect(error).toBeUndefined();
		expect(items).toHaveLength(50);
	});

	it('reads the 80 messages of a device 50 at a time: the next call sets Before to the oldest time received', async () => {
		const read = async (filters: INodeParameters) =>
			runSigfoxTool(
				{ resource: 'device', operation: 'getMessages', deviceId: byId(fleet[0]), filters },
				{ credentials: sim.credentials },
			);

		const first = await read({});
		expect(first.error).toBeUndefined();
		expect(first.items).toHaveLength(50);
		const oldest = first.items.at(-1)!.json.time as string;

		const rest = await read({ before: oldest });
		expect(rest.error).toBeUndefined();
		expect(rest.items).toHaveLength(30);
		const seqNumbers = [...first.items, ...rest.items].map((i) => i.json.seqNumber);
		expect(new Set(seqNumbers).size).toBe(80);
	});
});

describe('Sigfox Tool: Payload → Decode works, Downlink → Build Answer refuses', () => {
	// Neither calls an API: the credential points nowhere, and any request would fail the run.
	const credentials = { login: 'unused', password: 'unused', baseUrl: 'http://127.0.0.1:9/v2' };

	it('decodes the hex data a model hands it with the payload config it names', async () => {
		const { items, error, requests } = await runSigfoxTool(
			{
				resource: 'payload',
				operation: 'decode',
				payloadConfig: 'temp::int:16:little-endian hum::uint:8',
				data: '38ff2d',
			},
			{ credentials },
		);

		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.decoded)).toEqual([{ temp: -200, hum: 45 }]);
		expect(requests).toHaveLength(0);
	});

	it('refuses Build Answer as a tool, telling the model why, and answers nothing', async () => {
		const { items, error, run } = await runSigfoxTool(
			{
				resource: 'downlink',
				operation: 'buildAnswer',
				deviceId: '1A2B3C',
				downlinkData: '0102030405060708',
			},
			{ credentials },
		);

		expect(error?.message).toBe('Build Answer does not work as a tool');
		expect(error?.description).toMatch(
			/answers the bidirectional callback that started the workflow/,
		);
		expect(items).toEqual([]);
		expect(run.data.resultData.runData['Sigfox Tool'][0].data).toBeUndefined();
	});

	it('still builds and sends the answer in a workflow built by hand', async () => {
		const { items, error, responses } = await runSigfoxNode(
			{
				resource: 'downlink',
				operation: 'buildAnswer',
				deviceId: '1A2B3C',
				downlinkData: '0102030405060708',
			},
			{ credentials },
		);

		expect(error).toBeUndefined();
		expect(items.map((i) => i.json)).toEqual([{ '1A2B3C': { downlinkData: '0102030405060708' } }]);
		expect(responses).toHaveLength(1);
	});
});
