import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeParameterResourceLocator,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { sigfoxPages, sigfoxRequest } from '../../shared/transport';
import { findOperation } from '../catalogue';
import type { CatalogueOperation, ValueFormat } from '../catalogue/types';

const FORMATS: Record<ValueFormat, { pattern: RegExp; rule: string }> = {
	deviceId: {
		pattern: /^[0-9a-fA-F]{1,8}$/,
		rule: 'a Sigfox device ID is 1 to 8 hexadecimal characters, e.g. 007B480F',
	},
	objectId: {
		pattern: /^[0-9a-fA-F]{24}$/,
		rule: 'a Sigfox ID is 24 hexadecimal characters, e.g. 57309548171c857460043085',
	},
};

function isLocator(value: unknown): value is INodeParameterResourceLocator {
	return typeof value === 'object' && value !== null && '__rl' in value;
}

function plain(value: unknown): unknown {
	const inner = isLocator(value) ? value.value : value;
	return typeof inner === 'string' ? inner.trim() : inner;
}

function checkFormat(
	ctx: IExecuteFunctions,
	label: string,
	value: unknown,
	format: ValueFormat | undefined,
	itemIndex: number,
): void {
	if (!format) return;
	if (typeof value !== 'string' || !FORMATS[format].pattern.test(value)) {
		throw new NodeOperationError(ctx.getNode(), `${label} "${String(value)}" is not valid`, {
			itemIndex,
			description: `${FORMATS[format].rule}.`,
		});
	}
}

interface BuiltRequest {
	path: string;
	qs: IDataObject;
	body?: IDataObject;
}

/** Reads an operation's parameters for one item and places them where its catalogue row says. */
function buildRequest(
	ctx: IExecuteFunctions,
	operation: CatalogueOperation,
	itemIndex: number,
): BuiltRequest {
	const qs: IDataObject = {};
	const body: IDataObject = {};
	let path = operation.request!.path;
	for (const field of operation.fields) {
		const raw = ctx.getNodeParameter(field.property.name, itemIndex, undefined);
		const place = (name: string, value: unknown) => {
			if (value === undefined || value === '' || value === null) return;
			if (field.in === 'query') qs[name] = value as IDataObject[string];
			else if (field.in === 'body') body[name] = value as IDataObject[string];
		};
		if (field.property.type === 'collection' || field.property.type === 'fixedCollection') {
			for (const [name, optionValue] of Object.entries((raw ?? {}) as IDataObject)) {
				const value = plain(optionValue);
				if (value === '' || value === undefined) continue;
				const option = field.property.options?.find((o) => o.name === name);
				const label = option && 'displayName' in option ? option.displayName : name;
				checkFormat(ctx, label, value, field.optionFormats?.[name], itemIndex);
				place(name, value);
			}
			continue;
		}
		const value = plain(raw);
		const apiName = field.apiName ?? field.property.name;
		if (field.in === 'path') {
			if (value === undefined || value === '') {
				throw new NodeOperationError(ctx.getNode(), `${field.property.displayName} is required`, {
					itemIndex,
				});
			}
			checkFormat(ctx, field.property.displayName, value, field.format, itemIndex);
			path = path.replace(`{${apiName}}`, encodeURIComponent(String(value)));
			continue;
		}
		checkFormat(
			ctx,
			field.property.displayName,
			value,
			value === '' ? undefined : field.format,
			itemIndex,
		);
		place(apiName, value);
	}
	return { path, qs, body: Object.keys(body).length > 0 ? body : undefined };
}

async function* runOperation(
	ctx: IExecuteFunctions,
	operation: CatalogueOperation,
	itemIndex: number,
): AsyncGenerator<IDataObject[]> {
	if (operation.run) {
		yield await operation.run(ctx, itemIndex);
		return;
	}
	const { method } = operation.request!;
	const { path, qs, body } = buildRequest(ctx, operation, itemIndex);
	if (operation.list) {
		const returnAll = ctx.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = returnAll ? undefined : (ctx.getNodeParameter('limit', itemIndex, 50) as number);
		yield* sigfoxPages(ctx, { method, path, qs, body }, { limit, itemIndex });
		return;
	}
	const response = await sigfoxRequest<IDataObject>(ctx, { method, path, qs, body }, { itemIndex });
	const result = response.body;
	yield [
		typeof result === 'object' && result !== null && Object.keys(result).length > 0
			? result
			: { success: true },
	];
}

/** Runs the chosen operation for every input item; each output item is paired with its input. */
export async function route(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const resource = this.getNodeParameter('resource', itemIndex) as string;
		const operationName = this.getNodeParameter('operation', itemIndex) as string;
		const operation = findOperation(resource, operationName);
		if (!operation) {
			throw new NodeOperationError(
				this.getNode(),
				`The operation "${operationName}" of "${resource}" is not supported`,
				{ itemIndex },
			);
		}
		try {
			for await (const page of runOperation(this, operation, itemIndex)) {
				for (const json of page) output.push({ json, pairedItem: { item: itemIndex } });
			}
		} catch (error) {
			if (this.continueOnFail()) {
				const failure = error as NodeApiError;
				output.push({
					json: {
						error: failure.message,
						...(failure.description ? { description: failure.description } : {}),
					},
					pairedItem: { item: itemIndex },
				});
				continue;
			}
			if (error instanceof NodeApiError)
				throw new NodeApiError(this.getNode(), error as never, { itemIndex });
			throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
		}
	}
	return [output];
}
