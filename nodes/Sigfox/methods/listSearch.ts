import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { listPage, type ListPage } from '../../shared/deviceType';
import type { Endpoint } from '../../shared/endpoints';
import { ENDPOINTS } from '../../shared/endpoints';
import { sigfoxRequest } from '../../shared/transport';

export { searchDeviceTypes } from '../../shared/deviceType';

/** A list row as a search result named "name (id)". */
const named = (row: IDataObject) => ({
	name: `${String(row.name ?? row.id)} (${String(row.id)})`,
	value: String(row.id),
});

export async function searchDevices(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	// The device list has no text search: filter each page by ID or name here.
	const page = await listPage(this, ENDPOINTS.listDevices, {}, paginationToken);
	const needle = filter?.trim().toLowerCase();
	const devices = (page.data ?? []).filter(
		(d) =>
			!needle ||
			String(d.id).toLowerCase().includes(needle) ||
			String(d.name ?? '')
				.toLowerCase()
				.includes(needle),
	);
	return { results: devices.map(named), paginationToken: page.paging?.next };
}

export async function searchCallbacks(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const deviceTypeId = this.getCurrentNodeParameter('deviceTypeId', { extractValue: true });
	if (typeof deviceTypeId !== 'string' || !/^[0-9a-fA-F]{24}$/.test(deviceTypeId)) {
		return { results: [] };
	}
	// A device type's callbacks come in one unpaged list (docs/sigfox/api.md#callback-endpoints).
	const { body } = await sigfoxRequest<ListPage>(this, {
		endpoint: ENDPOINTS.listCallbacks,
		params: { id: deviceTypeId },
	});
	const needle = filter?.trim().toLowerCase();
	const describe = (c: IDataObject) =>
		`${String(c.channel ?? '')} ${String(c.url ?? c.recipient ?? '')}`.trim() || String(c.id);
	return {
		results: (body.data ?? [])
			.filter((c) => !needle || describe(c).toLowerCase().includes(needle))
			.map((c) => ({ name: describe(c), value: String(c.id) })),
	};
}

/** Results of a list with a name filter of its own, named "name (id)". */
async function searchByName(
	ctx: ILoadOptionsFunctions,
	endpoint: Endpoint,
	qs: IDataObject,
	filter: string | undefined,
	paginationToken: string | undefined,
): Promise<INodeListSearchResult> {
	const page = await listPage(
		ctx,
		endpoint,
		filter ? { ...qs, name: filter } : qs,
		paginationToken,
	);
	return { results: (page.data ?? []).map(named), paginationToken: page.paging?.next };
}

export async function searchGroups(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchByName(this, ENDPOINTS.listGroups, {}, filter, paginationToken);
}

export async function searchContracts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchByName(this, ENDPOINTS.listContractInfos, {}, filter, paginationToken);
}

export async function searchProfiles(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	// Sigfox lists profiles per group: the operation's group, else the API user's own top group.
	// Read as given: not every operation with a profile has a group parameter to extract a value from.
	const given = this.getCurrentNodeParameter('groupId') as { value?: unknown } | string | undefined;
	let groupId = typeof given === 'object' && given !== null ? given.value : given;
	if (typeof groupId !== 'string' || !/^[0-9a-fA-F]{24}$/.test(groupId)) {
		const groups = await listPage(this, ENDPOINTS.listGroups, {});
		groupId = groups.data?.[0]?.id;
	}
	if (typeof groupId !== 'string') return { results: [] };
	const page = await listPage(
		this,
		ENDPOINTS.listProfiles,
		{ groupId, inherit: true },
		paginationToken,
	);
	const needle = filter?.trim().toLowerCase();
	return {
		results: (page.data ?? [])
			.filter(
				(p) =>
					!needle ||
					String(p.name ?? '')
						.toLowerCase()
						.includes(needle),
			)
			.map((p) => ({ name: String(p.name ?? p.id), value: String(p.id) })),
		paginationToken: page.paging?.next,
	};
}
