'use strict';

/**
 * The simulator renders what real Sigfox rendered: every comparison reads the values from the
 * captures under test/fixtures/sigfox-real/ (all files, so a new capture joins in), never from
 * constants copied from the simulator's code.
 */
const {
	dataVariables,
	dataAdvancedVariables,
	acknowledgeVariables,
} = require('../../simulator/callbacks/render');
const { listedMessages, realSigfoxFixtures } = require('../support/sigfox-real');
const { startTestSimulator, seed } = require('../support/test-simulator');

const fixtures = realSigfoxFixtures();
const captures = fixtures.filter((fixture) => fixture.source?.kind === 'capture');

/** Every text a variable was rendered as in the captures' callbacks. */
function seen(variable) {
	return captures
		.flatMap((fixture) => fixture.callbacks ?? [])
		.map((callback) => callback.variables?.[variable])
		.filter((text) => typeof text === 'string' && text !== '');
}
const decimalsOf = (text) => /\.(\d+)$/.exec(text)?.[1].length ?? 0;
/** Sigfox's documented order of the link quality names, whatever their case (docs/sigfox/api.md#lqi). */
const DOCUMENTED_ORDER = ['limit', 'average', 'good', 'excellent', 'na'];

const reception = (rssi, snr) => ({
	station: { id: '1D44', name: 'Station', lat: '1.0', lng: '104.0' },
	rssi,
	snr,
	freq: 868_130_000,
	rep: 2,
	delay: 1.5,
});
const message = (fields = {}) => ({
	device: '1FD48BE',
	deviceTypeId: '628fd74fb3cabb6565ae81bb',
	time: 1_653_666_733_000,
	data: '00',
	seqNumber: 16,
	ackRequired: true,
	lqi: 0,
	receptions: [reception(-123, 18.86), reception(-135.5, 6)],
	computedLocation: { lat: 52.0032, lng: 5.569, radius: 7800, source: 2 },
	...fields,
});
const callback = (callbackSubtype) => ({ callbackType: 0, callbackSubtype });

describe('the simulator renders callback variables as real Sigfox did', () => {
	test('the captures hold the renderings compared here', () => {
		expect(captures.length).toBeGreaterThan(0);
		for (const variable of ['lqi', 'rssi', 'snr', 'fixedLat', 'computedLocation', 'ack'])
			expect(`${variable}: ${seen(variable).length > 0}`).toBe(`${variable}: true`);
	});

	test.each(
		captures.flatMap((fixture) =>
			(fixture.callbacks ?? [])
				.filter((c) => c.variables?.lqi)
				.map((c) => [fixture.name, c.variables.lqi, c.variables.linkQuality]),
		),
	)('{lqi} as in %s: %s', (_file, lqi, linkQuality) => {
		const index =
			linkQuality !== undefined ? Number(linkQuality) : DOCUMENTED_ORDER.indexOf(lqi.toLowerCase());
		expect(index).toBeGreaterThanOrEqual(0);

		const rendered = dataAdvancedVariables(message({ lqi: index }), callback(6), {});

		expect(String(rendered.lqi)).toBe(lqi);
		if (linkQuality !== undefined) expect(String(rendered.linkQuality)).toBe(linkQuality);
	});

	test.each(['rssi', 'snr', 'avgSnr'].filter((variable) => seen(variable).length > 0))(
		'{%s} with as many decimals as in the captures',
		(variable) => {
			const decimals = new Set(seen(variable).map(decimalsOf));
			const rendered = dataVariables(message(), callback(3));

			expect(decimals).toContain(decimalsOf(String(rendered[variable])));
			expect(String(rendered[variable])).toMatch(/^-?\d+\.\d+$/);
		},
	);

	test.each(['fixedLat', 'fixedLng'].filter((variable) => seen(variable).length > 0))(
		'{%s} of an unset position as in the captures',
		(variable) => {
			const unset = seen(variable).filter((text) => Number(text) === 0);
			const rendered = dataAdvancedVariables(message(), callback(6), { lat: 0, lng: 0 });

			for (const text of unset) expect(String(rendered[variable])).toBe(text);
		},
	);

	test('{computedLocation} as an object with the keys of the captures', () => {
		const keys = new Set(seen('computedLocation').flatMap((text) => Object.keys(JSON.parse(text))));
		const rendered = JSON.parse(dataAdvancedVariables(message(), callback(6), {}).computedLocation);

		expect(new Set(Object.keys(rendered))).toEqual(keys);
	});

	test('{ack}, {longPolling}, {downlinkAck} and {downlinkOverusage} in the letter case of the captures', () => {
		const render = {
			ack: (value) => dataVariables(message({ ackRequired: value }), callback(3)).ack,
			// The simulator's devices never long-poll.
			longPolling: (value) =>
				value ? undefined : dataVariables(message(), callback(3)).longPolling,
			downlinkAck: (value) =>
				acknowledgeVariables(message(), { infoCode: value ? 0 : 1 }).downlinkAck,
			downlinkOverusage: (value) =>
				acknowledgeVariables(message(), { infoCode: value ? 3 : 0 }).downlinkOverusage,
		};
		let compared = 0;
		for (const [variable, rendering] of Object.entries(render)) {
			for (const text of seen(variable)) {
				const rendered = rendering(text.toLowerCase() === 'true');
				if (rendered === undefined) continue;
				expect(String(rendered)).toBe(text);
				compared++;
			}
		}
		expect(compared).toBeGreaterThan(0);
	});
});

