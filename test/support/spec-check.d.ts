export interface SentRequest {
	method: string;
	/** Below the base URL, e.g. `/devices/1A2B`. */
	path: string;
	query?: Record<string, unknown>;
	body?: unknown;
}

export interface RequestCheck {
	/** `METHOD /template` of the spec operation, undefined when none matches. */
	operation?: string;
	errors: string[];
}

export function checkRequest(request: SentRequest): RequestCheck;
export const SPEC_OPERATIONS: string[];
