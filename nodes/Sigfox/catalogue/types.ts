import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	INodeProperties,
} from 'n8n-workflow';

/** Where a parameter goes in the Sigfox request. */
export type ParameterLocation = 'path' | 'query' | 'body';

/** Checked before any request is sent (the spec has no patterns: sigfox-api.md §5). */
export type ValueFormat = 'deviceId' | 'objectId';

export interface CatalogueField {
	/** The parameter as the user sees it; its name is the API's unless `apiName` says otherwise. */
	property: INodeProperties;
	/** Absent for the parameters of an operation that sends no request. */
	in?: ParameterLocation;
	apiName?: string;
	format?: ValueFormat;
	/** For a collection: the format of some of its options, by option name. */
	optionFormats?: Record<string, ValueFormat>;
}

/** One operation of the Sigfox node: a row of the catalogue. */
export interface CatalogueOperation {
	value: string;
	name: string;
	action: string;
	description: string;
	/** The Sigfox request, path written as in the spec (`/devices/{id}`). */
	request?: { method: IHttpRequestMethods; path: string };
	fields: CatalogueField[];
	/** A `{data, paging}` list: Return All and Limit are offered, each element becomes an item. */
	list?: boolean;
	/** Behaviour of its own, instead of one request (e.g. decoding a payload). */
	run?: (ctx: IExecuteFunctions, itemIndex: number) => Promise<IDataObject[]>;
}

export interface CatalogueResource {
	value: string;
	name: string;
	operations: CatalogueOperation[];
}
