import type { IDataObject } from 'n8n-workflow';

import { sigfoxPages, sigfoxRequest } from '../../shared/transport';
import { shown } from './outputs';
import { buildRequest } from './parameters';
import type { ItemExecutor } from './types';
import { asItems } from './types';

/**
 * Each element of a `{data}` answer is an item. A paged endpoint is read page after page, all of it
 * or up to the Limit (docs/sigfox/api.md#paging); an unpaged one answers the whole list at once.
 */
export const runList: ItemExecutor<'list'> = async function* (ctx, operation, itemIndex) {
	const { endpoint, output } = operation;
	const { params, qs, body } = buildRequest(ctx, operation, itemIndex);
	const from = { endpoint, params };
	if (endpoint.paged) {
		const returnAll = ctx.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = returnAll ? undefined : (ctx.getNodeParameter('limit', itemIndex, 50) as number);
		const request = { endpoint, params, qs, body };
		for await (const page of sigfoxPages(ctx, request, { limit, itemIndex })) {
			yield asItems(shown(output, page, from));
		}
		return;
	}
	const { body: answer } = await sigfoxRequest<IDataObject>(
		ctx,
		{ endpoint, params, qs, body },
		{ itemIndex },
	);
	yield asItems(
		shown(output, Array.isArray(answer.data) ? (answer.data as IDataObject[]) : [], from),
	);
};
