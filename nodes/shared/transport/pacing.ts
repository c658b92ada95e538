import { sleep } from 'n8n-workflow';

/** A documented Sigfox rate limit (docs/sigfox/api.md#rate-limits), matched on method and path. */
interface RateRule {
	methods: string[];
	path: RegExp;
	limit: number;
	windowMs: number;
	/** Longest wait worth spending before telling the user instead. */
	maxWaitMs: number;
	/** Per matched id (device, base station) or one budget for the endpoint. */
	perId: boolean;
	what: string;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;

const RATE_RULES: RateRule[] = [
	{
		methods: ['GET'],
		path: /^\/devices\/([^/]+)\/messages$/,
		limit: 1,
		windowMs: SECOND,
		maxWaitMs: MINUTE,
		perId: true,
		what: 'reads of the messages of one device (1 per second)',
	},
	{
		methods: ['GET'],
		path: /^\/base-stations\/([^/]+)\/messages$/,
		limit: 1,
		windowMs: SECOND,
		maxWaitMs: MINUTE,
		perId: true,
		what: 'reads of the messages of one base station (1 per second)',
	},
	{
		methods: ['GET'],
		path: /^\/devices\/$/,
		limit: 50,
		windowMs: 10 * SECOND,
		maxWaitMs: MINUTE,
		perId: false,
		what: 'device list requests (50 per 10 seconds)',
	},
	{
		methods: ['PUT', 'DELETE'],
		path: /^\/devices\/(?!bulk$)([^/]+)$/,
		limit: 1,
		windowMs: 60 * MINUTE,
		maxWaitMs: 0,
		perId: true,
		what: 'updates or deletions of one device (1 per 60 minutes); use the bulk operations to change many devices',
	},
	{
		methods: ['POST', 'PUT'],
		path: /^\/devices\/bulk$/,
		limit: 5,
		windowMs: 10 * MINUTE,
		maxWaitMs: 10 * MINUTE,
		perId: false,
		what: 'bulk device jobs (5 per 10 minutes)',
	},
	{
		methods: ['POST'],
		path: /^\/devices\/bulk\/transfer$/,
		limit: 5,
		windowMs: 10 * MINUTE,
		maxWaitMs: 10 * MINUTE,
		perId: false,
		what: 'bulk device transfers (5 per 10 minutes)',
	},
	{
		methods: ['POST'],
		path: /^\/coverages\/global\/predictions\/bulk$/,
		limit: 5,
		windowMs: 5 * MINUTE,
		maxWaitMs: 5 * MINUTE,
		perId: false,
		what: 'bulk coverage predictions (5 per 5 minutes)',
	},
	{
		methods: ['GET'],
		path: /^\/coverages\/global\/predictions\/bulk\/[^/]+$/,
		limit: 10,
		windowMs: MINUTE,
		maxWaitMs: MINUTE,
		perId: false,
		what: 'bulk coverage prediction reads (10 per minute)',
	},
	{
		methods: ['GET'],
		path: /^\/coverages\/global\/predictions$/,
		limit: 10,
		windowMs: MINUTE,
		maxWaitMs: MINUTE,
		perId: false,
		what: 'coverage predictions (10 per minute)',
	},
];

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

/** The documented limit of `method path` and the key of its budget, if it has one. */
function budgetOf(
	scope: string,
	method: string,
	path: string,
): { rule: RateRule; key: string } | undefined {
	const rule = RATE_RULES.find((r) => r.methods.includes(method) && r.path.test(path));
	if (!rule) return undefined;
	const id = rule.perId ? (rule.path.exec(path)?.[1] ?? '') : '';
	return { rule, key: `${scope}|${rule.what}|${id}` };
}

/**
 * Waits until a request to `method path` fits in Sigfox's documented limit for that endpoint,
 * then records it. `scope` separates API users. Endpoints without a documented limit pass at once.
 * Returns why the request must not be sent when the wait would be longer than worth spending.
 */
export async function paceRequest(
	scope: string,
	method: string,
	path: string,
): Promise<string | undefined> {
	const budget = budgetOf(scope, method, path);
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
 * Moves the latest recorded request of `method path` to now, when its answer arrives. Sigfox counts
 * a request when it receives it, somewhere between our sending and its answer: timing the next one
 * from the answer keeps network jitter from landing two requests less than a window apart (a 429).
 */
export function paceAnswered(scope: string, method: string, path: string): void {
	const budget = budgetOf(scope, method, path);
	const times = budget && recentRequests.get(budget.key);
	if (times && times.length > 0) times[times.length - 1] = Date.now();
}
