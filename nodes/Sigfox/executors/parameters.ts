import type {
	IDataObject,
	IExecuteFunctions,
	INodeParameterResourceLocator,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { DateTime } from 'luxon';

import { ID_FORMATS, isFormat } from '../../shared/ids';
import type {
	CatalogueField,
	CatalogueOperation,
	ValueEncoding,
	ValueFormat,
} from '../catalogue/types';

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

function checkFormat(
	ctx: IExecuteFunctions,
	label: string,
	value: unknown,
	format: ValueFormat | undefined,
	itemIndex: number,
): void {
	if (!format) return;
	if (!isFormat(format, value)) {
		throw new NodeOperationError(ctx.getNode(), `${label} "${String(value)}" is not valid`, {
			itemIndex,
			description: `${ID_FORMATS[format].rule}.`,
		});
	}
}

/** An n8n date-time (ISO text in the workflow's time zone, a Luxon DateTime, a Date or ms) as epoch ms. */
function epochMs(ctx: IExecuteFunctions, value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? Math.round(value) : undefined;
	if (value instanceof Date) return value.getTime();
	if (DateTime.isDateTime(value)) return value.isValid ? value.toMillis() : undefined;
	if (typeof value === 'string') {
		if (/^\d+$/.test(value)) return Number(value);
		const parsed = DateTime.fromISO(value, { zone: ctx.getTimezone() });
		if (parsed.isValid) return parsed.toMillis();
		const fallback = Date.parse(value);
		return Number.isNaN(fallback) ? undefined : fallback;
	}
	return undefined;
}

function encode(
	ctx: IExecuteFunctions,
	label: string,
	value: unknown,
	encoding: ValueEncoding | undefined,
	itemIndex: number,
): unknown {
	switch (encoding) {
		case 'epochMs': {
			const ms = epochMs(ctx, value);
			if (ms === undefined) {
				throw new NodeOperationError(ctx.getNode(), `${label} "${String(value)}" is not a date`, {
					itemIndex,
					description: 'Give a date and time such as 2026-11-26T08:00:00 or {{ $now }}.',
				});
			}
			return ms;
		}
		case 'certificateKey':
			return { key: value };
		case 'headers': {
			const pairs = ((value as IDataObject)?.header ?? []) as Array<{
				name?: string;
				value?: string;
			}>;
			const headers: IDataObject = {};
			for (const pair of pairs) if (pair.name) headers[pair.name.trim()] = pair.value ?? '';
			return Object.keys(headers).length > 0 ? headers : undefined;
		}
		case 'integer': {
			const number = Number(value);
			if (!Number.isInteger(number)) {
				throw new NodeOperationError(
					ctx.getNode(),
					`${label} "${String(value)}" is not a whole number`,
					{
						itemIndex,
					},
				);
			}
			return number;
		}
		case 'list':
			return String(value)
				.split(',')
				.map((part) => part.trim())
				.filter(Boolean);
		case 'userRoles': {
			const roles = ((value as IDataObject)?.role ?? []) as Array<{
				groupId?: string;
				profileId?: string;
			}>;
			for (const role of roles) {
				checkFormat(ctx, `${label}: Group ID`, role.groupId?.trim(), 'objectId', itemIndex);
				checkFormat(ctx, `${label}: Profile ID`, role.profileId?.trim(), 'objectId', itemIndex);
			}
			return roles.map((role) => ({
				groupId: role.groupId!.trim(),
				profileId: role.profileId!.trim(),
			}));
		}
		case 'locations':
			return locations(ctx, label, value, itemIndex);
		default:
			return value;
	}
}

/** A JSON array of `{lat, lng}` (text or value) as the API's locations, or an error saying which is wrong. */
function locations(
	ctx: IExecuteFunctions,
	label: string,
	value: unknown,
	itemIndex: number,
): IDataObject[] {
	let parsed: unknown = value;
	if (typeof value === 'string') {
		try {
			parsed = JSON.parse(value);
		} catch {
			parsed = undefined;
		}
	}
	const list = Array.isArray(parsed) ? (parsed as IDataObject[]) : [];
	const wrong = list.findIndex((l) => typeof l?.lat !== 'number' || typeof l?.lng !== 'number');
	if (list.length === 0 || wrong >= 0) {
		throw new NodeOperationError(ctx.getNode(), `${label} is not a list of locations`, {
			itemIndex,
			description: `Give a JSON array such as [{"lat": 43.6, "lng": 1.44}]${wrong >= 0 ? `; element ${wrong} has no numeric lat and lng` : ''}.`,
		});
	}
	return list.map((l) => ({ lat: l.lat, lng: l.lng }));
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
 * refuses an irreversible operation whose confirmation is not set. Device fields are left to
 * `buildDeviceElement`.
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
	return { params, qs, body: Object.keys(body).length > 0 ? body : undefined };
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
	return element;
}
