import type { IBinaryKeyData, IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { sigfoxRequest } from '../../shared/transport';
import { buildRequest } from '../actions/request';
import type { CatalogueOperation } from '../catalogue/types';

/**
 * A file Sigfox answers instead of JSON (the KMZ coverage tiles) as one item with n8n binary data
 * under `data`, so that Read/Write Files from Disk and other binary nodes take it as it is.
 */
export async function downloadFile(
	ctx: IExecuteFunctions,
	operation: CatalogueOperation,
	itemIndex: number,
): Promise<{ json: IDataObject; binary: IBinaryKeyData }> {
	const { fileName, mimeType } = operation.binary!;
	const { params, qs } = buildRequest(ctx, operation, itemIndex);
	const response = await sigfoxRequest<Buffer>(
		ctx,
		{ endpoint: operation.endpoint!, params, qs },
		{ itemIndex, binary: true },
	);
	const data = await ctx.helpers.prepareBinaryData(response.body, fileName, mimeType);
	return {
		json: { fileName, mimeType, fileSize: response.body.length, ...qs },
		binary: { data },
	};
}
