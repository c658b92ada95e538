import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ApiMessage, UndeliveredRecord } from '../shared/messages';
import { normaliseApiMessage, normaliseUndelivered } from '../shared/messages';
import { decodeForItem } from '../shared/payload';
import type { Endpoint } from '../shared/endpoints';
import { ENDPOINTS } from '../shared/endpoints';
import { sigfoxPages } from '../shared/transport';

export type PollSource =
	| 'deviceTypeMessages'
	| 'deviceMessages'
	| 'deviceTypeUndelivered'
	| 'groupUndelivered';

/**
 * Messages reach the API a little after they happened: each poll reads again this far before its
 * watermark, and the message IDs seen in that window keep it from emitting one twice.
 */
export const OVERLAP_MS = 5 * 60 * 1000;
/** The API keeps messages for about 3 days (docs/sigfox/api.md#messages). */
const HISTORY_HOURS = 72;

/** What the poll trigger keeps between polls, in the node's static data. */
interface PollState extends IDataObject {
	/** Where the first poll started (ms): nothing older is emitted. */
	start?: number;
	/** The newest message time (ms) seen so far. */
	watermark?: number;
	/** messageId → time (ms) of the messages emitted within the overlap window. */
	recent?: Record<string, number>;
}

const OBJECT_ID = /^[0-9a-fA-F]{24}$/;
const DEVICE_ID = /^[0-9a-fA-F]{1,8}$/;

function objectId(ctx: IPollFunctions, name: string, label: string): string {
	const value = String(ctx.getNodeParameter(name, undefined, { extractValue: true }) ?? '').trim();
	if (!OBJECT_ID.test(value)) {
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
	const wrong = ids.filter((id) => !DEVICE_ID.test(id));
	if (ids.length === 0 || wrong.length > 0) {
		throw new NodeOperationError(
			ctx.getNode(),
			ids.length === 0 ? 'No device IDs given' : `Not Sigfox device IDs: ${wrong.join(', ')}`,
			{ description: 'List device IDs of 1 to 8 hexadecimal characters, separated by commas.' },
		);
	}
	return [...new Set(ids)];
}

/** Every item of the source since `since` (ms), or only the newest one when `limit` is 1. */
async function fetchItems(
	ctx: IPollFunctions,
	source: PollSource,
	since: number | undefined,
	limit?: number,
): Promise<IDataObject[]> {
	const qs: IDataObject = since === undefined ? {} : { since: Math.floor(since) };
	const read = async (
		endpoint: Endpoint,
		id: string,
		normalise: (entry: IDataObject) => IDataObject,
	) => {
		const items: IDataObject[] = [];
		const request = { endpoint, params: { id }, qs };
		for await (const page of sigfoxPages(ctx, request, { limit })) {
			for (const entry of page) items.push(normalise(entry));
		}
		return items;
	};
	const message = (entry: IDataObject) => normaliseApiMessage(entry as ApiMessage);
	const undelivered = (entry: IDataObject) => normaliseUndelivered(entry as UndeliveredRecord);
	switch (source) {
		case 'deviceTypeMessages':
			return read(
				ENDPOINTS.listDeviceTypeMessages,
				objectId(ctx, 'deviceTypeId', 'Device type'),
				message,
			);
		case 'deviceTypeUndelivered':
			return read(
				ENDPOINTS.listUndeliveredCallbacksForDeviceType,
				objectId(ctx, 'deviceTypeId', 'Device type'),
				undelivered,
			);
		case 'groupUndelivered':
			return read(
				ENDPOINTS.listUndeliveredCallbacksForGroup,
				objectId(ctx, 'groupId', 'Group'),
				undelivered,
			);
		case 'deviceMessages': {
			// One device after the other: Sigfox allows one message read per device per second.
			const items: IDataObject[] = [];
			for (const id of deviceIds(ctx))
				items.push(...(await read(ENDPOINTS.listDeviceMessages, id, message)));
			return items;
		}
	}
}

function keep(ctx: IPollFunctions, items: IDataObject[]): IDataObject[] {
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	const urlPart =
		typeof options.callbackUrlContains === 'string' ? options.callbackUrlContains : '';
	if (!urlPart) return items;
	return items.filter((item) =>
		String((item.undelivered as IDataObject | undefined)?.url ?? '').includes(urlPart),
	);
}

function withDecoded(ctx: IPollFunctions, items: IDataObject[]): IDataObject[] {
	const config = String(ctx.getNodeParameter('payloadConfig', '') ?? '').trim();
	if (!config) return items;
	return items.map((item) =>
		typeof item.data === 'string' ? { ...item, ...decodeForItem(config, item.data) } : item,
	);
}

/**
 * One poll: the items that appeared since the watermark, oldest first, each once. The watermark
 * and the recent message IDs move only when every request of the poll succeeded.
 */
export async function pollMessages(ctx: IPollFunctions): Promise<IDataObject[]> {
	const source = ctx.getNodeParameter('source') as PollSource;
	if (ctx.getMode() === 'manual') {
		// "Fetch Test Event": the newest real item, without moving the watermark.
		const newest = keep(
			ctx,
			await fetchItems(ctx, source, undefined, source === 'deviceMessages' ? undefined : 1),
		);
		newest.sort((a, b) => Number(b.timestamp) - Number(a.timestamp));
		return withDecoded(ctx, newest.slice(0, 1));
	}

	const state = ctx.getWorkflowStaticData('node') as PollState;
	// Whole seconds, the precision of the items' timestamps.
	const now = Math.floor(Date.now() / 1000) * 1000;
	let since: number;
	if (state.watermark === undefined) {
		const startFrom = ctx.getNodeParameter('startFrom', 'now') as string;
		if (startFrom === 'now') {
			Object.assign(state, { start: now, watermark: now, recent: {} });
			return [];
		}
		const hours = Math.min(
			HISTORY_HOURS,
			Math.max(0, Number(ctx.getNodeParameter('lookBackHours', 24))),
		);
		since = now - hours * 3600 * 1000;
	} else {
		since = state.watermark - OVERLAP_MS;
	}

	const start = state.start ?? since;
	const fetched = keep(ctx, await fetchItems(ctx, source, since)).filter(
		(item) => Number(item.timestamp) >= start,
	);
	const recent = { ...(state.recent ?? {}) };
	const fresh: IDataObject[] = [];
	for (const item of fetched.sort((a, b) => Number(a.timestamp) - Number(b.timestamp))) {
		const id = String(item.messageId);
		if (id in recent) continue;
		recent[id] = Number(item.timestamp);
		fresh.push(item);
	}
	const watermark = Math.max(
		state.watermark ?? since,
		...fetched.map((item) => Number(item.timestamp)),
	);
	for (const [id, time] of Object.entries(recent))
		if (time < watermark - OVERLAP_MS) delete recent[id];

	Object.assign(state, { start, watermark, recent });
	return withDecoded(ctx, fresh);
}