describe('the simulator answers message reads as the real API did', () => {
	let sim;
	beforeAll(async () => {
		sim = await startTestSimulator();
	});
	afterAll(async () => sim.stop());

	/** The text of every captured messages answer (parsed or an excerpt). */
	const capturedMessageTexts = captures
		.flatMap((fixture) => fixture.api ?? [])
		.filter((entry) => /\/messages\b/.test(entry.route) && entry.status === 200)
		.map((entry) =>
			typeof entry.answer === 'string' ? entry.answer : JSON.stringify(entry.answer),
		);
	/** `"name": value` pairs inside the captured rinfos, with whether the value was a string. */
	const rinfoRenderings = (name) =>
		capturedMessageTexts.flatMap((text) =>
			[
				...text
					.slice(text.indexOf('"rinfos"'))
					.matchAll(new RegExp(`"${name}"\\s*:\\s*("?)(-?[\\d.]+)`, 'g')),
			].map(([, quote, value]) => ({ string: quote === '"', value })),
		);
	/** Every message listed in a messages answer, documentation and captures alike. */
	const listed = fixtures
		.flatMap((fixture) => fixture.api ?? [])
		.filter((entry) => /\/messages\b/.test(entry.route) && entry.status === 200)
		.flatMap((entry) => listedMessages(entry.answer));

	async function readMessage(frame, query = '') {
		const deviceType = await seed(sim, { deviceIds: [frame.device] });
		await sim.control('POST', `/devices/${frame.device}/frames`, frame.body);
		const answer = await sim.api('GET', `/devices/${frame.device}/messages${query}`);
		expect(answer.status).toBe(200);
		expect(deviceType.id).toBeDefined();
		return answer.body.data[0];
	}

	test.each(['rssi', 'lat', 'lng'].filter((name) => rinfoRenderings(name).length > 0))(
		'rinfos[].%s written as in the captured answers',
		async (name) => {
			const captured = rinfoRenderings(name);
			const listed = await readMessage({ device: `A0${name.length}`, body: { data: '01' } });

			for (const rinfo of listed.rinfos) {
				expect(captured.map((c) => c.string)).toContain(typeof rinfo[name] === 'string');
				if (typeof rinfo[name] === 'string' && name === 'rssi')
					expect(captured.map((c) => decimalsOf(c.value))).toContain(decimalsOf(rinfo[name]));
			}
		},
	);

	test('the device name and reception details only where `fields` asked for them, as in the answers', async () => {
		const answers = captures
			.flatMap((fixture) => fixture.api ?? [])
			.filter((entry) => /\/messages\b/.test(entry.route) && entry.status === 200);
		const plain = answers.filter((entry) => !entry.route.includes('fields='));
		const asked = answers.filter((entry) => entry.route.includes('fields='));
		expect(plain.length).toBeGreaterThan(0);
		expect(asked.length).toBeGreaterThan(0);
		const plainMessages = plain.flatMap((entry) => listedMessages(entry.answer));
		expect(plainMessages.every((m) => Object.keys(m.device ?? {}).join() === 'id')).toBe(true);

		const bare = await readMessage({ device: 'C01', body: { data: '01' } });
		expect(Object.keys(bare.device)).toEqual(['id']);
		expect(
			bare.rinfos.every((r) => Object.keys(r.baseStation).join() === 'id' && !('rep' in r)),
		).toBe(true);

		for (const entry of asked) {
			const query = entry.route.slice(entry.route.indexOf('?'));
			const text = typeof entry.answer === 'string' ? entry.answer : JSON.stringify(entry.answer);
			const named = await readMessage({ device: 'C02', body: { data: '01' } }, query);
			expect(typeof named.device.name).toBe(
				/"device"\s*:\s*\{[^}]*"name"/.test(text) ? 'string' : 'undefined',
			);
			expect(named.rinfos.every((r) => 'rep' in r)).toBe(/"rep"\s*:/.test(text));
		}
	});

	test('computedLocation is a list, as in the answers, and [] for a message without one', async () => {
		const shapes = listed.filter((message) => 'computedLocation' in message);
		expect(shapes.length).toBeGreaterThan(0);
		const keys = new Set(
			shapes.flatMap((message) =>
				message.computedLocation.flatMap((location) => Object.keys(location)),
			),
		);

		const located = await readMessage({ device: 'B01', body: { data: '01' } });
		const none = await readMessage({ device: 'B02', body: { data: '01', located: false } });

		expect(shapes.every((message) => Array.isArray(message.computedLocation))).toBe(true);
		expect(Array.isArray(located.computedLocation)).toBe(true);
		for (const key of Object.keys(located.computedLocation[0])) expect(keys).toContain(key);
		// The empty list real answers give for a message without a location.
		const empty = shapes.filter((message) => message.computedLocation.length === 0);
		expect(empty.length).toBeGreaterThan(0);
		expect(none.computedLocation).toEqual(empty[0].computedLocation);
	});
});
