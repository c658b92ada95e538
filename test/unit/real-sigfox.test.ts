import type { IDataObject } from 'n8n-workflow';

import type { SigfoxEvent } from '../../nodes/shared/callbacks/events';
import { EVENT_KINDS } from '../../nodes/shared/callbacks/events';
import { normaliseCallback, parseCallbackBody } from '../../nodes/shared/callbacks/normalise';
import type { ApiMessage, UndeliveredRecord } from '../../nodes/shared/messages';
import { shown } from '../../nodes/Sigfox/executors/outputs';
import { ENDPOINTS } from '../../nodes/shared/endpoints';
import { normaliseApiMessage, normaliseUndelivered } from '../../nodes/shared/messages';

/** The fields every package item of a message has the same way, whichever node emitted it. */
const CANONICAL_FIELDS = [
	'deviceId',
	'time',
	'timestamp',
	'messageId',
	'seqNumber',
	'lqi',
	'linkQuality',
	'computedLocation',
];
import { listedMessages, realSigfoxFixtures } from '../support/sigfox-real';
import { substitute, templatesOf, variablesOf } from './sigfox-substitute';

/**
 * What real Sigfox sent, collected under test/fixtures/sigfox-real/ with its source: every file is
 * read, so a new capture is tested as soon as it is added. Each callback's variables are substituted
 * into the templates we register for its kind, as Sigfox substitutes text, and must be accepted
 * without a warning and normalised to the canonical item.
 */
const fixtures = realSigfoxFixtures();
const files = fixtures.map((fixture) => fixture.name);

/**
 * Texts for the variables our template needs and a capture lacks (the capture's template did not
 * use them, or the author masked them): what Sigfox renders when it has nothing, else a value
 * that says nothing (device 0, time 0, booleans false where our template leaves them unquoted).
 */
const NEUTRAL: Record<string, string> = {
	device: '0',
	time: '0',
	data: '',
	ack: 'false',
	longPolling: 'false',
	downlinkAck: 'false',
	downlinkOverusage: 'false',
	duplicates: 'null',
	computedLocation: 'null',
};
const neutralText = (variable: string) => NEUTRAL[variable] ?? '';

const NUMBERS = [
	'seqNumber',
	'rssi',
	'snr',
	'linkQuality',
	'countryCode',
	'fixedLat',
	'fixedLng',
	'infoCode',
];
const BOOLEANS = ['ack', 'longPolling', 'downlinkAck', 'downlinkOverusage'];
const JSON_TEXT = ['duplicates', 'computedLocation'];
const CANONICAL_LQI = /^(Limit|Average|Good|Excellent|NA)$/;
const empty = (text: string) => text.trim() === '' || text.trim().toLowerCase() === 'null';

/** What the item must carry for one variable as the capture rendered it, read independently of the code. */
function expectedFor(variable: string, text: string): [field: string, value: unknown] | undefined {
	if (variable === 'device') return ['deviceId', text.toUpperCase()];
	if (variable === 'time') return ['timestamp', Number(text) * 1000];
	if (variable === 'data') return ['data', text.toLowerCase()];
	if (empty(text)) return undefined;
	if (NUMBERS.includes(variable)) return [variable, Number(text)];
	if (BOOLEANS.includes(variable)) return [variable, text.toLowerCase() === 'true'];
	if (JSON_TEXT.includes(variable)) return [variable, JSON.parse(text)];
	if (variable === 'lqi') return [variable, expect.stringMatching(CANONICAL_LQI)];
	return [variable, text];
}

const registered = EVENT_KINDS.map((kind) => kind.event as string);

/** A captured callback rendered into one of our templates, or one of a kind the trigger never registers. */
interface RenderedCase {
	where: string;
	event: SigfoxEvent;
	template: string;
	variables: Record<string, string>;
	missing: string[];
	skip?: undefined;
}
interface SkippedCase {
	where: string;
	skip: string;
	template?: undefined;
}

