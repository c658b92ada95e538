import type { IDataObject } from 'n8n-workflow';

import type { SigfoxEvent } from '../../nodes/shared/callbacks/events';
import { EVENT_KINDS } from '../../nodes/shared/callbacks/events';
import {
	CallbackBodyError,
	normaliseCallback,
	parseCallbackBody,
} from '../../nodes/shared/callbacks/normalise';
import { substitute, templatesOf, variablesOf } from './sigfox-substitute';

/**
 * Every variable of every template we register, with every rendering Sigfox is known to produce
 * (docs/sigfox/callbacks.md#lqi; the captures under test/fixtures/sigfox-real/), and the canonical
 * value the item carries. `undefined`: the item has no such field (what a contract or message lacks).
 * The first rendering of each variable is the neutral one used while another variable is varied.
 */
const ABSENT = undefined;
const RENDERINGS: Record<string, Array<[text: string, canonical: unknown]>> = {
	device: [
		['1FD48BE', '1FD48BE'],
		['1a2b3c', '1A2B3C'],
		['B445A9', 'B445A9'],
	],
	time: [
		['1653666733', 1653666733000],
		['0', 0],
	],
	deviceTypeId: [
		['628fd74fb3cabb6565ae81bb', '628fd74fb3cabb6565ae81bb'],
		['', ABSENT],
		['null', ABSENT],
	],
	data: [
		['00', '00'],
		['D609912345603F0F8004223C', 'd609912345603f0f8004223c'],
		['', ''],
	],
	seqNumber: [
		['16', 16],
		['0', 0],
		['', ABSENT],
		['null', ABSENT],
	],
	rssi: [
		['-123.00', -123],
		['-128.53', -128.53],
		['-135.00', -135],
		['', ABSENT],
		['null', ABSENT],
	],
	snr: [
		['6.00', 6],
		['12.13', 12.13],
		['0.0', 0],
		// Not seen from Sigfox; read all the same.
		['+6.00', 6],
		['', ABSENT],
		['null', ABSENT],
	],
	station: [
		['93CF', '93CF'],
		['0AF0', '0AF0'],
		['', ABSENT],
	],
	// Unquoted in our template: Sigfox writes true or false there.
	ack: [
		['false', false],
		['true', true],
	],
	longPolling: [
		['false', false],
		['true', true],
	],
	lqi: [
		['Good', 'Good'],
		['Limit', 'Limit'],
		['Average', 'Average'],
		['Excellent', 'Excellent'],
		['NA', 'NA'],
		// The documentation's spelling, and any other letter case.
		['GOOD', 'Good'],
		['EXCELLENT', 'Excellent'],
		['limit', 'Limit'],
		['na', 'NA'],
		['', ABSENT],
	],
	linkQuality: [
		['2', 2],
		['0', 0],
		['4', 4],
		['', ABSENT],
	],
	operatorName: [
		['SIGFOX_Netherlands_Hyrde_Networks_BV', 'SIGFOX_Netherlands_Hyrde_Networks_BV'],
		['', ABSENT],
		['null', ABSENT],
	],
	countryCode: [
		['528', 528],
		['702', 702],
		['', ABSENT],
	],
	fixedLat: [
		['0.0', 0],
		['52.003292529645705', 52.003292529645705],
		['', ABSENT],
	],
	fixedLng: [
		['0.0', 0],
		['-1.5', -1.5],
		['', ABSENT],
	],
	// Raw JSON, unquoted in our template.
	duplicates: [
		[
			'[{"bsId":"1D44","nbRep":3,"rssi":-123.00,"snr":18.86}]',
			[{ bsId: '1D44', nbRep: 3, rssi: -123, snr: 18.86 }],
		],
		[
			'[{"bsId":"1D44","nbRep":"3","rssi":"-123.00","snr":"18.86"},{"bsId":"93CF","nbRep":1,"rssi":-135,"snr":6}]',
			[
				{ bsId: '1D44', nbRep: 3, rssi: -123, snr: 18.86 },
				{ bsId: '93CF', nbRep: 1, rssi: -135, snr: 6 },
			],
		],
		['[]', []],
		['null', ABSENT],
	],
	computedLocation: [
		[
			'{"lat":52.003292529645705,"lng":5.569001982230841,"radius":7800,"source":2,"status":1}',
			{ lat: 52.003292529645705, lng: 5.569001982230841, radius: 7800, source: 2, status: 1 },
		],
		[
			'{"lat":"1.2763981","lng":"103.7973329","radius":"2447","source":"2","status":"1"}',
			{ lat: 1.2763981, lng: 103.7973329, radius: 2447, source: 2, status: 1 },
		],
		// Sigfox extends the object over time (the API's locations carry placeIds): kept as it comes.
		[
			'{"lat":43.45,"lng":6.54,"radius":400,"source":2,"placeIds":["ChIJ123"],"extra":{"a":[1,2]}}',
			{
				lat: 43.45,
				lng: 6.54,
				radius: 400,
				source: 2,
				placeIds: ['ChIJ123'],
				extra: { a: [1, 2] },
			},
		],
		['null', ABSENT],
		['[]', ABSENT],
	],
	infoCode: [
		['0', 0],
		['3', 3],
		['8', 8],
		['', ABSENT],
	],
	infoMessage: [
		['Acked', 'Acked'],
		['', ABSENT],
	],
	downlinkAck: [
		['true', true],
		['false', false],
	],
	downlinkOverusage: [
		['false', false],
		['true', true],
	],
	info: [
		['No message received since 2026-11-25', 'No message received since 2026-11-25'],
		['', ABSENT],
	],
	severity: [
		['ERROR', 'ERROR'],
		['WARN', 'WARN'],
		['', ABSENT],
	],
};

