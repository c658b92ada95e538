'use strict';
/**
 * examples/sigfox-mcp-server.json in a real n8n: n8n's MCP Server Trigger exposing Sigfox Tools (three reads and a
 * registration that spends money), driven by an MCP client of the official SDK (@modelcontextprotocol/sdk) over
 * streamable HTTP. The client lists the tools (names, descriptions, argument names), calls them against the
 * simulator, and is refused without the header the trigger's Header Auth credential names, or with a wrong value.
 */
const { Client } = require('@modelcontextprotocol/sdk/client/index.js');
const {
	StreamableHTTPClientTransport,
} = require('@modelcontextprotocol/sdk/client/streamableHttp.js');

const { catalogue, findOperation } = require('../../dist/nodes/Sigfox/catalogue');
const { toolDescription } = require('../../dist/nodes/Sigfox/actions/toolDescription');
const { e2eState, sigfoxApi, simulatorControl, waitFor, FIXTURE_DEVICES } = require('./helpers');
const {
	MCP_AUTH,
	activate,
	deactivate,
	example,
	importCredentials,
	mcpCredential,
} = require('./ai-stack');

const WORKFLOW = example('sigfox-mcp-server.json');
const TRIGGER = WORKFLOW.nodes.find((n) => n.type === '@n8n/n8n-nodes-langchain.mcpTrigger');
/** n8n's tool name for a node name (n8n-workflow's nodeNameToToolName). */
const toolName = (nodeName) => nodeName.replace(/[^a-zA-Z0-9_-]+/g, '_');

