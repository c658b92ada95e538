import { runSigfoxNode } from './harness';

// Building an answer calls no API: the credential points nowhere.
const credentials = { login: 'unused', password: 'unused', baseUrl: 'http://127.0.0.1:9/v2' };
const buildAnswer = {
	resource: 'downlink',
	operation: 'buildAnswer',
	downlinkData: '={{ $json.next }}',
};

describe('Downlink → Build Answer in a workflow', () => {
	it("builds Sigfox's JSON for the trigger item's device, or noData when there is nothing to send", async () => {
		const { items, error } = await runSigfoxNode(buildAnswer, {
			credentials,
			input: [
				{ event: 'bidir', deviceId: '1A2B03', next: '0102030405060708' },
				{ event: 'bidir', deviceId: '1A2B04', next: '' },
			],
		});

		expect(error).toBeUndefined();
		expect(items.map((i) => i.json)).toEqual([
			{ '1A2B03': { downlinkData: '0102030405060708' } },
			{ '1A2B04': { noData: true } },
		]);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it("sends the first item's answer as the webhook's response the moment it runs, once", async () => {
		const { responses } = await runSigfoxNode(buildAnswer, {
			credentials,
			input: [
				{ event: 'bidir', deviceId: '1A2B03', next: '0102030405060708' },
				{ event: 'bidir', deviceId: '1A2B04', next: '' },
			],
		});

		expect(responses).toEqual([
			{
				body: { '1A2B03': { downlinkData: '0102030405060708' } },
				headers: { 'content-type': 'application/json' },
				statusCode: 200,
			},
		]);
	});

	it('sends nothing when the answer is refused', async () => {
		const { responses, error } = await runSigfoxNode(buildAnswer, {
			credentials,
			input: [{ deviceId: '1A2B03', next: '0102' }],
		});

		expect(error?.message).toMatch(/is not 8 bytes/);
		expect(responses).toEqual([]);
	});

	it.each([
		['too short', '0102', /Downlink data "0102" is not 8 bytes of hexadecimal/],
		['too long', '010203040506070809', /is not 8 bytes/],
		['not hex', '01020304050607zz', /is not 8 bytes/],
	])('refuses downlink data that is %s', async (_name, next, message) => {
		const { error } = await runSigfoxNode(buildAnswer, {
			credentials,
			input: [{ deviceId: '1A2B03', next }],
		});

		expect(error?.message).toMatch(message);
		expect(error?.description).toMatch(/exactly 8 bytes/);
	});

	it('refuses a device ID that is not a Sigfox one', async () => {
		const { error } = await runSigfoxNode(buildAnswer, {
			credentials,
			input: [{ deviceId: 'device-3', next: '0102030405060708' }],
		});

		expect(error?.message).toBe('Device ID "device-3" is not valid');
	});
});
