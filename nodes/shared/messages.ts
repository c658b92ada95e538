import type { IDataObject } from 'n8n-workflow';

import { buildMessageId } from './messageId';
import { compact, Readings, readBoolean, readSequenceNumber } from './renderings';

/** A message as the API lists it (docs/sigfox/api.md#messages: time in ms, lqi a number 0–4). */
export interface ApiMessage {
	device?: { id?: string; name?: string } | string;
	time?: number;
	data?: string;
	ackRequired?: boolean;
	/** A number 0–4 (docs/sigfox/api.md#lqi). */
	lqi?: number | string;
	seqNumber?: number | string;
	/** `[]` when there is none (docs/sigfox/api.md#messages). */
	computedLocation?: IDataObject[] | IDataObject | null;
}

/** An undelivered-callback record (docs/sigfox/api.md#undelivered); its time is ms or, per the spec, "posix" seconds. */
export interface UndeliveredRecord {
	deviceId?: string;
	device?: string;
	deviceTypeId?: string;
	deviceType?: string;
	time?: number;
	data?: string;
	status?: string;
	message?: string;
	callback?: { url?: string; method?: string };
	parameters?: Record<string, string>;
}

/**
 * What identifies a message in every item the package emits: upper-case `deviceId`, ISO `time`,
 * `timestamp` in ms and the `messageId` the callback trigger builds for the same message.
 */
export function messageIdentity(
	deviceId: string,
	seqNumber: number | undefined,
	timestamp: number,
): { deviceId: string; time: string; timestamp: number; messageId: string } {
	const id = deviceId.toUpperCase();
	return {
		deviceId: id,
		time: new Date(timestamp).toISOString(),
		timestamp,
		messageId: buildMessageId(id, seqNumber, Math.floor(timestamp / 1000)),
	};
}

function deviceIdOf(device: ApiMessage['device']): string {
	return String((typeof device === 'object' ? device?.id : device) ?? '').toUpperCase();
}

/**
 * A listed message as the Sigfox Trigger would have emitted it, so that a workflow can switch
 * between the two triggers: same fields, same values, same messageId.
 */
export function normaliseApiMessage(message: ApiMessage): IDataObject {
	// Whole seconds, as callbacks give them, so that both triggers emit the same values.
	const timestamp = Math.floor(Number(message.time) / 1000) * 1000;
	const readings = new Readings();
	const seqNumber = readings.take('seqNumber', message.seqNumber, readSequenceNumber);
	const ack = readings.take('ackRequired', message.ackRequired, readBoolean);
	const item = compact({
		event: ack === true ? 'bidir' : 'uplink',
		...messageIdentity(
			deviceIdOf(message.device),
			typeof seqNumber === 'number' ? seqNumber : undefined,
			timestamp,
		),
		data: (message.data ?? '').toLowerCase(),
		seqNumber: seqNumber as number | undefined,
		ack: ack === true ? true : undefined,
		// The API's number, named as callbacks name it (docs/sigfox/api.md#lqi).
		...readings.linkQuality(undefined, message.lqi),
		computedLocation: readings.computedLocation(message.computedLocation) as
			| IDataObject
			| undefined,
	});
	if (readings.warnings.length > 0) item.warnings = readings.warnings;
	return item;
}

/**
 * The canonical fields of a message read through the API, to set over its raw fields in the
 * action node's message lists: `lqi` named as callbacks name it with the number as `linkQuality`,
 * and `computedLocation` an object (absent when the API lists none).
 */
export function canonicalMessageFields(message: IDataObject): IDataObject {
	const readings = new Readings();
	const fields: IDataObject = {};
	if ('lqi' in message) Object.assign(fields, readings.linkQuality(undefined, message.lqi));
	if ('computedLocation' in message)
		fields.computedLocation = readings.computedLocation(message.computedLocation) as
			| IDataObject
			| undefined;
	if (readings.warnings.length > 0) fields.warnings = readings.warnings;
	return fields;
}

/**
 * Seconds and milliseconds both occur in these records (no Sigfox time in ms is below 10^11); the
 * result is whole seconds in ms, as callbacks give them.
 */
function recordTimestamp(time: number): number {
	return (time < 1e11 ? time : Math.floor(time / 1000)) * 1000;
}

/** An undelivered callback as the message it carried, with why it was not delivered. */
export function normaliseUndelivered(record: UndeliveredRecord): IDataObject {
	// The variables as Sigfox substituted them, read as a callback's values are.
	const seqNumber = readSequenceNumber(record.parameters?.seqNumber).value;
	const identity = messageIdentity(
		String(record.deviceId ?? record.device ?? ''),
		seqNumber,
		recordTimestamp(Number(record.time)),
	);
	return compact({
		event: readBoolean(record.parameters?.ack).value === true ? 'bidir' : 'uplink',
		deviceId: identity.deviceId,
		deviceTypeId: record.deviceTypeId ?? record.deviceType,
		time: identity.time,
		timestamp: identity.timestamp,
		messageId: identity.messageId,
		data: record.data?.toLowerCase(),
		seqNumber,
		// The callback's own headers are left out: they carry the trigger's secret.
		undelivered: compact({
			status: record.status,
			message: record.message,
			url: record.callback?.url,
		}),
	});
}
