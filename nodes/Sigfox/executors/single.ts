import type { IDataObject } from 'n8n-workflow';

import { sigfoxRequest } from '../../shared/transport';
import { shown } from './outputs';
import { buildRequest } from './parameters';
import type { ItemExecutor } from './types';
import { asItems } from './types';

/** One request; its answer is the item. */
export const runSingle: ItemExecutor<'single'> = async function* (ctx, operation, itemIndex) {
	const { endpoint } = operation;
	const { params, qs, body } = buildRequest(ctx, operation, itemIndex);
	const { body: answer } = await sigfoxRequest<IDataObject>(
		ctx,
		{ endpoint, params, qs, body },
		{ itemIndex },
	);
	const empty = typeof answer !== 'object' || answer === null || Object.keys(answer).length === 0;
	// A 204 (update, delete, disengage…) says only that it worked; a read that found nothing is empty.
	const element = empty ? (endpoint.method === 'GET' ? {} : { success: true, ...params }) : answer;
	yield asItems(shown(operation.output, [element], { endpoint, params }));
};
