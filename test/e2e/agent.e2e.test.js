'use strict';
/**
 * examples/sigfox-ai-agent.json in a real n8n: an AI Agent whose OpenAI chat model credential points at a scripted
 * model server on 127.0.0.1 (scripts/scripted-chat-model.js: tool calls from a script, no model) and whose tools
 * are the Sigfox Tool (the package's node, usable as a tool) with arguments filled by the model through `$fromAI`.
 * Each scenario asserts on what reached the simulator and on what the model server received back from n8n.
 */
const { seededRandom } = require('../../simulator/faults');
const { scriptedChatModel } = require('../../scripts/scripted-chat-model');
const {
	e2eState,
	publicApi,
	sigfoxApi,
	simulatorControl,
	waitFor,
	FIXTURE_DEVICES,
} = require('./helpers');
const {
	activate,
	deactivate,
	example,
	importCredentials,
	openAiCredential,
} = require('./ai-stack');

const WORKFLOW = example('sigfox-ai-agent.json');
const NEW_DEVICE = { id: 'A6E401', name: 'Agent registered sensor', pac: '7A3C9E1F0B2D4C6E' };
const UNSUBSCRIBED = 'A6E402';

/** A seed whose first API request draws a 429 and the second one a normal answer (two draws per request). */
function seedFor429ThenOk(share) {
	for (let seed = 1; seed < 10_000; seed++) {
		const random = seededRandom(seed);
		const draws = [random(), random(), random(), random()];
		if (draws[0] < share && draws[2] >= share) return seed;
	}
	throw new Error('no seed found');
}

