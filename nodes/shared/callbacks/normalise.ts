import type { IDataObject } from 'n8n-workflow';

import { buildMessageId } from '../messageId';
import {
	compact,
	Readings,
	copyJson,
	isPlainObject,
	readBoolean,
	readNumber,
	readSequenceNumber,
	readText,
	readWholeNumber,
} from '../renderings';
import type { SigfoxEvent } from './events';
import { EVENT_KINDS, JSON_VARIABLES, eventKind, templateKeys } from './events';

export { LQI_NAMES } from '../renderings';

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

/**
 * Bounds far beyond anything Sigfox renders for one callback: text longer, or raw JSON deeper or
 * longer than this, is not a rendering of our template, and would weigh on every execution.
 */
const MAX_TEXT = 1000;
const MAX_DEPTH = 8;
const MAX_ENTRIES = 1000;
/** Keys that no Sigfox object has, and that could reach an object's prototype in a careless copy. */
const FORBIDDEN_KEYS = ['__proto__', 'constructor', 'prototype'];

const DEVICE_ID = /^[0-9a-fA-F]{1,8}$/;
const PAYLOAD = /^(?:[0-9a-fA-F]{2}){0,12}$/;
/** 2100-01-01 in epoch seconds: a later `{time}` is not a Sigfox time. */
const LAST_TIME = 4102444800;

/** A callback body whose structure is that of our registered template (its values are read later). */
export interface CallbackBody {
	event: SigfoxEvent;
	/** Upper-case hexadecimal. */
	device: string;
	/** Epoch seconds. */
	time: number;
	/** Lower-case hexadecimal, for the kinds that carry data. */
	data?: string;
	/** The body as received (own keys only). */
	values: Record<string, unknown>;
}

export class CallbackBodyError extends Error {}

function malformed(problem: string): CallbackBodyError {
	return new CallbackBodyError(`Malformed Sigfox callback: ${problem}`);
}

/** Why a raw JSON value (duplicates, computedLocation) is not something Sigfox renders, if it is not. */
function jsonProblem(value: unknown, where: string, depth = 1): string | undefined {
	if (typeof value === 'string')
		return value.length > MAX_TEXT ? `"${where}" is longer than ${MAX_TEXT} characters` : undefined;
	if (typeof value !== 'object' || value === null) return undefined;
	if (depth > MAX_DEPTH) return `"${where}" is nested deeper than ${MAX_DEPTH} levels`;
	const entries = Array.isArray(value)
		? value.map((inner, index) => [String(index), inner] as const)
		: Object.entries(value);
	if (entries.length > MAX_ENTRIES) return `"${where}" has more than ${MAX_ENTRIES} entries`;
	for (const [key, inner] of entries) {
		if (!Array.isArray(value) && FORBIDDEN_KEYS.includes(key))
			return `"${where}" has a key no Sigfox object has: ${JSON.stringify(key)}`;
		const problem = jsonProblem(
			inner,
			Array.isArray(value) ? `${where}[${key}]` : `${where}.${key}`,
			depth + 1,
		);
		if (problem) return problem;
	}
	return undefined;
}

/**
 * Checks that a callback body has the STRUCTURE of the template registered for its kind, and
 * refuses what no Sigfox rendering of it could be: not an object, an unknown event or one this
 * webhook does not receive, a key the template never renders, a nested object where the template
 * has text, no or an invalid device ID, no or an unreadable time, missing or non-hex data, or a
 * value larger than anything Sigfox renders. The other VALUES are read by normaliseCallback, which
 * keeps what it cannot read with a warning instead of refusing it (docs/sigfox/callbacks.md#lqi).
 */
