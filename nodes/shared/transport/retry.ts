/**
 * When a failed Sigfox request may be sent again, and how long to wait first.
 * A 429 never took effect; a 5xx or a dropped connection might have, so only idempotent methods
 * are resent after those, and a POST is reconciled instead (docs/sigfox/api.md#errors, docs/sigfox/api.md#rate-limits).
 */
export const RETRY_POLICY = {
	maxAttempts: 6,
	baseDelayMs: 500,
	maxDelayMs: 30_000,
	maxTotalWaitMs: 120_000,
};

export type Failure =
	| { kind: 'status'; statusCode: number; retryAfter?: string }
	| { kind: 'network'; code: string; sent: boolean };

export type RetryDecision = 'retry' | 'final' | 'outcomeUnknown';

const IDEMPOTENT = new Set(['GET', 'PUT', 'DELETE', 'HEAD']);

export function decideRetry(method: string, failure: Failure): RetryDecision {
	if (failure.kind === 'status') {
		if (failure.statusCode === 429) return 'retry';
		if (failure.statusCode < 500) return 'final';
		return IDEMPOTENT.has(method) ? 'retry' : 'outcomeUnknown';
	}
	// A refused connection or an unknown host never reached Sigfox.
	if (!failure.sent) return 'retry';
	return IDEMPOTENT.has(method) ? 'retry' : 'outcomeUnknown';
}

/** Delay in ms from a Retry-After header: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
	if (value === undefined || value.trim() === '') return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff with equal jitter; `attempt` counts the failures so far (1 = first). */
export function backoffDelay(attempt: number, random: number = Math.random()): number {
	const ceiling = Math.min(RETRY_POLICY.maxDelayMs, RETRY_POLICY.baseDelayMs * 2 ** (attempt - 1));
	return Math.round(ceiling / 2 + (random * ceiling) / 2);
}

export function retryDelay(attempt: number, failure: Failure, now: number): number {
	const asked = failure.kind === 'status' ? parseRetryAfter(failure.retryAfter, now) : undefined;
	return asked ?? backoffDelay(attempt);
}