describe('an AI Agent runs the Sigfox fleet through the Sigfox Tool (scripted model server)', () => {
	// The scripts are filled per scenario below; the server reads them at each request.
	const scripts = {};
	const model = scriptedChatModel(scripts);
	let deviceTypeId;
	const control = () => simulatorControl(e2eState().simControlUrl);

	async function ask(scenario, prompt) {
		const { n8nUrl } = e2eState();
		// Activation registers the production webhook shortly after the public API answers.
		const res = await waitFor(
			async () => {
				const r = await fetch(`${n8nUrl}/webhook/sigfox-fleet-agent`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ prompt: `[scenario:${scenario}] ${prompt}` }),
				});
				return r.status === 404 ? null : r;
			},
			{ what: 'the agent webhook to be registered', timeoutMs: 30_000, intervalMs: 500 },
		);
		const text = await res.text();
		if (!res.ok) throw new Error(`agent webhook ${res.status}: ${text}`);
		return JSON.parse(text);
	}

	/** The tool results the model received back in a scenario's last request. */
	const toolResults = (scenario) => model.of(scenario).at(-1)?.toolResults ?? [];

	beforeAll(async () => {
		await model.listen();
		await importCredentials([openAiCredential(model.baseUrl)]);
		deviceTypeId = (await sigfoxApi('GET', `/devices/${FIXTURE_DEVICES[0].id}`)).deviceType.id;
		await control()('POST', '/devices', {
			id: UNSUBSCRIBED,
			name: 'Agent unsubscribed',
			deviceTypeId,
		});
		await activate(WORKFLOW.id);
	});

	afterAll(async () => {
		await deactivate(WORKFLOW.id);
		await control()('PUT', '/faults', {}).catch(() => undefined);
		await model.close();
	});

	test('the model is offered the four Sigfox tools with their descriptions and $fromAI arguments', async () => {
		scripts.tools = [{ content: 'I can read messages, read, create and unsubscribe devices.' }];
		const answer = await ask('tools', 'What can you do?');
		expect(answer.output).toContain('unsubscribe');
		const [request] = model.of('tools');
		const byName = Object.fromEntries(request.tools.map((t) => [t.name, t]));
		expect(Object.keys(byName).sort()).toEqual([
			'Create_Device',
			'Device_Type_Messages',
			'Get_Device',
			'Unsubscribe_Device',
		]);
		expect(Object.keys(byName.Device_Type_Messages.parameters.properties).sort()).toEqual([
			'deviceTypeId',
			'limit',
			'since',
		]);
		expect(byName.Unsubscribe_Device.parameters.properties.confirmUnsubscribe.type).toBe('boolean');
		expect(byName.Create_Device.parameters.properties.confirmRegistration.type).toBe('boolean');
		expect(byName.Unsubscribe_Device.description).toMatch(/IRREVERSIBLE/);
	});

	test('a read: the messages of a device type in the last hour, filtered by the arguments the model chose', async () => {
		const { message } = await control()('POST', `/devices/${FIXTURE_DEVICES[0].id}/frames`, {
			data: 'a1b2c3',
		});
		const since = new Date(Date.now() - 3_600_000).toISOString();
		scripts.read = [
			{ toolCalls: [{ name: 'Device_Type_Messages', args: { deviceTypeId, limit: 3, since } }] },
			(record) => ({ content: `Messages: ${record.toolResults[0].content.slice(0, 2000)}` }),
		];
		const answer = await ask('read', 'Which devices of the E2E device type sent in the last hour?');

		const [result] = toolResults('read');
		expect(result.content).toContain(FIXTURE_DEVICES[0].id);
		expect(result.content).toContain('a1b2c3');
		expect(result.content).toContain(`:${message.seqNumber}:`);
		// The limit the model chose bounds what it gets back.
		const parsed = JSON.parse(result.content);
		const rows = Array.isArray(parsed) ? parsed : [parsed];
		expect(rows.length).toBeLessThanOrEqual(3);
		expect(answer.output).toContain('a1b2c3');
	});

	test('a write that spends money: the registration is refused until the model confirms it, then the simulator has the device', async () => {
		const args = { ...NEW_DEVICE, deviceId: NEW_DEVICE.id, deviceTypeId };
		scripts.create = [
			{ toolCalls: [{ name: 'Create_Device', args: { ...args, confirmRegistration: false } }] },
			// The user agreed in their message: the model confirms after the refusal.
			{ toolCalls: [{ name: 'Create_Device', args: { ...args, confirmRegistration: true } }] },
			{ content: `Registered ${NEW_DEVICE.id}.` },
		];
		const answer = await ask(
			'create',
			`Register device ${NEW_DEVICE.id} with PAC ${NEW_DEVICE.pac}; I agree to its subscription.`,
		);
		expect(answer.output).toBe(`Registered ${NEW_DEVICE.id}.`);
		const [refusal, created] = toolResults('create');
		expect(refusal.content).toMatch(
			/Not sent: the device takes a token of the contract, which is billed/,
		);
		expect(created.content).toContain(NEW_DEVICE.id);
		expect(created.content).not.toMatch(/Not sent/);
		const device = await sigfoxApi('GET', `/devices/${NEW_DEVICE.id}`);
		expect(device).toMatchObject({ id: NEW_DEVICE.id, name: NEW_DEVICE.name });
		expect(device.deviceType.id).toBe(deviceTypeId);
	});

	test('an irreversible operation: refused without its confirmation, performed with it', async () => {
		const when = new Date(Date.now() + 30 * 86_400_000);
		const args = { deviceId: UNSUBSCRIBED, unsubscriptionTime: when.toISOString() };
		scripts['unsubscribe-unconfirmed'] = [
			{ toolCalls: [{ name: 'Unsubscribe_Device', args: { ...args, confirmUnsubscribe: false } }] },
			{ content: 'This cannot be undone: please confirm the unsubscription.' },
		];
		const refused = await ask('unsubscribe-unconfirmed', `Unsubscribe device ${UNSUBSCRIBED}.`);
		expect(refused.output).toMatch(/confirm/);
		const [refusal] = toolResults('unsubscribe-unconfirmed');
		expect(refusal.content).toMatch(
			/Not sent: the token of the device ends at this date and cannot be restored/,
		);
		expect((await sigfoxApi('GET', `/devices/${UNSUBSCRIBED}`)).unsubscriptionTime).toBeUndefined();

		scripts['unsubscribe-confirmed'] = [
			{ toolCalls: [{ name: 'Unsubscribe_Device', args: { ...args, confirmUnsubscribe: true } }] },
			{ content: `Unsubscribed ${UNSUBSCRIBED}.` },
		];
		const done = await ask('unsubscribe-confirmed', `Yes, I confirm: unsubscribe ${UNSUBSCRIBED}.`);
		expect(done.output).toBe(`Unsubscribed ${UNSUBSCRIBED}.`);
		expect(toolResults('unsubscribe-confirmed')[0].content).not.toMatch(/Not sent/);
		expect((await sigfoxApi('GET', `/devices/${UNSUBSCRIBED}`)).unsubscriptionTime).toBe(
			when.getTime(),
		);
	});

	test('an API error (404) reaches the model as a readable tool result, and the execution succeeds', async () => {
		scripts['not-found'] = [
			{ toolCalls: [{ name: 'Get_Device', args: { deviceId: 'FFFF01' } }] },
			(record) => ({ content: `Tool said: ${record.toolResults[0].content}` }),
		];
		const answer = await ask('not-found', 'Show me device FFFF01.');
		const [result] = toolResults('not-found');
		// The Sigfox node's message for a 404, as an error item the agent hands back to the model.
		expect(JSON.parse(result.content)).toEqual([
			{ error: 'Sigfox found nothing at /devices/FFFF01' },
		]);
		expect(answer.output).toContain('Tool said:');
		const { data } = await publicApi('GET', `/executions?workflowId=${WORKFLOW.id}&limit=1`);
		expect(data[0].status).toBe('success');
	});

	test('a 429 is retried inside the tool: the model receives the device, not the error', async () => {
		const seed = seedFor429ThenOk(0.5);
		await control()('PUT', '/faults', { rate429: 0.5, seed });
		scripts['rate-limited'] = [
			{ toolCalls: [{ name: 'Get_Device', args: { deviceId: FIXTURE_DEVICES[1].id } }] },
			{ content: 'Done.' },
		];
		try {
			await ask('rate-limited', `Show me device ${FIXTURE_DEVICES[1].id}.`);
		} finally {
			await control()('PUT', '/faults', {});
		}
		const [result] = toolResults('rate-limited');
		expect(result.content).toContain(FIXTURE_DEVICES[1].name);
		expect(result.content).not.toMatch(/429/);
	});
});