export function parseCallbackBody(body: unknown, expected: SigfoxEvent[]): CallbackBody {
	if (!isPlainObject(body)) {
		throw new CallbackBodyError(
			'The body must be a JSON object, as the callback registered by n8n sends it',
		);
	}
	const kind = EVENT_KINDS.find((k) => k.event === body.event);
	if (!kind) {
		throw malformed(
			'the body must be a JSON object with an "event" of uplink, bidir, dataAdvanced, acknowledge or error',
		);
	}
	const keys = templateKeys(kind.event);
	const unknown = Object.keys(body).filter((key) => !keys.includes(key));
	if (unknown.length > 0) {
		const named = unknown.slice(0, 5).map((key) => JSON.stringify(key.slice(0, 40)));
		throw malformed(
			`the body has fields the callback registered by n8n never sends: ${named.join(', ')}`,
		);
	}
	for (const [key, value] of Object.entries(body)) {
		if (JSON_VARIABLES.includes(key)) {
			const problem = jsonProblem(value, key);
			if (problem) throw malformed(problem);
		} else if (typeof value === 'object' && value !== null) {
			throw malformed(
				`"${key}" is ${Array.isArray(value) ? 'a list' : 'an object'}, where the registered template renders text`,
			);
		} else if (typeof value === 'string' && value.length > MAX_TEXT) {
			throw malformed(`"${key}" is longer than ${MAX_TEXT} characters`);
		}
	}
	if (typeof body.device !== 'string' || !DEVICE_ID.test(body.device)) {
		throw malformed('"device" must be a Sigfox device ID (1 to 8 hexadecimal characters)');
	}
	const time = readWholeNumber(body.time, 0, LAST_TIME);
	if (time.value === undefined) {
		throw malformed(
			`"time" must be epoch seconds (a whole number from 0 to ${LAST_TIME}), ${time.problem ?? 'is missing'}`,
		);
	}
	let data: string | undefined;
	if (kind.hasData) {
		if (typeof body.data !== 'string' || !PAYLOAD.test(body.data)) {
			throw malformed('"data" must be 0 to 12 bytes of hexadecimal (an even number of 0-9, a-f)');
		}
		data = body.data.toLowerCase();
	}
	if (!expected.includes(kind.event)) {
		throw new CallbackBodyError(
			`This webhook receives ${expected.join(', ')} callbacks, not ${kind.event}`,
		);
	}
	return {
		event: kind.event,
		device: body.device.toUpperCase(),
		time: time.value,
		data,
		values: copyJson(body) as Record<string, unknown>,
	};
}

const text = (max: number) => (raw: unknown) => readText(raw, max);

/**
 * The item a workflow receives: the same field names and values whichever trigger produced it
 * (callback time is in seconds, API time in ms: docs/sigfox/api.md#time). Every value Sigfox
 * rendered is read liberally into its canonical form; one that cannot be read is kept as received
 * and named in `warnings`.
 */
export function normaliseCallback(body: CallbackBody): IDataObject {
	const readings = new Readings();
	const v = body.values;
	const take = <T>(field: string, read: (raw: unknown) => { value?: T; problem?: string }) =>
		readings.take(field, v[field], read) as IDataObject[string];
	const timestamp = body.time * 1000;
	const seqNumber = eventKind(body.event).hasData
		? take('seqNumber', readSequenceNumber)
		: undefined;
	const common: IDataObject = {
		event: body.event,
		deviceId: body.device,
		deviceTypeId: take('deviceTypeId', text(24)),
		time: new Date(timestamp).toISOString(),
		timestamp,
		messageId: buildMessageId(
			body.device,
			typeof seqNumber === 'number' ? seqNumber : undefined,
			body.time,
		),
	};
	let item: IDataObject;
	switch (body.event) {
		case 'uplink':
		case 'bidir':
			item = {
				...common,
				data: body.data,
				seqNumber,
				...(body.event === 'bidir'
					? { ack: take('ack', readBoolean), longPolling: take('longPolling', readBoolean) }
					: {}),
				rssi: take('rssi', readNumber),
				snr: take('snr', readNumber),
				station: take('station', text(16)),
			};
			break;
		case 'dataAdvanced':
			item = {
				...common,
				data: body.data,
				seqNumber,
				...readings.linkQuality(v.lqi, v.linkQuality),
				operatorName: take('operatorName', text(MAX_TEXT)),
				countryCode: take('countryCode', readNumber),
				fixedLat: take('fixedLat', readNumber),
				fixedLng: take('fixedLng', readNumber),
				duplicates: readings.duplicates(v.duplicates) as IDataObject[] | undefined,
				computedLocation: readings.computedLocation(v.computedLocation) as IDataObject | undefined,
			};
			break;
		case 'acknowledge': {
			const infoCode = take('infoCode', (raw) =>
				readWholeNumber(raw, 0, INFO_CODE_NAMES.length - 1),
			);
			item = {
				...common,
				infoCode,
				infoCodeName: typeof infoCode === 'number' ? INFO_CODE_NAMES[infoCode] : undefined,
				infoMessage: take('infoMessage', text(MAX_TEXT)),
				downlinkAck: take('downlinkAck', readBoolean),
				downlinkOverusage: take('downlinkOverusage', readBoolean),
			};
			break;
		}
		case 'error':
			item = {
				...common,
				severity: take('severity', text(32)),
				info: take('info', text(MAX_TEXT)),
			};
			break;
	}
	if (readings.warnings.length > 0) item.warnings = readings.warnings;
	return compact(item);
}
