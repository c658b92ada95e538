import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod/v4';

import { buildMessageId } from '../messageId';
import type { SigfoxEvent } from './events';

/** ACKNOWLEDGE info codes (docs/sigfox/callbacks.md#acknowledge). */
export const INFO_CODE_NAMES = [
	'ACKED',
	'NO_ANSWER',
	'INVALID_PAYLOAD',
	'OVERRUN_ERROR',
	'NETWORK_ERROR',
	'PENDING',
	'NO_DOWNLINK_CONTRACT',
	'TOO_MANY_REQUESTS',
	'INVALID_CONFIGURATION',
] as const;

/** Link quality, from the `lqi` name or the `linkQuality` number (docs/sigfox/api.md#lqi). */
export const LQI_NAMES = ['LIMIT', 'AVERAGE', 'GOOD', 'EXCELLENT', 'NA'] as const;

// Sigfox substitutes text, so numbers and booleans may arrive as strings (docs/sigfox/callbacks.md#value-types).
const numeric = z.union([
	z.number(),
	z
		.string()
		.trim()
		.regex(/^-?\d+(\.\d+)?$/, 'must be a number')
		.transform(Number),
]);
/** A variable that renders empty or `null` when the message or the contract lacks it. */
const optionalNumeric = z
	.union([numeric, z.literal(''), z.literal('null'), z.null()])
	.optional()
	.transform((v) => (v === '' || v === 'null' || v === null ? undefined : v));
const boolean = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);
const text = z.string().max(1000);
const deviceId = z
	.string()
	.regex(/^[0-9a-fA-F]{1,8}$/, 'must be a Sigfox device ID (1 to 8 hexadecimal characters)')
	.transform((v) => v.toUpperCase());
const time = numeric.pipe(z.number().int('must be whole seconds').min(0).max(4102444800));
const payload = z
	.string()
	.regex(
		/^(?:[0-9a-fA-F]{2}){0,12}$/,
		'must be 0 to 12 bytes of hexadecimal (an even number of 0-9, a-f)',
	);
const seqNumber = optionalNumeric.pipe(z.number().int().min(0).optional());

const base = { device: deviceId, time };
const data = { data: payload, seqNumber };
const metadata = {
	rssi: optionalNumeric,
	snr: optionalNumeric,
	station: z.string().max(16).optional(),
};

// Strict objects: a key the registered body template never renders (`__proto__`, padding, nesting) is not from Sigfox.
const uplink = z.strictObject({
	event: z.literal('uplink'),
	...base,
	...data,
	...metadata,
	deviceTypeId: z.string().max(24).optional(),
});

const bidir = uplink.extend({
	event: z.literal('bidir'),
	ack: boolean,
	longPolling: boolean.optional(),
});

const duplicate = z.object({
	bsId: z.string().max(16).optional(),
	nbRep: optionalNumeric,
	rssi: optionalNumeric,
	snr: optionalNumeric,
});

const dataAdvanced = z.strictObject({
	event: z.literal('dataAdvanced'),
	...base,
	...data,
	lqi: z.enum(LQI_NAMES).optional(),
	linkQuality: optionalNumeric.pipe(z.number().int().min(0).max(4).optional()),
	operatorName: text.optional(),
	countryCode: optionalNumeric,
	fixedLat: optionalNumeric,
	fixedLng: optionalNumeric,
	duplicates: z.array(duplicate).max(1000).optional(),
	// A flat object: lat, lng, radius, source, … (docs/sigfox/callbacks.md#variables).
	computedLocation: z
		.record(z.string().max(32), z.union([z.number(), z.string().max(100), z.boolean(), z.null()]))
		.nullable()
		.optional(),
});

const acknowledge = z.strictObject({
	event: z.literal('acknowledge'),
	...base,
	infoCode: numeric.pipe(
		z
			.number()
			.int()
			.min(0)
			.max(INFO_CODE_NAMES.length - 1),
	),
	infoMessage: text.optional(),
	downlinkAck: boolean.optional(),
	downlinkOverusage: boolean.optional(),
});

const error = z.strictObject({
	event: z.literal('error'),
	...base,
	info: text.optional(),
	severity: z.string().max(32).optional(),
});

