import type { IDataObject } from 'n8n-workflow';

/**
 * The answer Sigfox expects to a bidirectional callback, keyed by the device ID as Sigfox rendered it:
 * `{ "<device>": { "downlinkData": "<16 hex>" } }`, or `noData` for none (docs/sigfox/callbacks.md#bidir-answer).
 * The data is checked by the caller (ID_FORMATS.downlinkData).
 */
export function downlinkAnswer(deviceId: string, data: string | undefined): IDataObject {
	return {
		[deviceId]: data === undefined ? { noData: true } : { downlinkData: data.toLowerCase() },
	};
}