describe('an MCP client runs Sigfox tools through the MCP Server Trigger', () => {
	let client;
	let deviceTypeId;
	const mcpUrl = () => new URL(`${e2eState().n8nUrl}/mcp/${TRIGGER.parameters.path}`);

	/** An MCP `initialize` as a bare HTTP request, with the given headers: the trigger's answer status. */
	async function initializeStatus(headers) {
		const res = await fetch(mcpUrl(), {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				accept: 'application/json, text/event-stream',
				...headers,
			},
			body: JSON.stringify({
				jsonrpc: '2.0',
				id: 1,
				method: 'initialize',
				params: {
					protocolVersion: '2025-03-26',
					capabilities: {},
					clientInfo: { name: 'e2e-raw', version: '1' },
				},
			}),
		});
		await res.text();
		return res.status;
	}

	beforeAll(async () => {
		await importCredentials([mcpCredential()]);
		deviceTypeId = (await sigfoxApi('GET', `/devices/${FIXTURE_DEVICES[0].id}`)).deviceType.id;
		await activate(WORKFLOW.id);
		// Activation registers the trigger's webhook shortly after the public API answers.
		await waitFor(
			async () =>
				(await initializeStatus({ [MCP_AUTH.name]: MCP_AUTH.value })) === 404 ? null : true,
			{ what: 'the MCP Server Trigger to be registered', timeoutMs: 30_000, intervalMs: 500 },
		);
		client = new Client({ name: 'sigfox-e2e-mcp-client', version: '1.0.0' });
		await client.connect(
			new StreamableHTTPClientTransport(mcpUrl(), {
				requestInit: { headers: { [MCP_AUTH.name]: MCP_AUTH.value } },
			}),
		);
	});

	afterAll(async () => {
		await client?.close().catch(() => undefined);
		await deactivate(WORKFLOW.id);
	});

	test('lists the tools: names, descriptions a person understands, argument names', async () => {
		const { tools } = await client.listTools();
		const seen = tools
			.map((t) => ({
				name: t.name,
				description: t.description,
				arguments: Object.keys(t.inputSchema.properties ?? {}).sort(),
			}))
			.sort((a, b) => a.name.localeCompare(b.name));
		expect(seen.map(({ name, arguments: args }) => ({ name, arguments: args }))).toEqual([
			{ name: 'Device_Type_Messages', arguments: ['deviceTypeId', 'limit', 'since'] },
			{ name: 'Get_Device', arguments: ['deviceId'] },
			{ name: 'List_Devices', arguments: ['deviceTypeId', 'limit'] },
			{
				name: 'Register_Device',
				arguments: ['confirmRegistration', 'deviceId', 'deviceTypeId', 'name', 'pac'],
			},
		]);
		const byName = Object.fromEntries(tools.map((t) => [t.name, t]));
		// Descriptions the example writes by hand reach the client as written.
		expect(byName.Get_Device.description).toMatch(/^Reads one Sigfox device by its ID/);
		expect(byName.Device_Type_Messages.description).toMatch(/^Lists the uplink messages/);
		// Tools saved without one get the description Sigfox Tool gives their operation, not "<action> in Sigfox".
		const device = catalogue.find((r) => r.value === 'device');
		const ownDescription = (operation) =>
			toolDescription(
				device,
				device.operations.find((o) => o.value === operation),
			);
		expect(byName.Register_Device.description).toBe(ownDescription('create'));
		expect(byName.Register_Device.description).toMatch(
			/^Sigfox Device → Create: Register one device/,
		);
		expect(byName.Register_Device.description).toContain(
			'Not sent unless Confirm Registration (confirmRegistration) is true: set it only when the user explicitly agreed that the device takes a token of the contract, which is billed',
		);
		expect(byName.List_Devices.description).toBe(ownDescription('getAll'));
		expect(byName.List_Devices.description).toContain(
			'at most Limit of them (50 unless the workflow sets otherwise). To reach others, ask again with narrower filters.',
		);
		for (const tool of seen) expect(tool.description).not.toMatch(/ in Sigfox$/);
		expect(byName.Get_Device.inputSchema.properties.deviceId.description).toMatch(/hexadecimal/);
		expect(byName.List_Devices.inputSchema.properties.limit.type).toBe('number');
	});

	test('no tool the client sees can spend money or change the fleet without a confirmation argument', async () => {
		const { tools } = await client.listTools();
		expect(tools.length).toBeGreaterThan(0);
		for (const tool of tools) {
			const node = WORKFLOW.nodes.find((n) => toolName(n.name) === tool.name);
			expect(node).toBeDefined();
			const operation = findOperation(node.parameters.resource, node.parameters.operation);
			expect(operation).toBeDefined();
			const readOnly = operation.kind === 'local' || operation.endpoint.method === 'GET';
			if (readOnly) continue;
			// A writing operation must carry its confirmation, set by the client (a $fromAI argument), never fixed.
			const confirmations = operation.fields.filter((f) => f.confirms).map((f) => f.property.name);
			expect(confirmations.length).toBeGreaterThan(0);
			for (const name of confirmations) {
				expect(Object.keys(tool.inputSchema.properties ?? {})).toContain(name);
			}
		}
	});

	test('calls List_Devices and Device_Type_Messages; the calls reach the simulator', async () => {
		const listed = await client.callTool({
			name: 'List_Devices',
			arguments: { deviceTypeId, limit: 1 },
		});
		expect(listed.isError).toBeFalsy();
		const listText = listed.content.map((c) => c.text).join('');
		const devices = JSON.parse(listText);
		expect(devices).toHaveLength(1);
		// A device of that type on the simulator (the agent suite may have added some).
		expect((await sigfoxApi('GET', `/devices/${devices[0].id}`)).deviceType.id).toBe(deviceTypeId);

		const { message } = await simulatorControl(e2eState().simControlUrl)(
			'POST',
			`/devices/${FIXTURE_DEVICES[1].id}/frames`,
			{ data: 'c0ffee' },
		);
		const read = await client.callTool({
			name: 'Device_Type_Messages',
			arguments: { deviceTypeId, limit: 5, since: new Date(Date.now() - 600_000).toISOString() },
		});
		expect(read.isError).toBeFalsy();
		const text = read.content.map((c) => c.text).join('');
		expect(text).toContain('c0ffee');
		expect(text).toContain(`${FIXTURE_DEVICES[1].id}:${message.seqNumber}:`);
	});

	test('Register_Device spends money only when the client confirms: refused first, nothing sent; then registered', async () => {
		const args = {
			deviceId: 'A6E410',
			name: 'MCP registered sensor',
			pac: '1B2C3D4E5F607182',
			deviceTypeId,
		};
		const refused = await client.callTool({
			name: 'Register_Device',
			arguments: { ...args, confirmRegistration: false },
		});
		const refusal = refused.content.map((c) => c.text).join('');
		expect(refusal).toMatch(/Not sent: the device takes a token of the contract, which is billed/);
		await expect(sigfoxApi('GET', '/devices/A6E410')).rejects.toThrow(/404/);

		const registered = await client.callTool({
			name: 'Register_Device',
			arguments: { ...args, confirmRegistration: true },
		});
		expect(registered.isError).toBeFalsy();
		expect(registered.content.map((c) => c.text).join('')).toContain('A6E410');
		expect((await sigfoxApi('GET', '/devices/A6E410')).deviceType.id).toBe(deviceTypeId);
	});

	test('missing auth and a wrong key are refused (n8n answers 403 to both for Header Auth)', async () => {
		expect(await initializeStatus({})).toBe(403);
		expect(await initializeStatus({ [MCP_AUTH.name]: 'wrong-key' })).toBe(403);
		const intruder = new Client({ name: 'intruder', version: '1.0.0' });
		await expect(
			intruder.connect(
				new StreamableHTTPClientTransport(mcpUrl(), {
					requestInit: { headers: { [MCP_AUTH.name]: 'wrong-key' } },
				}),
			),
		).rejects.toThrow();
	});
});
