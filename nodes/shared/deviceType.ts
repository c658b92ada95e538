import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodeProperties,
} from 'n8n-workflow';

import type { Endpoint } from './endpoints';
import { ENDPOINTS } from './endpoints';
import { objectId, sigfoxLocator } from './locator';
import { sigfoxRequest } from './transport';

/**
 * The device-type field and its list search: every node of the package picks a device type (the action node's
 * operations, the trigger that registers callbacks on it, the poll trigger that reads its messages).
 */
export const deviceTypeLocator = (overrides: Partial<INodeProperties> = {}): INodeProperties =>
	sigfoxLocator(
		'Device Type',
		'deviceTypeId',
		'searchDeviceTypes',
		objectId('device type'),
		overrides,
	);

/** One page of a Sigfox list, for a list search: 100 rows, the next page's link as the pagination token. */
export interface ListPage {
	data?: IDataObject[];
	paging?: { next?: string };
}

export async function listPage(
	ctx: ILoadOptionsFunctions,
	endpoint: Endpoint,
	qs: IDataObject,
	paginationToken?: string,
): Promise<ListPage> {
	const { body } = await sigfoxRequest<ListPage>(
		ctx,
		{ endpoint, qs: { ...qs, limit: 100 } },
		{ nextUrl: paginationToken },
	);
	return body;
}

export async function searchDeviceTypes(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = await listPage(
		this,
		ENDPOINTS.listDeviceTypes,
		filter ? { name: filter } : {},
		paginationToken,
	);
	return {
		results: (page.data ?? []).map((t) => ({ name: String(t.name ?? t.id), value: String(t.id) })),
		paginationToken: page.paging?.next,
	};
}
