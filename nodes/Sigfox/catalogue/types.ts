import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

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
 * object, `integer` a whole number, `list` comma-separated text sent as an array, `userRoles`
 * group/profile pairs sent as `[{groupId, profileId}]`, `locations` a JSON array of `{lat, lng}`.
 */
export type ValueEncoding =
	| 'epochMs'
	| 'certificateKey'
	| 'headers'
	| 'integer'
	| 'list'
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

/** One operation of the Sigfox node: a row of the catalogue. */
export interface CatalogueOperation {
	value: string;
	name: string;
	action: string;
	description: string;
	/** The Sigfox route it calls. */
	endpoint?: Endpoint;
	fields: CatalogueField[];
	/**
	 * A list, each element becoming an item: `true` for `{data, paging}` (Return All and Limit are
	 * offered), `unpaged` for a `{data}` answer without paging.
	 */
	list?: true | 'unpaged';
	/** Each output element as the user should see it (e.g. message times, masked secrets). */
	output?: (element: IDataObject, request: { path: string }) => IDataObject;
	/**
	 * The job-status route (its path has `{jobId}`) of an operation that starts a Sigfox job; with "Wait for
	 * Completion" the node polls it (docs/sigfox/api.md#bulk-jobs).
	 */
	statusEndpoint?: Endpoint;
	/** The input items are the devices of Sigfox bulk jobs. */
	bulk?: BulkBehaviour;
	/** A job-status read: the answer is normalised to one shape whichever route it comes from. */
	jobStatus?: true;
	/**
	 * For a job whose status carries its results (coverage predictions, KMZ): the status answer as
	 * items, both when "Wait for Completion" ends and when the status is read on its own.
	 */
	jobResult?: (status: IDataObject, jobId: string) => IDataObject[];
	/** A file answered instead of JSON: it comes out as n8n binary data (docs/sigfox/api.md#kmz). */
	binary?: { fileName: string; mimeType: string };
	/** Behaviour of its own, instead of one request (e.g. decoding a payload). */
	run?: (ctx: IExecuteFunctions, itemIndex: number) => Promise<IDataObject[]>;
}

export interface CatalogueResource {
	value: string;
	name: string;
	operations: CatalogueOperation[];
}
