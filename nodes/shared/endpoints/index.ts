import type { IHttpRequestMethods } from 'n8n-workflow';

import table from './endpoints.json';

/**
 * The documented Sigfox rate limits an endpoint can count against (docs/sigfox/api.md#rate-limits); the
 * limits themselves are in transport/pacing.ts.
 */
export const RATE_CLASSES = [
	'deviceMessages',
	'baseStationMessages',
	'deviceList',
	'deviceChange',
	'deviceBulkJob',
	'deviceTransfer',
	'predictionBulkJob',
	'predictionBulkRead',
	'predictions',
] as const;

export type RateClass = (typeof RATE_CLASSES)[number];

/** One Sigfox API v2 route, its path written as in the API contract (`/devices/{id}`). */
export interface Endpoint {
	method: IHttpRequestMethods;
	path: string;
	/** Answers `{data, paging}`, a page of a longer list (docs/sigfox/api.md#paging). */
	paged?: true;
	rate?: RateClass;
}

/**
 * Every route of the Sigfox API v2, once (endpoints.json: a name, the method, the path, whether it is
 * paged, its rate class). The action node's operations, job-status links, the triggers, list search and
 * pacing name their endpoints from here; a test holds it to contract/sigfox-api-v2.json.
 */
export const ENDPOINTS = table as { readonly [Name in keyof typeof table]: Endpoint };

/** The path of an endpoint with its `{name}` parameters filled in, each encoded as one path segment. */
export function endpointPath(
	endpoint: Endpoint,
	params: Record<string, string | number> = {},
): string {
	return endpoint.path.replace(/\{(\w+)\}/g, (written, name: string) => {
		const value = params[name];
		if (value === undefined || value === '') throw new RangeError(`${endpoint.path} needs ${name}`);
		return encodeURIComponent(String(value));
	});
}
