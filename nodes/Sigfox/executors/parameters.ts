import type {
	IDataObject,
	IExecuteFunctions,
	INodeParameterResourceLocator,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { CatalogueField, CatalogueOperation } from '../catalogue/types';
import type { OutOfBounds } from '../../shared/endpoints/bounds';
import { outOfBounds, requestOutOfBounds, rulesOf } from '../../shared/endpoints/bounds';
import { checkFormat, encode } from './values';

function isLocator(value: unknown): value is INodeParameterResourceLocator {
	return typeof value === 'object' && value !== null && '__rl' in value;
}

function plain(value: unknown): unknown {
	const inner = isLocator(value) ? value.value : value;
	return typeof inner === 'string' ? inner.trim() : inner;
}

function absent(value: unknown): boolean {
	return value === undefined || value === null || value === '';
}

/** A field's value for one item: checked, encoded, or undefined when not given. */
function fieldValue(
	ctx: IExecuteFunctions,
	field: CatalogueField,
	raw: unknown,
	itemIndex: number,
	format = field.format,
	encoding = field.encoding,
	label = field.property.displayName,
): unknown {
	const value = plain(raw);
	if (absent(value)) return undefined;
	checkFormat(ctx, label, typeof value === 'number' ? String(value) : value, format, itemIndex);
	return encode(ctx, label, value, encoding, itemIndex);
}

/**
 * Whether the node runs as "Sigfox Tool", for an AI agent or an MCP client: n8n names a node's tool variant
 * after it with "Tool" appended (n8n-nodes-sigfox.sigfoxTool).
 */
export function runsAsTool(ctx: IExecuteFunctions): boolean {
	return ctx.getNode().type.endsWith('Tool');
}

/** Whether a field exists only in the tool variant (n8n's `@tool` display option). */
export const onlyAsTool = (field: CatalogueField): boolean =>
	field.property.displayOptions?.show?.['@tool']?.includes(true) === true;

/** The parameter of a field for one item; null when its display options hide it. */
function parameter(ctx: IExecuteFunctions, field: CatalogueField, itemIndex: number): unknown {
	return ctx.getNodeParameter(field.property.name, itemIndex, null);
}

/** The API name → value pairs one field contributes (a collection contributes one per option set). */
function fieldEntries(
	ctx: IExecuteFunctions,
	field: CatalogueField,
	itemIndex: number,
): Array<[string, unknown]> {
	const raw = parameter(ctx, field, itemIndex);
	if (field.property.type === 'collection') {
		const entries: Array<[string, unknown]> = [];
		for (const [name, optionValue] of Object.entries((raw ?? {}) as IDataObject)) {
			const option = field.property.options?.find((o) => o.name === name);
			const label = option && 'displayName' in option ? option.displayName : name;
			const value = fieldValue(
				ctx,
				field,
				optionValue,
				itemIndex,
				field.optionFormats?.[name],
				field.optionEncodings?.[name],
				label,
			);
			if (value !== undefined) entries.push([name, value]);
		}
		return entries;
	}
	const value = fieldValue(ctx, field, raw, itemIndex);
	return value === undefined ? [] : [[field.apiName ?? field.property.name, value]];
}

export interface BuiltRequest {
	/** The path parameters, by API name (e.g. the device ID of a message list). */
	params: Record<string, string | number>;
	qs: IDataObject;
	body?: IDataObject;
}

/**
 * Reads an operation's parameters for one item and places them where its catalogue row says;
 * refuses an irreversible operation whose confirmation is not set (and, as a tool, one that spends
 * money). Device fields are left to `buildDeviceElement`.
 */
export function buildRequest(
	ctx: IExecuteFunctions,
	operation: CatalogueOperation,
	itemIndex: number,
): BuiltRequest {
	const qs: IDataObject = {};
	const body: IDataObject = {};
	const params: BuiltRequest['params'] = {};
	for (const field of operation.fields) {
		if (field.property.type === 'notice' || field.in === 'device') continue;
		if (field.confirms) {
			// A confirmation of the tool variant only: workflows built by hand never ask for it.
			if (onlyAsTool(field) && !runsAsTool(ctx)) continue;
			if (parameter(ctx, field, itemIndex) !== true) {
				throw new NodeOperationError(ctx.getNode(), `Not sent: ${field.confirms}`, {
					itemIndex,
					description: `Set "${field.property.displayName}" to true to run ${operation.action.toLowerCase()}.`,
				});
			}
			continue;
		}
		if (!field.in) continue;
		if (field.in === 'path') {
			const apiName = field.apiName ?? field.property.name;
			const value = fieldValue(ctx, field, parameter(ctx, field, itemIndex), itemIndex);
			if (value === undefined) {
				throw new NodeOperationError(ctx.getNode(), `${field.property.displayName} is required`, {
					itemIndex,
				});
			}
			params[apiName] = value as string | number;
			continue;
		}
		const target = field.in === 'query' ? qs : body;
		for (const [name, value] of fieldEntries(ctx, field, itemIndex)) {
			target[name] = value as IDataObject[string];
		}
	}
	const built = { params, qs, body: Object.keys(body).length > 0 ? body : undefined };
	if ('endpoint' in operation) {
		refuseOutOfBounds(ctx, operation, requestOutOfBounds(operation.endpoint, built), itemIndex);
	}
	refuseBrokenConditions(ctx, operation, body, itemIndex);
	return built;
}

/**
 * Refuses a body that breaks one of the operation's conditions (its catalogue row's `requires`), naming the
 * parameter and what to do, before anything is sent.
 */
function refuseBrokenConditions(
	ctx: IExecuteFunctions,
	operation: CatalogueOperation,
	body: IDataObject,
	itemIndex: number,
): void {
	for (const rule of operation.requires ?? []) {
		const when = Object.entries(rule.when);
		const applies = when.every(([name, values]) => values.includes(String(body[name])));
		const wrong = applies
			? rule.needs?.find((name) => absent(body[name]))
			: rule.onlyThen?.find((name) => !absent(body[name]));
		if (!wrong) continue;
		const label = labelOf(operation, wrong);
		const condition = when
			.map(([name, values]) => `${labelOf(operation, name)} is ${values.join(' or ')}`)
			.join(' and ');
		throw new NodeOperationError(
			ctx.getNode(),
			applies
				? `${label} is required when ${condition}`
				: `${label} applies only when ${condition}`,
			{
				itemIndex,
				description: applies
					? `Fill in "${label}", which Sigfox needs when ${condition}; nothing was sent to Sigfox.`
					: `Clear "${label}": Sigfox takes it only when ${condition}. Nothing was sent to Sigfox.`,
			},
		);
	}
}

/** The name a user sees for an API name of an operation's request: its field's, or its option's. */
function labelOf(operation: CatalogueOperation, apiName: string): string {
	for (const field of operation.fields) {
		if ((field.apiName ?? field.property.name) === apiName) return field.property.displayName;
		const option = field.property.options?.find((o) => o.name === apiName);
		if (option && 'displayName' in option) return option.displayName;
	}
	return apiName;
}

/**
 * Refuses a value the API contract rules out (docs/sigfox/api.md#bounds), naming the parameter, the value
 * and what Sigfox takes, before anything is sent.
 */
function refuseOutOfBounds(
	ctx: IExecuteFunctions,
	operation: CatalogueOperation,
	found: OutOfBounds | undefined,
	itemIndex: number,
): void {
	if (!found) return;
	const [first, ...rest] = found.path;
	const label = [labelOf(operation, String(first)), ...rest].join(' → ');
	throw new NodeOperationError(
		ctx.getNode(),
		`${label} ${JSON.stringify(found.value)} is out of range: Sigfox takes ${found.allowed}`,
		{
			itemIndex,
			description: `Change "${label}" to ${found.allowed}; nothing was sent to Sigfox.`,
		},
	);
}

/** An input item's own field as the value of a boolean or number option, or an error saying why not. */
function itemValue(
	ctx: IExecuteFunctions,
	option: INodeProperties,
	value: unknown,
	itemIndex: number,
): unknown {
	const text = typeof value === 'string' ? value.trim() : value;
	if (option.type === 'boolean') {
		if (typeof text === 'boolean') return text;
		if (text === 'true' || text === 'false') return text === 'true';
	} else if (option.type === 'number') {
		const number = typeof text === 'string' && text !== '' ? Number(text) : text;
		if (typeof number === 'number' && Number.isFinite(number)) return number;
	} else {
		return text;
	}
	throw new NodeOperationError(
		ctx.getNode(),
		`The item's field "${option.name}" (${JSON.stringify(value)}) is not a ${option.type}`,
		{ itemIndex, description: `Set "${option.displayName}" in the node, or fix the input item.` },
	);
}

/** The options of a device-fields collection the user left unset, taken from the input item. */
function itemDefaults(
	ctx: IExecuteFunctions,
	field: CatalogueField,
	itemIndex: number,
): Array<[string, unknown]> {
	const set = (parameter(ctx, field, itemIndex) ?? {}) as IDataObject;
	const item = ctx.getInputData()[itemIndex]?.json ?? {};
	return ((field.property.options ?? []) as INodeProperties[])
		.filter((option) => set[option.name] === undefined && !absent(item[option.name]))
		.map((option) => [option.name, itemValue(ctx, option, item[option.name], itemIndex)]);
}

/** One element of a bulk body's `data`, from the device fields of one input item. */
export function buildDeviceElement(
	ctx: IExecuteFunctions,
	operation: CatalogueOperation,
	itemIndex: number,
): IDataObject {
	const element: IDataObject = {};
	for (const field of operation.fields) {
		if (field.in !== 'device') continue;
		const entries = fieldEntries(ctx, field, itemIndex);
		if (field.defaultsFromItem) entries.push(...itemDefaults(ctx, field, itemIndex));
		if (entries.length === 0 && field.property.required) {
			throw new NodeOperationError(ctx.getNode(), `${field.property.displayName} is missing`, {
				itemIndex,
				description: `Map "${field.property.displayName}" to a field of the input items.`,
			});
		}
		for (const [name, value] of entries) {
			element[name] = value as IDataObject[string];
		}
	}
	if ('endpoint' in operation) {
		const elementRule = rulesOf(operation.endpoint).body?.properties?.data?.items;
		refuseOutOfBounds(ctx, operation, outOfBounds(elementRule, element), itemIndex);
	}
	return element;
}
