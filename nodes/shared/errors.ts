import type { IDataObject, INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/**
 * The error a user sees for one input item. n8n's error constructors hand an error that is already a
 * node error back unchanged and drop the options given, so the item index is set on it here.
 */
export function itemError(
	node: INode,
	error: unknown,
	itemIndex?: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (itemIndex !== undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	return new NodeOperationError(node, error as Error, { itemIndex });
}

/** The JSON of an error item (Continue On Fail): the message and, when there is one, what to do. */
export function errorItemJson(error: unknown): IDataObject {
	const failure = error as { message?: string; description?: string | null };
	return {
		error: failure.message,
		...(failure.description ? { description: failure.description } : {}),
	};
}