const callbackBody = z.discriminatedUnion('event', [
	uplink,
	bidir,
	dataAdvanced,
	acknowledge,
	error,
]);

export type CallbackBody = z.output<typeof callbackBody>;

export class CallbackBodyError extends Error {}

function describeIssues(issues: z.core.$ZodIssue[]): string {
	return issues
		.slice(0, 5)
		.map((issue) => {
			const where = issue.path.length > 0 ? `"${issue.path.join('.')}"` : 'the body';
			if (issue.code === 'unrecognized_keys') {
				const keys = issue.keys.slice(0, 5).map((key) => JSON.stringify(key.slice(0, 40)));
				return `${where} has fields the callback registered by n8n never sends: ${keys.join(', ')}`;
			}
			if (issue.code === 'invalid_union' && issue.path.length === 0) {
				return 'the body must be a JSON object with an "event" of uplink, bidir, dataAdvanced, acknowledge or error';
			}
			return `${where} ${issue.message.replace(/^Invalid input: /, '')}`;
		})
		.join('; ');
}

/** Checks a callback body against the kind it claims, coercing what Sigfox rendered as text. */
export function parseCallbackBody(body: unknown, expected: SigfoxEvent[]): CallbackBody {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		throw new CallbackBodyError(
			'The body must be a JSON object, as the callback registered by n8n sends it',
		);
	}
	const result = callbackBody.safeParse(body);
	if (!result.success) {
		throw new CallbackBodyError(
			`Malformed Sigfox callback: ${describeIssues(result.error.issues)}`,
		);
	}
	if (!expected.includes(result.data.event)) {
		throw new CallbackBodyError(
			`This webhook receives ${expected.join(', ')} callbacks, not ${result.data.event}`,
		);
	}
	return result.data;
}

function lqiOf(body: { lqi?: string; linkQuality?: number }): IDataObject {
	const linkQuality =
		body.linkQuality ?? (body.lqi ? LQI_NAMES.indexOf(body.lqi as never) : undefined);
	const lqi = body.lqi ?? (linkQuality !== undefined ? LQI_NAMES[linkQuality] : undefined);
	return { lqi, linkQuality };
}

/** Drops the keys whose value is undefined, keeping the order of the others. */
function compact(object: IDataObject): IDataObject {
	for (const key of Object.keys(object)) if (object[key] === undefined) delete object[key];
	return object;
}

/**
 * The item a workflow receives: the same field names and values whichever trigger produced it
 * (callback time is in seconds, API time in ms — docs/sigfox/callbacks.md#time).
 */
export function normaliseCallback(body: CallbackBody): IDataObject {
	const timestamp = body.time * 1000;
	const common: IDataObject = {
		event: body.event,
		deviceId: body.device,
		deviceTypeId: 'deviceTypeId' in body ? body.deviceTypeId || undefined : undefined,
		time: new Date(timestamp).toISOString(),
		timestamp,
		messageId: buildMessageId(
			body.device,
			'seqNumber' in body ? body.seqNumber : undefined,
			body.time,
		),
	};
	switch (body.event) {
		case 'uplink':
		case 'bidir':
			return compact({
				...common,
				data: body.data.toLowerCase(),
				seqNumber: body.seqNumber,
				...(body.event === 'bidir' ? { ack: body.ack, longPolling: body.longPolling } : {}),
				rssi: body.rssi,
				snr: body.snr,
				station: body.station || undefined,
			});
		case 'dataAdvanced':
			return compact({
				...common,
				data: body.data.toLowerCase(),
				seqNumber: body.seqNumber,
				...lqiOf(body),
				operatorName: body.operatorName || undefined,
				countryCode: body.countryCode,
				fixedLat: body.fixedLat,
				fixedLng: body.fixedLng,
				duplicates: body.duplicates as IDataObject[] | undefined,
				computedLocation: (body.computedLocation ?? undefined) as IDataObject | undefined,
			});
		case 'acknowledge':
			return compact({
				...common,
				infoCode: body.infoCode,
				infoCodeName: INFO_CODE_NAMES[body.infoCode],
				infoMessage: body.infoMessage,
				downlinkAck: body.downlinkAck,
				downlinkOverusage: body.downlinkOverusage,
			});
		case 'error':
			return compact({ ...common, severity: body.severity, info: body.info });
	}
}
