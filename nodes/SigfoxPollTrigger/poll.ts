import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { decodeForItem } from '../shared/payload';
import type { Listed, PollSource } from './lists';
import { newestItems, readWindow, sourceLists } from './lists';

export type { PollSource } from './lists';

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
	/** Every item before this time (ms) was emitted. */
	watermark?: number;
	/** When (ms) the previous poll ran: late messages are read again from OVERLAP_MS before it. */
	polledAt?: number;
	/** The span (ms) of the last window read, to start the next poll with. */
	span?: number;
	/** messageId → time (ms) of the messages emitted within the overlap window. */
	recent?: Record<string, number>;
}

function callbackUrlPart(ctx: IPollFunctions): string {
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	return typeof options.callbackUrlContains === 'string' ? options.callbackUrlContains : '';
}

function keep(ctx: IPollFunctions, items: IDataObject[]): IDataObject[] {
	const urlPart = callbackUrlPart(ctx);
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

/** What n8n's execution record and memory comfortably hold in one poll (README: Sigfox Poll Trigger). */
export const DEFAULT_MAX_ITEMS_PER_POLL = 2000;
/** Polls end early rather than read a window for fewer items than this. */
const SMALLEST_REFILL = 100;

const byTime = (a: IDataObject, b: IDataObject) => Number(a.timestamp) - Number(b.timestamp);
const byListedTime = (a: Listed, b: Listed) => a.time - b.time;

/**
 * One poll: at most Max Items per Poll of the items that appeared since the watermark, oldest first,
 * each once; the next poll continues where this one stopped.
 *
 * Sigfox lists newest first and pages message lists by time (docs/sigfox/api.md#paging), so the poll
 * reads the backlog in time windows [from, to) that hold at most what it may still emit: a window
 * that turns out to hold more is abandoned as soon as it does and narrowed (to half, or to the span
 * the items read so far fill, whichever is smaller); after a complete window the span is what 80% of a
 * full poll fills at the rate of all the complete windows of the poll (at most twice the last: the few
 * items of the last, smallest windows alone would make a noisy estimate); a poll stops rather than
 * read a window for fewer than SMALLEST_REFILL more items. The span is kept between polls. The
 * watermark moves to the end of the last window emitted whole, and only when every request of the
 * poll succeeded. Later polls read again from OVERLAP_MS before the previous poll's time, for messages
 * that reach the API late; the IDs emitted since then keep them from being emitted twice, and only
 * those are remembered.
 */
export async function pollMessages(ctx: IPollFunctions): Promise<IDataObject[]> {
	const source = ctx.getNodeParameter('source') as PollSource;
	const lists = sourceLists(ctx, source);
	if (ctx.getMode() === 'manual') {
		// "Fetch Test Event": the newest real item, without moving the watermark.
		const newest = keep(ctx, await newestItems(ctx, lists));
		newest.sort((a, b) => byTime(b, a));
		return withDecoded(ctx, newest.slice(0, 1));
	}

	const state = ctx.getWorkflowStaticData('node') as PollState;
	const cap = Math.max(
		1,
		Math.floor(Number(ctx.getNodeParameter('maxItemsPerPoll', DEFAULT_MAX_ITEMS_PER_POLL))),
	);
	// Whole seconds, the precision of the items' timestamps.
	const now = Math.floor(Date.now() / 1000) * 1000;
	let since: number;
	if (state.watermark === undefined) {
		const startFrom = ctx.getNodeParameter('startFrom', 'now') as string;
		if (startFrom === 'now') {
			Object.assign(state, { start: now, watermark: now, polledAt: now, recent: {} });
			return [];
		}
		const hours = Math.min(
			HISTORY_HOURS,
			Math.max(0, Number(ctx.getNodeParameter('lookBackHours', 24))),
		);
		since = now - hours * 3600 * 1000;
	} else {
		// Read again what may have reached the API late since the previous poll; no need while catching up.
		since = Math.min(state.watermark, (state.polledAt ?? state.watermark) - OVERLAP_MS);
	}

	const start = state.start ?? since;
	const recent = { ...(state.recent ?? {}) };
	const urlPart = callbackUrlPart(ctx);
	const isFresh = (item: IDataObject, time: number) =>
		time >= start &&
		!(String(item.messageId) in recent) &&
		(!urlPart ||
			String((item.undelivered as IDataObject | undefined)?.url ?? '').includes(urlPart));

	const emitted: IDataObject[] = [];
	const take = ({ item, time }: Listed) => {
		recent[String(item.messageId)] = time;
		emitted.push(item);
	};
	let from = since;
	// The span (ms) expected to hold some 80% of a full poll; a window gets its share for the room left.
	let span = state.span ?? Number.POSITIVE_INFINITY;
	let watermark = state.watermark ?? since;
	// The complete windows of this poll, for the span: one estimate from all of them, not from the last and smallest.
	let readWidth = 0;
	let readCount = 0;
	// Too few to be worth a window of their own, once the poll has emitted something: the next poll takes them.
	const fewLeft = () =>
		emitted.length > 0 && cap - emitted.length < Math.min(SMALLEST_REFILL, cap / 2);
	while (emitted.length < cap) {
		const room = cap - emitted.length;
		const width = Math.max(1, Math.floor((span * room) / cap));
		// The last window is open: it also takes what is stamped after `now`.
		const to = from + width >= now ? undefined : from + width;
		const read = await readWindow(ctx, lists, { from, to, room }, isFresh);
		if (read.complete) {
			read.items.sort(byListedTime).forEach(take);
			if (to === undefined) {
				watermark = Math.max(watermark, now);
				break;
			}
			from = to;
			watermark = Math.max(watermark, to);
			readWidth += width;
			readCount += read.items.length;
			span = readCount === 0 ? span * 2 : Math.min(span * 2, (0.8 * cap * readWidth) / readCount);
			// A window for a few more items costs a request like a full page.
			if (fewLeft()) break;
			continue;
		}
		const end = to ?? Math.max(now, read.oldest + 1);
		if (end - from <= 1) {
			// More than the cap in one millisecond: emit part of it; the rest comes with the next poll.
			read.items.slice(0, room).forEach(take);
			break;
		}
		// Abandoned: half the window, or the part that the items read so far fill, whichever is smaller.
		const fits = (0.8 * (end - read.oldest) * room) / read.items.length;
		const narrower = Math.max(1, Math.floor(Math.min((end - from) / 2, fits)));
		span = (narrower * cap) / room;
		if (fewLeft()) break;
	}

	// Remember only what a later poll reads again.
	const nextSince = Math.min(watermark, now - OVERLAP_MS);
	for (const [id, time] of Object.entries(recent)) if (time < nextSince) delete recent[id];
	Object.assign(state, {
		start,
		watermark,
		polledAt: now,
		span: Number.isFinite(span) ? span : undefined,
		recent,
	});
	return withDecoded(ctx, emitted);
}
