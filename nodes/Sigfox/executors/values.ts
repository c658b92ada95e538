import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { DateTime } from 'luxon';

import { ID_FORMATS, isFormat } from '../../shared/ids';
import type { ValueEncoding, ValueFormat } from '../catalogue/types';

/** How an n8n parameter value becomes the value the API takes (the catalogue's ValueEncoding). */

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

export function encode(
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
		case 'joined': {
			const picked = (Array.isArray(value) ? value : [value]).map(String).filter(Boolean);
			return picked.length > 0 ? picked.join(',') : undefined;
		}
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

/** Refuses a value that is not in its Sigfox format, before any request is sent. */
export function checkFormat(
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
