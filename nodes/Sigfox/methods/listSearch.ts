import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { sigfoxRequest } from '../../shared/transport';

interface ListPage {
	data?: IDataObject[];
	paging?: { next?: string };
}

async function listPage(
	ctx: ILoadOptionsFunctions,
	path: string,
	qs: IDataObject,
	paginationToken?: string,
): Promise<ListPage> {
	const { body } = await sigfoxRequest<ListPage>(
		ctx,
		{ method: 'GET', path, qs: { ...qs, limit: 100 } },
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
		'/device-types/',
		filter ? { name: filter } : {},
		paginationToken,
	);
	return {
		results: (page.data ?? []).map((t) => ({ name: String(t.name ?? t.id), value: String(t.id) })),
		paginationToken: page.paging?.next,
	};
}

export async function searchDevices(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	// The device list has no text search: filter each page by ID or name here.
	const page = await listPage(this, '/devices/', {}, paginationToken);
	const needle = filter?.trim().toLowerCase();
	const devices = (page.data ?? []).filter(
		(d) =>
			!needle ||
			String(d.id).toLowerCase().includes(needle) ||
			String(d.name ?? '')
				.toLowerCase()
				.includes(needle),
	);
	return {
		results: devices.map((d) => ({
			name: `${String(d.name ?? d.id)} (${String(d.id)})`,
			value: String(d.id),
		})),
		paginationToken: page.paging?.next,
	};
}
