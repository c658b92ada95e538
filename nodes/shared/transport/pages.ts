import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { endpointPath } from '../endpoints';
import type { SigfoxContext, SigfoxRequest } from './request';
import { sigfoxRequest } from './request';

interface SigfoxPage {
	data?: IDataObject[];
	paging?: { next?: string };
}

/**
 * Yields the pages of a Sigfox list, following `paging.next` verbatim until it is absent or
 * `limit` items were yielded (docs/sigfox/api.md#paging).
 */
export async function* sigfoxPages(
	ctx: SigfoxContext,
	request: SigfoxRequest,
	options: { limit?: number; itemIndex?: number } = {},
): AsyncGenerator<IDataObject[]> {
	let remaining = options.limit ?? Number.POSITIVE_INFINITY;
	const first: SigfoxRequest = {
		...request,
		qs: { ...request.qs, limit: Math.min(100, remaining) },
	};
	let nextUrl: string | undefined;
	do {
		const { body } = await sigfoxRequest<SigfoxPage>(ctx, first, {
			nextUrl,
			itemIndex: options.itemIndex,
		});
		if (!Array.isArray(body.data)) {
			throw new NodeOperationError(
				ctx.getNode(),
				`Sigfox answered ${endpointPath(request.endpoint, request.params)} without a data list`,
				{
					itemIndex: options.itemIndex,
				},
			);
		}
		const page = body.data.length > remaining ? body.data.slice(0, remaining) : body.data;
		remaining -= page.length;
		if (page.length > 0) yield page;
		nextUrl = body.paging?.next;
	} while (nextUrl && remaining > 0);
}