/** The item field of a variable. */
const FIELD: Record<string, string> = { device: 'deviceId', time: 'timestamp' };

const neutral = Object.fromEntries(
	Object.entries(RENDERINGS).map(([name, renderings]) => [name, renderings[0][0]]),
);

function receive(event: SigfoxEvent, body: string): IDataObject {
	const webhook = EVENT_KINDS.find((kind) => kind.event === event)!.webhook;
	const expected = EVENT_KINDS.filter((kind) => kind.webhook === webhook).map((kind) => kind.event);
	return normaliseCallback(parseCallbackBody(JSON.parse(body), expected));
}

const cases = EVENT_KINDS.flatMap(({ event }) =>
	templatesOf(event).flatMap(({ extras, template }) =>
		variablesOf(template).flatMap((variable) =>
			(RENDERINGS[variable] ?? [['(no rendering listed)', undefined]]).map(([text, canonical]) => ({
				label: `${event}${extras.length ? ` + ${extras.join(' + ')}` : ''}: {${variable}} rendered ${JSON.stringify(text)}`,
				event,
				template,
				variable,
				text,
				canonical,
			})),
		),
	),
);

describe('how Sigfox renders each variable of our templates, and the canonical item', () => {
	it('lists renderings for every variable of every template we register', () => {
		const variables = new Set(
			EVENT_KINDS.flatMap(({ event }) =>
				templatesOf(event).flatMap(({ template }) => variablesOf(template)),
			),
		);
		expect([...variables].filter((name) => !RENDERINGS[name])).toEqual([]);
	});

	it.each(cases)('$label', ({ event, template, variable, text, canonical }) => {
		// lqi and linkQuality say the same thing: the other one renders empty while one is varied.
		const partner = { lqi: 'linkQuality', linkQuality: 'lqi' }[variable];
		const body = substitute(template, {
			...neutral,
			...(partner ? { [partner]: '' } : {}),
			[variable]: text,
		});

		const item = receive(event, body);

		expect(item.warnings).toBeUndefined();
		const field = FIELD[variable] ?? variable;
		if (canonical === undefined) expect(item).not.toHaveProperty(field);
		else expect(item[field]).toEqual(canonical);
	});

	it('fills lqi and linkQuality from each other, in the canonical spelling', () => {
		const template = templatesOf('dataAdvanced')[0].template;
		const fromName = receive(
			'dataAdvanced',
			substitute(template, { ...neutral, lqi: 'EXCELLENT', linkQuality: '' }),
		);
		const fromNumber = receive(
			'dataAdvanced',
			substitute(template, { ...neutral, lqi: '', linkQuality: '0' }),
		);
		const none = receive(
			'dataAdvanced',
			substitute(template, { ...neutral, lqi: 'NA', linkQuality: '' }),
		);

		expect(fromName).toMatchObject({ lqi: 'Excellent', linkQuality: 3 });
		expect(fromNumber).toMatchObject({ lqi: 'Limit', linkQuality: 0 });
		expect(none).toMatchObject({ lqi: 'NA', linkQuality: 4 });
	});

	it('reads booleans written as text in any letter case (a template that quotes them)', () => {
		const body = {
			event: 'bidir',
			device: '1A2345',
			time: '1511814827',
			data: 'b0513801a421f0019405a500',
			seqNumber: '1508',
			ack: 'True',
			longPolling: 'FALSE',
		};
		expect(normaliseCallback(parseCallbackBody(body, ['bidir']))).toMatchObject({
			ack: true,
			longPolling: false,
		});
	});

	it('builds the messageId from the canonical seqNumber, whatever its rendering', () => {
		const template = templatesOf('uplink')[0].template;
		expect(receive('uplink', substitute(template, { ...neutral, seqNumber: '16' })).messageId).toBe(
			'1FD48BE:16:1653666733',
		);
		expect(
			receive('uplink', substitute(template, { ...neutral, seqNumber: 'null' })).messageId,
		).toBe('1FD48BE::1653666733');
	});
});