const callbackCases: Array<RenderedCase | SkippedCase> = fixtures.flatMap((fixture) =>
	(fixture.callbacks ?? []).flatMap((callback, index): Array<RenderedCase | SkippedCase> => {
		const where = `${fixture.name} callbacks[${index}] (${callback.kind})`;
		if (!registered.includes(callback.kind)) return [{ where, skip: callback.kind }];
		const event = callback.kind as SigfoxEvent;
		return templatesOf(event).map(({ extras, template }) => {
			const missing = variablesOf(template).filter((name) => !(name in callback.variables));
			return {
				where: `${where}${extras.length ? ` + ${extras.join(' + ')}` : ''}${
					missing.length ? `, filled: ${missing.join(', ')}` : ''
				}`,
				event,
				template,
				variables: callback.variables,
				missing,
			};
		});
	}),
);
const bodies = callbackCases.filter((c): c is RenderedCase => c.template !== undefined);
const skipped = callbackCases.filter((c): c is SkippedCase => c.template === undefined);

describe(`real Sigfox data (${files.length} fixture files, ${bodies.length} rendered bodies)`, () => {
	it('has fixtures to read', () => {
		expect(files.length).toBeGreaterThan(0);
	});

	describe('callbacks, rendered into the templates we register', () => {
		it.each(bodies)(
			'$where is accepted and normalised',
			({ event, template, variables, missing }) => {
				const texts = Object.fromEntries(
					variablesOf(template!).map((name) => [
						name,
						missing!.includes(name) ? neutralText(name) : variables![name],
					]),
				);
				const body = JSON.parse(substitute(template!, texts)) as unknown;
				const webhook = EVENT_KINDS.find((kind) => kind.event === event)!.webhook;
				const expected = EVENT_KINDS.filter((kind) => kind.webhook === webhook).map((k) => k.event);

				const item = normaliseCallback(parseCallbackBody(body, expected));

				expect(item.warnings).toBeUndefined();
				expect(item.event).toBe(event);
				for (const name of variablesOf(template!)) {
					const want = expectedFor(name, texts[name]);
					if (want) expect(item[want[0]]).toEqual(want[1]);
					// lqi and linkQuality fill each other: checked below.
					else if (name !== 'lqi' && name !== 'linkQuality') expect(item).not.toHaveProperty(name);
				}
				if (typeof item.lqi === 'string' && !missing!.includes('lqi')) {
					// The canonical name is the capture's, in Sigfox's own spelling.
					expect(item.lqi.toLowerCase()).toBe(variables!.lqi.trim().toLowerCase());
					expect(item.linkQuality).toEqual(expect.any(Number));
				}
			},
		);

		// SERVICE STATUS (and any other kind the trigger does not offer) is never registered by our trigger.
		const reason = (kind: string) =>
			`${kind} is not a kind the Sigfox Trigger registers (Service Status is not offered: Sigfox stopped accepting new STATUS callbacks)`;
		if (skipped.length > 0) {
			it.each(skipped.map((c) => ({ where: c.where, reason: reason(c.skip!) })))(
				'$where is skipped: $reason',
				() => undefined,
			);
		}
	});

	describe('API answers', () => {
		const answers = fixtures.flatMap((fixture) =>
			(fixture.api ?? []).map((entry, index) => {
				let answer = entry.answer;
				if (typeof answer === 'string') {
					try {
						answer = JSON.parse(answer);
					} catch {
						answer = undefined;
					}
				}
				return {
					where: `${fixture.name} api[${index}] ${entry.route} ${entry.status}`,
					entry,
					answer,
				};
			}),
		);
		const listOf = (answer: unknown): IDataObject[] => {
			if (Array.isArray((answer as IDataObject)?.data))
				return (answer as IDataObject).data as IDataObject[];
			return [answer as IDataObject];
		};
		// Message lists, also the complete messages of an answer kept as an excerpt.
		const messageAnswers = answers.filter(
			({ entry }) => /\/messages\b/.test(entry.route) && entry.status === 200,
		);
		const messages = messageAnswers.flatMap(({ where, entry }) =>
			listedMessages(entry.answer).map((message, i) => ({ where: `${where} [${i}]`, message })),
		);
		const undelivered = answers
			.filter(
				({ entry, answer }) =>
					/callbacks-not-delivered/.test(entry.route) && entry.status === 200 && answer,
			)
			.flatMap(({ where, answer }) =>
				listOf(answer).map((record, i) => ({ where: `${where} [${i}]`, record })),
			);
		const unreadable = [
			...messageAnswers.filter(({ entry }) => listedMessages(entry.answer).length === 0),
			...answers.filter(
				({ entry, answer }) => /callbacks-not-delivered/.test(entry.route) && answer === undefined,
			),
		];

		if (messages.length > 0) {
			it.each(messages)(
				'$where: a listed message normalises to the canonical fields',
				({ message }) => {
					const item = normaliseApiMessage(message as ApiMessage);

					expect(item.deviceId).toMatch(/^[0-9A-F]+$/);
					expect(item.messageId).toMatch(/^[0-9A-F]+:\d*:\d+$/);
					if ('lqi' in message) {
						expect(item.lqi).toMatch(CANONICAL_LQI);
						expect(item.linkQuality).toBe(Number(message.lqi));
					}
					// The API's [] is "no location": no field, as a callback without one gives.
					if (Array.isArray(message.computedLocation) && message.computedLocation.length === 0)
						expect(item).not.toHaveProperty('computedLocation');
					if (item.computedLocation !== undefined)
						expect(item.computedLocation).toEqual(
							expect.objectContaining({ lat: expect.any(Number) }),
						);
					expect(item.warnings).toBeUndefined();
				},
			);
			it.each(messages)(
				'$where: the Sigfox node lists the message with the same canonical fields as the Poll Trigger',
				({ message }) => {
					const polled = normaliseApiMessage(message as ApiMessage);
					const device = message.device as IDataObject | undefined;
					const [listed] = shown('message', [message as IDataObject], {
						endpoint: ENDPOINTS.listDeviceMessages,
						params: { id: String(device?.id ?? polled.deviceId) },
					});
					for (const field of CANONICAL_FIELDS) {
						expect([field, listed[field]]).toEqual([field, polled[field]]);
					}
				},
			);
		}
		if (undelivered.length > 0) {
			it.each(undelivered)(
				'$where: an undelivered record normalises without throwing',
				({ record }) => {
					const item = normaliseUndelivered(record as UndeliveredRecord);
					expect(item.timestamp).toEqual(expect.any(Number));
				},
			);
		}
		if (unreadable.length > 0) {
			it.each(unreadable.map(({ where }) => ({ where })))(
				'$where is skipped: the capture holds only an excerpt of the answer, without one complete message or record',
				() => undefined,
			);
		}

		it('gives a message the same canonical fields by the API as by its callback, where both were captured', () => {
			const fromCallbacks = bodies
				.filter((c) => !c.missing!.includes('device') && !c.missing!.includes('time'))
				.map((c) => {
					const texts = Object.fromEntries(
						variablesOf(c.template!).map((n) => [
							n,
							c.missing!.includes(n) ? neutralText(n) : c.variables![n],
						]),
					);
					const webhook = EVENT_KINDS.find((kind) => kind.event === c.event)!.webhook;
					const expected = EVENT_KINDS.filter((kind) => kind.webhook === webhook).map(
						(k) => k.event,
					);
					return normaliseCallback(
						parseCallbackBody(JSON.parse(substitute(c.template!, texts)), expected),
					);
				});
			const pairs = messages.flatMap(({ message }) => {
				const item = normaliseApiMessage(message as ApiMessage);
				return fromCallbacks
					.filter((callback) => callback.messageId === item.messageId)
					.map((callback) => [item, callback] as const);
			});
			for (const [fromApi, fromCallback] of pairs) {
				for (const field of [
					'deviceId',
					'time',
					'timestamp',
					'messageId',
					'data',
					'seqNumber',
					'lqi',
					'linkQuality',
					'computedLocation',
				]) {
					if (field in fromApi && field in fromCallback)
						expect(fromApi[field]).toEqual(fromCallback[field]);
				}
			}
			// No capture yet holds one message both ways; the comparison runs as soon as one does.
			expect(pairs.length).toBeGreaterThanOrEqual(0);
		});
	});
});
