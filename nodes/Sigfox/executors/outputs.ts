import type { IDataObject } from 'n8n-workflow';

import { OWNER_HEADER } from '../../shared/callbacks/events';
import { ENDPOINTS, type Endpoint } from '../../shared/endpoints';
import { canonicalMessageFields, messageIdentity } from '../../shared/messages';
import type { OutputShape } from '../catalogue/types';

/** What an answer element was read from: its endpoint and path parameters. */
export interface ReadFrom {
	endpoint: Endpoint;
	params: Record<string, string | number>;
}

/** A copy of a Sigfox answer with the value of every `x-n8n-sigfox-secret` key written `***`. */
export function maskSecrets<T>(value: T): T {
	if (Array.isArray(value)) return value.map((v) => maskSecrets(v as unknown)) as unknown as T;
	if (typeof value !== 'object' || value === null) return value;
	const masked: IDataObject = {};
	for (const [key, inner] of Object.entries(value as IDataObject)) {
		masked[key] = key.toLowerCase() === OWNER_HEADER ? '***' : maskSecrets(inner);
	}
	return masked as T;
}

/**
 * A Sigfox message as workflows use it: ISO `time`, the API's ms as `timestamp`, the `messageId`
 * the trigger gives the same message, and `lqi`/`linkQuality`/`computedLocation` as the triggers
 * give them (docs/sigfox/api.md#lqi), beside the raw fields. A device's own list names no device
 * in its messages: the device is the one read.
 */
function message(element: IDataObject, from: ReadFrom): IDataObject {
	const device = element.device as IDataObject | undefined;
	const listedDevice = from.endpoint === ENDPOINTS.listDeviceMessages ? from.params.id : undefined;
	const deviceId = String(device?.id ?? listedDevice ?? '');
	const timestamp = Number(element.time);
	const item: IDataObject = Number.isFinite(timestamp)
		? {
				...element,
				...messageIdentity(deviceId, element.seqNumber as number | undefined, timestamp),
			}
		: { ...element, deviceId };
	Object.assign(item, canonicalMessageFields(element));
	// The API's `computedLocation: []` means none: the triggers then have no such field.
	if (item.computedLocation === undefined) delete item.computedLocation;
	return item;
}

/** The password of an API user is shown once, by Renew Credential; reads never repeat it (docs/sigfox/api.md#administration). */
function withoutAccessToken(apiUser: IDataObject): IDataObject {
	const shown = { ...apiUser };
	delete shown.accessToken;
	return shown;
}

export const OUTPUTS: Record<OutputShape, (element: IDataObject, from: ReadFrom) => IDataObject> = {
	message,
	secretsMasked: (element) => maskSecrets(element),
	withoutAccessToken,
};

/** The elements of an answer as the operation shows them. */
export function shown(
	shape: OutputShape | undefined,
	elements: IDataObject[],
	from: ReadFrom,
): IDataObject[] {
	return shape ? elements.map((element) => OUTPUTS[shape](element, from)) : elements;
}
