import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { endpointPath } from '../endpoints';
import type { SigfoxContext, SigfoxRequest, SigfoxResponse } from './request';
import { sigfoxRequest } from './request';

interface SigfoxPage {
	data?: IDataObject[];
	paging?: { next?: string };
}

/**
 * Yields the pages of a Sigfox list, following `paging.next` verbatim until it is absent or
 * `limit` items were yielded (docs/sigfox/api.md#paging).
 *
 * The next page is asked for as soon as a page arrives, before the page is handed on: while the caller
 * works on one page, Sigfox prepares the next. Still one request at a time; a caller that stops early
 * leaves at most that one page unread.
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
	const ask = (nextUrl?: string) => {
		const asked = sigfoxRequest<SigfoxPage>(ctx, first, { nextUrl, itemIndex: options.itemIndex });
		// Its failure is thrown where the page is awaited; a page left unread is not a failure.
		asked.catch(() => undefined);
		return asked;
	};
	let pending: Promise<SigfoxResponse<SigfoxPage>> | undefined = ask();
	while (pending) {
		const { body } = await pending;
		pending = undefined;
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
		const nextUrl = body.paging?.next;
		if (nextUrl && remaining > 0) pending = ask(nextUrl);
		if (page.length > 0) yield page;
	}
}
