import { sleep } from 'n8n-workflow';

import type { Endpoint, RateClass } from '../endpoints';

/** A documented Sigfox rate limit (docs/sigfox/api.md#rate-limits). */
interface RateLimit {
	limit: number;
	windowMs: number;
	/** Longest wait worth spending before telling the user instead. */
	maxWaitMs: number;
	/** One budget per `{id}` of the path (a device, a base station), or one for the whole class. */
	perId: boolean;
	what: string;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** The limits of the rate classes that the endpoint table gives its endpoints. */
const RATE_LIMITS: Record<RateClass, RateLimit> = {
	deviceMessages: {
		limit: 1,
		windowMs: SECOND,
		maxWaitMs: MINUTE,
		perId: true,
		what: 'reads of the messages of one device (1 per second)',
	},
	baseStationMessages: {
		limit: 1,
		windowMs: SECOND,
		maxWaitMs: MINUTE,
		perId: true,
		what: 'reads of the messages of one base station (1 per second)',
	},
	deviceList: {
		limit: 50,
		windowMs: 10 * SECOND,
		maxWaitMs: MINUTE,
		perId: false,
		what: 'device list requests (50 per 10 seconds)',
	},
	deviceChange: {
		limit: 1,
		windowMs: 60 * MINUTE,
		maxWaitMs: 0,
		perId: true,
		what: 'updates or deletions of one device (1 per 60 minutes); use the bulk operations to change many devices',
	},
	deviceBulkJob: {
		limit: 5,
		windowMs: 10 * MINUTE,
		maxWaitMs: 10 * MINUTE,
		perId: false,
		what: 'bulk device jobs (5 per 10 minutes)',
	},
	deviceTransfer: {
		limit: 5,
		windowMs: 10 * MINUTE,
		maxWaitMs: 10 * MINUTE,
		perId: false,
		what: 'bulk device transfers (5 per 10 minutes)',
	},
	predictionBulkJob: {
		limit: 5,
		windowMs: 5 * MINUTE,
		maxWaitMs: 5 * MINUTE,
		perId: false,
		what: 'bulk coverage predictions (5 per 5 minutes)',
	},
	predictionBulkRead: {
		limit: 10,
		windowMs: MINUTE,
		maxWaitMs: MINUTE,
		perId: false,
		what: 'bulk coverage prediction reads (10 per minute)',
	},
	predictions: {
		limit: 10,
		windowMs: MINUTE,
		maxWaitMs: MINUTE,
		perId: false,
		what: 'coverage predictions (10 per minute)',
	},
};

/** Request times per budget, shared by every execution of this n8n process. */
const recentRequests = new Map<string, number[]>();
const SWEEP_THRESHOLD = 1000;

function sweep(now: number): void {
	for (const [key, times] of recentRequests) {
		if (times.length === 0 || times[times.length - 1] <= now - 60 * MINUTE) {
			recentRequests.delete(key);
		}
	}
}

type PathParams = Record<string, string | number> | undefined;

/** The documented limit an endpoint counts against and the key of its budget, if it has one. */
function budgetOf(
	scope: string,
	endpoint: Endpoint,
	params: PathParams,
): { rule: RateLimit; key: string } | undefined {
	if (!endpoint.rate) return undefined;
	const rule = RATE_LIMITS[endpoint.rate];
	const id = rule.perId ? String(params?.id ?? '').toUpperCase() : '';
	return { rule, key: `${scope}|${endpoint.rate}|${id}` };
}

/**
 * Waits until a request to `endpoint` fits in Sigfox's documented limit for it,
 * then records it. `scope` separates API users. Endpoints without a documented limit pass at once.
 * Returns why the request must not be sent when the wait would be longer than worth spending.
 */
export async function paceRequest(
	scope: string,
	endpoint: Endpoint,
	params?: PathParams,
): Promise<string | undefined> {
	const budget = budgetOf(scope, endpoint, params);
	if (!budget) return undefined;
	const { rule, key } = budget;

	for (;;) {
		const now = Date.now();
		if (recentRequests.size > SWEEP_THRESHOLD) sweep(now);
		const times = (recentRequests.get(key) ?? []).filter((t) => t > now - rule.windowMs);
		if (times.length < rule.limit) {
			times.push(now);
			recentRequests.set(key, times);
			return undefined;
		}
		recentRequests.set(key, times);
		const waitMs = times[0] + rule.windowMs - now;
		if (waitMs > rule.maxWaitMs) {
			return `Sigfox limits ${rule.what}; this request would have to wait ${Math.ceil(waitMs / 1000)} s`;
		}
		await sleep(waitMs);
	}
}

/**
 * Moves the latest recorded request to `endpoint` to now, when its answer arrives. Sigfox counts
 * a request when it receives it, somewhere between our sending and its answer: timing the next one
 * from the answer keeps network jitter from landing two requests less than a window apart (a 429).
 */
export function paceAnswered(scope: string, endpoint: Endpoint, params?: PathParams): void {
	const budget = budgetOf(scope, endpoint, params);
	const times = budget && recentRequests.get(budget.key);
	if (times && times.length > 0) times[times.length - 1] = Date.now();
}
