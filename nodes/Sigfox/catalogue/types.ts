import type { INodeProperties } from 'n8n-workflow';

import type { Endpoint } from '../../shared/endpoints';

/**
 * Where a parameter goes in the Sigfox request; `device` is one element of a bulk body's `data`,
 * read from each input item.
 */
export type ParameterLocation = 'path' | 'query' | 'body' | 'device';

/** Checked before any request is sent (the spec has no patterns: docs/sigfox/api.md#spec-quirks). */
export type ValueFormat = 'deviceId' | 'objectId' | 'objectIds' | 'pac';

/**
 * How an n8n value becomes the API's: `epochMs` an n8n date-time sent as milliseconds
 * (docs/sigfox/api.md#time), `certificateKey` a key sent as `{key}`, `headers` name/value pairs sent as an
 * object, `integer` a whole number, `list` comma-separated text sent as an array, `joined` values picked
 * from a list sent as one comma-separated text, `userRoles`
 * group/profile pairs sent as `[{groupId, profileId}]`, `locations` a JSON array of `{lat, lng}`.
 */
export type ValueEncoding =
	| 'epochMs'
	| 'certificateKey'
	| 'headers'
	| 'integer'
	| 'list'
	| 'joined'
	| 'userRoles'
	| 'locations';

export interface CatalogueField {
	/** The parameter as the user sees it; its name is the API's unless `apiName` says otherwise. */
	property: INodeProperties;
	/** Absent for the parameters of an operation that sends no request. */
	in?: ParameterLocation;
	apiName?: string;
	format?: ValueFormat;
	/** For a collection: the format of some of its options, by option name. */
	optionFormats?: Record<string, ValueFormat>;
	encoding?: ValueEncoding;
	/** For a collection: the encoding of some of its options, by option name. */
	optionEncodings?: Record<string, ValueEncoding>;
	/** A boolean the user must set to true before this irreversible operation is sent; never sent. */
	confirms?: string;
	/**
	 * For a collection of device fields: an option the user did not set takes the input item's own
	 * field of that name, when the item has one.
	 */
	defaultsFromItem?: true;
}

/** How a bulk operation turns input items (one per device) into Sigfox jobs (docs/sigfox/api.md#bulk-jobs). */
export interface BulkBehaviour {
	/** `object`: `data` holds one object per device; `id`: `data` holds the device IDs themselves. */
	element: 'object' | 'id';
	/** The element field that names the device (`id`, or `deviceId` for a replacement). */
	idField: string;
}

/**
 * How each element of an answer is shown (nodes/Sigfox/executors/outputs.ts): `message` with the
 * triggers' time, messageId and lqi fields, `secretsMasked` with the trigger's secret header as `***`,
 * `withoutAccessToken` without an API user's password.
 */
export type OutputShape = 'message' | 'secretsMasked' | 'withoutAccessToken';

/** A job whose status carries its results: the results as items (nodes/Sigfox/executors/jobs.ts). */
export type JobResults = 'predictions' | 'kmzJob';

/** An operation that sends no request (nodes/Sigfox/executors/local.ts). */
export type LocalBehaviour = 'decodePayload' | 'buildDownlinkAnswer';

/**
 * A condition between body values that the API contract cannot state, checked before the request is sent
 * (nodes/Sigfox/executors/parameters.ts): when each body value named in `when` is one of its values, every
 * field of `needs` must be given; otherwise no field of `onlyThen` may be. Names are the API's.
 */
export interface BodyCondition {
	when: Record<string, string[]>;
	needs?: string[];
	onlyThen?: string[];
}

interface OperationRow {
	value: string;
	name: string;
	action: string;
	description: string;
	fields: CatalogueField[];
	output?: OutputShape;
	/** API parameters of the route the operation does not offer, each with the reason (catalogue/notOffered.ts). */
	notOffered?: Record<string, string>;
	/** Conditions between body values, refused before any request when broken. */
	requires?: BodyCondition[];
	/** Why the operation means nothing to an AI agent or an MCP client: Sigfox Tool refuses it, saying so. */
	notAsTool?: string;
}

/**
 * One operation of the Sigfox node: a row of the catalogue, data only. Its `kind` names the one
 * executor that runs it (nodes/Sigfox/executors/).
 */
export type CatalogueOperation = OperationRow &
	(
		| {
				/** One request; its answer is the item (or the success of a request answered with nothing). */
				kind: 'single';
				endpoint: Endpoint;
		  }
		| {
				/** Each element of a `{data}` answer is an item; a paged endpoint offers Return All and Limit. */
				kind: 'list';
				endpoint: Endpoint;
		  }
		| {
				/** Starts a Sigfox job; with Wait for Completion, polls `statusEndpoint` (docs/sigfox/api.md#bulk-jobs). */
				kind: 'job';
				endpoint: Endpoint;
				statusEndpoint: Endpoint;
				results?: JobResults;
		  }
		| {
				/** Reads a job's status: the two shapes as one, or its results as items. */
				kind: 'jobStatus';
				endpoint: Endpoint;
				results?: JobResults;
		  }
		| {
				/** The input items are the devices of Sigfox bulk jobs. */
				kind: 'bulk';
				endpoint: Endpoint;
				statusEndpoint?: Endpoint;
				devices: BulkBehaviour;
		  }
		| {
				/** A file answered instead of JSON, output as n8n binary data (docs/sigfox/api.md#kmz). */
				kind: 'binary';
				endpoint: Endpoint;
				file: { fileName: string; mimeType: string };
		  }
		| {
				kind: 'local';
				behaviour: LocalBehaviour;
		  }
	);

export interface CatalogueResource {
	value: string;
	name: string;
	operations: CatalogueOperation[];
}
