import { sigfoxRequest } from '../../shared/transport';
import { buildRequest } from './parameters';
import type { ItemExecutor } from './types';

/**
 * A file Sigfox answers instead of JSON (the KMZ coverage tiles) as one item with n8n binary data
 * under `data`, so that Read/Write Files from Disk and other binary nodes take it as it is.
 */
export const runBinary: ItemExecutor<'binary'> = async function* (ctx, operation, itemIndex) {
	const { fileName, mimeType } = operation.file;
	const { params, qs } = buildRequest(ctx, operation, itemIndex);
	const response = await sigfoxRequest<Buffer>(
		ctx,
		{ endpoint: operation.endpoint, params, qs },
		{ itemIndex, binary: true },
	);
	const data = await ctx.helpers.prepareBinaryData(response.body, fileName, mimeType);
	yield [{ json: { fileName, mimeType, fileSize: response.body.length, ...qs }, binary: { data } }];
};
