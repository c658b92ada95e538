import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ApiMessage, UndeliveredRecord } from '../shared/messages';
import { normaliseApiMessage, normaliseUndelivered } from '../shared/messages';
import type { Endpoint } from '../shared/endpoints';
import { ENDPOINTS } from '../shared/endpoints';
import { sigfoxPages } from '../shared/transport';
import { isFormat } from '../shared/ids';

export type PollSource =
	| 'deviceTypeMessages'
	| 'deviceMessages'
	| 'deviceTypeUndelivered'
	| 'groupUndelivered';

function objectId(ctx: IPollFunctions, name: string, label: string): string {
	const value = String(ctx.getNodeParameter(name, undefined, { extractValue: true }) ?? '').trim();
	if (!isFormat('objectId', value)) {
		throw new NodeOperationError(ctx.getNode(), `${label} "${value}" is not valid`, {
			description: 'A Sigfox ID is 24 hexadecimal characters, e.g. 57309548171c857460043085.',
		});
	}
	return value;
}

function deviceIds(ctx: IPollFunctions): string[] {
	const ids = String(ctx.getNodeParameter('deviceIds', '') ?? '')
		.split(/[\s,]+/)
		.filter(Boolean)
		.map((id) => id.toUpperCase());
	const wrong = ids.filter((id) => !isFormat('deviceId', id));
	if (ids.length === 0 || wrong.length > 0) {
		throw new NodeOperationError(
			ctx.getNode(),
			ids.length === 0 ? 'No device IDs given' : `Not Sigfox device IDs: ${wrong.join(', ')}`,
			{ description: 'List device IDs of 1 to 8 hexadecimal characters, separated by commas.' },
		);
	}
	return [...new Set(ids)];
}

/** Where the items of the source come from: one list per device, or one list for all. */
export interface SourceLists {
	lists: { endpoint: Endpoint; id: string }[];
	normalise: (entry: IDataObject) => IDataObject;
}

export function sourceLists(ctx: IPollFunctions, source: PollSource): SourceLists {
	const message = (entry: IDataObject) => normaliseApiMessage(entry as ApiMessage);
	const undelivered = (entry: IDataObject) => normaliseUndelivered(entry as UndeliveredRecord);
	switch (source) {
		case 'deviceTypeMessages':
			return {
				lists: [
					{
						endpoint: ENDPOINTS.listDeviceTypeMessages,
						id: objectId(ctx, 'deviceTypeId', 'Device type'),
					},
				],
				normalise: message,
			};
		case 'deviceTypeUndelivered':
			return {
				lists: [
					{
						endpoint: ENDPOINTS.listUndeliveredCallbacksForDeviceType,
						id: objectId(ctx, 'deviceTypeId', 'Device type'),
					},
				],
				normalise: undelivered,
			};
		case 'groupUndelivered':
			return {
				lists: [
					{
						endpoint: ENDPOINTS.listUndeliveredCallbacksForGroup,
						id: objectId(ctx, 'groupId', 'Group'),
					},
				],
				normalise: undelivered,
			};
		case 'deviceMessages':
			// One device after the other: Sigfox allows one message read per device per second.
			return {
				lists: deviceIds(ctx).map((id) => ({ endpoint: ENDPOINTS.listDeviceMessages, id })),
				normalise: message,
			};
	}
}

/** The newest item of each list, for "Fetch Test Event". */
export async function newestItems(ctx: IPollFunctions, { lists, normalise }: SourceLists) {
	const items: IDataObject[] = [];
	for (const { endpoint, id } of lists) {
		const request = { endpoint, params: { id }, qs: {} };
		for await (const page of sigfoxPages(ctx, request, { limit: 1 }))
			for (const entry of page) items.push(normalise(entry));
	}
	return items;
}

/** An item with the time (ms) Sigfox listed it at: items carry whole seconds, the API windows take ms. */
export interface Listed {
	item: IDataObject;
	time: number;
}

/** How a window read ended: complete with its fresh items, or abandoned above `room` fresh items. */
type WindowRead =
	| { complete: true; items: Listed[] }
	| { complete: false; items: Listed[]; oldest: number };

/** The time of a list entry in ms (undelivered records may give seconds). */
function listedTime(entry: IDataObject): number {
	const time = Number(entry.time);
	return time < 1e11 ? time * 1000 : time;
}

/**
 * The fresh items of every list between `from` (included) and `to` (excluded; none: up to now),
 * read page by page (newest first) and abandoned as soon as they are more than `room`: memory holds
 * at most `room` + 1 items whatever the backlog. Fresh: not emitted before (`recent`), not older than
 * `start`, and passing the callback URL filter.
 */
export async function readWindow(
	ctx: IPollFunctions,
	{ lists, normalise }: SourceLists,
	window: { from: number; to?: number; room: number },
	isFresh: (item: IDataObject, time: number) => boolean,
): Promise<WindowRead> {
	const found = new Map<string, Listed>();
	let oldest = Number.POSITIVE_INFINITY;
	const qs: IDataObject = { since: window.from };
	if (window.to !== undefined) qs.before = window.to;
	for (const { endpoint, id } of lists) {
		for await (const page of sigfoxPages(ctx, { endpoint, params: { id }, qs })) {
			for (const entry of page) {
				const time = listedTime(entry);
				// The API answers the window; this guards against an item outside it all the same.
				if (time < window.from || (window.to !== undefined && time >= window.to)) continue;
				const item = normalise(entry);
				if (!isFresh(item, time)) continue;
				found.set(String(item.messageId), { item, time });
				oldest = Math.min(oldest, time);
			}
			if (found.size > window.room) return { complete: false, items: [...found.values()], oldest };
		}
	}
	return { complete: true, items: [...found.values()] };
}
