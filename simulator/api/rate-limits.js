'use strict';

/** The documented per-endpoint limits, docs/sigfox/api.md#rate-limits. `perDevice` limits count each device id apart. */
const RATE_LIMITS = {
	deviceMessages: { limit: 1, windowMs: 1000, perDevice: true },
	deviceList: { limit: 50, windowMs: 10_000 },
	deviceEdit: { limit: 1, windowMs: 60 * 60_000, perDevice: true },
	bulk: { limit: 5, windowMs: 10 * 60_000 },
	coveragePrediction: { limit: 10, windowMs: 60_000 },
	coverageBulk: { limit: 5, windowMs: 5 * 60_000 },
	coverageBulkRead: { limit: 10, windowMs: 60_000 },
};

/**
 * Sliding windows of request times, keyed by endpoint (and device id where the limit is per device). `windowScale`
 * shortens every window (rateLimits 'scaled': the documented counts over windows × timeScale).
 */
function createRateLimiter({ windowScale = 1 } = {}) {
	const windows = new Map();
	return {
		/** Counts one request; returns 0 when allowed, else the seconds to wait (for Retry-After). */
		take(key, { limit, windowMs: documentedMs }) {
			const windowMs = documentedMs * windowScale;
			const now = Date.now();
			const times = (windows.get(key) ?? []).filter((time) => time > now - windowMs);
			windows.set(key, times);
			if (times.length >= limit) return Math.max(1, Math.ceil((times[0] + windowMs - now) / 1000));
			times.push(now);
			return 0;
		},
		reset() {
			windows.clear();
		},
	};
}

module.exports = { RATE_LIMITS, createRateLimiter };