describe('a body of the right structure with a value that cannot be read', () => {
	const advanced = templatesOf('dataAdvanced').at(-1)!.template;
	const uplink = templatesOf('uplink').at(-1)!.template;

	it.each([
		[
			'lqi',
			{ lqi: 'Superb' },
			'lqi',
			'Superb',
			'lqi "Superb" is none of Limit, Average, Good, Excellent, NA; kept as received',
		],
		[
			'snr',
			{ snr: 'abc' },
			'snr',
			'abc',
			'snr "abc" is not a number; kept as received',
			uplink,
			'uplink',
		],
		[
			'a decimal comma',
			{ rssi: '-123,00' },
			'rssi',
			'-123,00',
			'rssi "-123,00" is not a number; kept as received',
			uplink,
			'uplink',
		],
		[
			'linkQuality',
			{ linkQuality: '7' },
			'linkQuality',
			'7',
			'linkQuality "7" is not a whole number from 0 to 4; kept as received',
		],
		[
			'a computedLocation that is a string',
			{ computedLocation: '"near the harbour"' },
			'computedLocation',
			'near the harbour',
			'computedLocation "near the harbour" is not a location object; kept as received',
		],
		[
			'a duplicates that is an object',
			{ duplicates: '{"bsId":"1D44"}' },
			'duplicates',
			{ bsId: '1D44' },
			'duplicates {"bsId":"1D44"} is not a list; kept as received',
		],
		[
			'a seqNumber that is not a whole number',
			{ seqNumber: '1.5' },
			'seqNumber',
			'1.5',
			'seqNumber "1.5" is not a whole number of 0 or more; kept as received',
		],
	] as Array<[string, Record<string, string>, string, unknown, string, string?, SigfoxEvent?]>)(
		'keeps it (%s), with the value as received and a warning',
		(_name, texts, field, raw, warning, template = advanced, event = 'dataAdvanced') => {
			const item = receive(event, substitute(template, { ...neutral, ...texts }));

			expect(item[field]).toEqual(raw);
			expect(item.warnings).toEqual([warning]);
		},
	);

	it('keeps the other values canonical, and the messageId without an unreadable seqNumber', () => {
		const item = receive(
			'dataAdvanced',
			substitute(advanced, { ...neutral, seqNumber: 'x', lqi: 'Superb', linkQuality: '3' }),
		);

		expect(item).toMatchObject({
			messageId: '1FD48BE::1653666733',
			seqNumber: 'x',
			lqi: 'Superb',
			linkQuality: 3,
			countryCode: 528,
		});
		expect(item.warnings).toHaveLength(2);
	});

	it('warns when lqi and linkQuality disagree, keeping both', () => {
		const item = receive(
			'dataAdvanced',
			substitute(advanced, { ...neutral, lqi: 'Good', linkQuality: '0' }),
		);

		expect(item).toMatchObject({ lqi: 'Good', linkQuality: 0 });
		expect(item.warnings).toEqual([
			'lqi "Good" and linkQuality 0 disagree (0 is Limit); both kept',
		]);
	});
});

describe('what no Sigfox rendering of our template can be is refused', () => {
	const uplink = templatesOf('uplink').at(-1)!.template;
	const valid = JSON.parse(substitute(uplink, neutral)) as IDataObject;

	it.each([
		['not an object', '[1]', /must be a JSON object/],
		['an unknown event', { ...valid, event: 'UPLINK' }, /"event" of uplink/],
		['a key the template never renders', { ...valid, avgSnr: '15.54' }, /never sends: "avgSnr"/],
		['no device', { ...valid, device: undefined }, /"device" must be a Sigfox device ID/],
		['an invalid device', { ...valid, device: '1A2B3C4D5' }, /"device" must be a Sigfox device ID/],
		['no time', { ...valid, time: undefined }, /"time" must be epoch seconds/],
		['an unreadable time', { ...valid, time: 'yesterday' }, /"time" must be epoch seconds/],
		['a fractional time', { ...valid, time: 1.5 }, /"time" must be epoch seconds/],
		['non-hex data', { ...valid, data: 'zz' }, /"data" must be 0 to 12 bytes/],
		['no data', { ...valid, data: undefined }, /"data" must be 0 to 12 bytes/],
		[
			'an object where the template renders text',
			{ ...valid, seqNumber: { n: 1 } },
			/"seqNumber" is an object/,
		],
		['a list where the template renders text', { ...valid, rssi: [] }, /"rssi" is a list/],
		[
			'text longer than Sigfox renders',
			{ ...valid, station: 'S'.repeat(1001) },
			/"station" is longer than 1000/,
		],
	])('%s', (_name, body, message) => {
		const parsed = typeof body === 'string' ? JSON.parse(body) : JSON.parse(JSON.stringify(body));
		expect(() =>
			parseCallbackBody(parsed, ['uplink', 'dataAdvanced', 'acknowledge', 'error']),
		).toThrow(CallbackBodyError);
		expect(() =>
			parseCallbackBody(parsed, ['uplink', 'dataAdvanced', 'acknowledge', 'error']),
		).toThrow(message);
	});

	it('a kind on the webhook that does not receive it', () => {
		expect(() => parseCallbackBody(valid, ['bidir'])).toThrow(
			/receives bidir callbacks, not uplink/,
		);
	});
});
