import type { IDataObject } from 'n8n-workflow';

/**
 * Reading the values Sigfox renders, liberally, into one canonical value per field. Used by the
 * callback path (the Sigfox Trigger) and the API path (the poll trigger, the message operations),
 * so that both give a message the same field values.
 *
 * Sigfox substitutes text: numbers come as `"-123.00"`, `"0.0"`, `"6.00"`, booleans as `true` or
 * `"True"`, names in any letter case (real callbacks write `{lqi}` as `Good`, the documentation
 * `GOOD`), and what a contract or message lacks as `""`, `"null"` or nothing at all
 * (docs/sigfox/callbacks.md#value-types, docs/sigfox/callbacks.md#lqi, docs/sigfox/api.md#messages).
 */

/** Link quality, indexed by the API's number (`linkQuality`): Sigfox's own callback spelling (docs/sigfox/api.md#lqi). */
export const LQI_NAMES = ['Limit', 'Average', 'Good', 'Excellent', 'NA'] as const;
export type LqiName = (typeof LQI_NAMES)[number];

/** What one reader made of one value: a canonical value, nothing (absent), or why it is unreadable. */
export type Reading<T> = { value?: T; problem?: string };

const NUMBER_TEXT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/** `""`, `"null"` (any case, blanks around), `null` or no value: what the contract or the message lacks. */
export function isEmptyRendering(raw: unknown): boolean {
	if (raw === undefined || raw === null) return true;
	if (typeof raw !== 'string') return false;
	const text = raw.trim();
	return text === '' || text.toLowerCase() === 'null';
}

/** A number, or text of one: `-123.00`, `+6`, `0.0`, `.5`; no exponent, no thousands separator. */
export function readNumber(raw: unknown): Reading<number> {
	if (isEmptyRendering(raw)) return {};
	if (typeof raw === 'number' && Number.isFinite(raw)) return { value: raw };
	if (typeof raw === 'string' && NUMBER_TEXT.test(raw.trim())) return { value: Number(raw.trim()) };
	return { problem: 'is not a number' };
}

/** A whole number from `min` to `max`, written as a number or as text (`"7"`, `"7.00"`). */
export function readWholeNumber(raw: unknown, min: number, max: number): Reading<number> {
	const read = readNumber(raw);
	if (read.value === undefined) return read;
	if (!Number.isInteger(read.value) || read.value < min || read.value > max)
		return { problem: `is not a whole number from ${min} to ${max}` };
	return read;
}

/** A sequence number: 0 to 4095 on Sigfox, any whole number of 0 or more here. */
export function readSequenceNumber(raw: unknown): Reading<number> {
	const read = readNumber(raw);
	if (read.value === undefined) return read;
	if (!Number.isSafeInteger(read.value) || read.value < 0)
		return { problem: 'is not a whole number of 0 or more' };
	return read;
}

/** `true`/`false` as JSON or as text in any letter case (`"True"`, `"FALSE"`). */
export function readBoolean(raw: unknown): Reading<boolean> {
	if (isEmptyRendering(raw)) return {};
	if (typeof raw === 'boolean') return { value: raw };
	if (typeof raw === 'string') {
		const text = raw.trim().toLowerCase();
		if (text === 'true' || text === 'false') return { value: text === 'true' };
	}
	return { problem: 'is neither true nor false' };
}

/** Text of at most `max` characters; empty or `"null"` is absent. */
export function readText(raw: unknown, max: number): Reading<string> {
	if (isEmptyRendering(raw)) return {};
	if (typeof raw !== 'string') return { problem: 'is not text' };
	if (raw.length > max) return { problem: `is longer than ${max} characters` };
	return { value: raw };
}

/** The link quality name in any letter case → Sigfox's spelling (`good` → `Good`, `na` → `NA`). */
export function readLqiName(raw: unknown): Reading<LqiName> {
	if (isEmptyRendering(raw)) return {};
	const text = typeof raw === 'string' ? raw.trim().toLowerCase() : undefined;
	const found = LQI_NAMES.find((name) => name.toLowerCase() === text);
	return found ? { value: found } : { problem: `is none of ${LQI_NAMES.join(', ')}` };
}

/** The link quality number 0–4 (the API's `lqi`, the callbacks' `{linkQuality}`). */
export function readLinkQuality(raw: unknown): Reading<number> {
	return readWholeNumber(raw, 0, LQI_NAMES.length - 1);
}

/** How a value is quoted in a warning: text as JSON, short. */
function shown(raw: unknown): string {
	const text = JSON.stringify(raw) ?? String(raw);
	return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/**
 * Collects what could not be read: the value is kept as received and a warning names the field
 * and why, so that a message Sigfox sent is never refused for the way one value was rendered.
 */
export class Readings {
	readonly warnings: string[] = [];

	/** The canonical value, undefined when absent, or the raw value (with a warning) when unreadable. */
	take<T>(field: string, raw: unknown, read: (raw: unknown) => Reading<T>): T | unknown {
		const reading = read(raw);
		if (reading.problem === undefined) return reading.value;
		this.warn(field, raw, reading.problem);
		return raw;
	}

	warn(field: string, raw: unknown, problem: string): void {
		this.warnings.push(`${field} ${shown(raw)} ${problem}; kept as received`);
	}

	/** `{ lqi, linkQuality }`, each filled from the other when only one was readable. */
	linkQuality(lqiRaw: unknown, linkQualityRaw: unknown): IDataObject {
		const lqi = this.take('lqi', lqiRaw, readLqiName);
		const linkQuality = this.take('linkQuality', linkQualityRaw, readLinkQuality);
		const name = LQI_NAMES.includes(lqi as LqiName) ? (lqi as LqiName) : undefined;
		const number = typeof linkQuality === 'number' ? linkQuality : undefined;
		if (name !== undefined && number !== undefined && LQI_NAMES[number] !== name) {
			this.warnings.push(
				`lqi "${name}" and linkQuality ${number} disagree (${number} is ${LQI_NAMES[number]}); both kept`,
			);
		}
		return {
			lqi: lqi ?? (number !== undefined ? LQI_NAMES[number] : undefined),
			linkQuality: linkQuality ?? (name !== undefined ? LQI_NAMES.indexOf(name) : undefined),
		};
	}

	/**
	 * A computed location: an object (whose known numbers may be text, and which Sigfox extends over
	 * time: `placeIds` and the like are kept as they are), or the API's list of one (docs/sigfox/api.md#messages).
	 * `null`, `""` and the empty list `[]` are "no location".
	 */
	computedLocation(raw: unknown): IDataObject | unknown {
		if (isEmptyRendering(raw)) return undefined;
		let location = raw;
		if (Array.isArray(raw)) {
			if (raw.length === 0) return undefined;
			location = raw[0];
		}
		if (!isPlainObject(location)) {
			this.warn('computedLocation', raw, 'is not a location object');
			return raw;
		}
		const copy = copyJson(location) as IDataObject;
		for (const key of LOCATION_NUMBERS) {
			if (key in copy) {
				const value = this.take(`computedLocation.${key}`, copy[key], readNumber);
				if (value === undefined) delete copy[key];
				else copy[key] = value as IDataObject[string];
			}
		}
		return copy;
	}

	/** The receptions of a message (`duplicates`): a list whose numbers may be text; other fields kept. */
	duplicates(raw: unknown): IDataObject[] | unknown {
		if (isEmptyRendering(raw)) return undefined;
		if (!Array.isArray(raw)) {
			this.warn('duplicates', raw, 'is not a list');
			return raw;
		}
		return raw.map((entry: unknown, index) => {
			const field = `duplicates[${index}]`;
			if (!isPlainObject(entry)) {
				this.warn(field, entry, 'is not an object');
				return copyJson(entry);
			}
			const copy = copyJson(entry) as IDataObject;
			for (const key of Object.keys(copy)) {
				const read = DUPLICATE_FIELDS[key];
				if (!read) continue;
				const value = this.take(`${field}.${key}`, copy[key], read);
				if (value === undefined) delete copy[key];
				else copy[key] = value as IDataObject[string];
			}
			return copy;
		});
	}
}

const LOCATION_NUMBERS = ['lat', 'lng', 'radius', 'source', 'sourceCode', 'status'];
const DUPLICATE_FIELDS: Record<string, (raw: unknown) => Reading<unknown>> = {
	bsId: (raw) => readText(raw, 16),
	nbRep: readNumber,
	rssi: readNumber,
	snr: readNumber,
};

export function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A copy of parsed JSON whose keys are own data properties (no prototype setter runs on `__proto__`). */
export function copyJson(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(copyJson);
	if (!isPlainObject(value)) return value;
	const copy: Record<string, unknown> = {};
	for (const [key, inner] of Object.entries(value)) {
		Object.defineProperty(copy, key, {
			value: copyJson(inner),
			enumerable: true,
			writable: true,
			configurable: true,
		});
	}
	return copy;
}

/** Drops the keys whose value is undefined, keeping the order of the others: the fields of an item. */
export function compact(object: IDataObject): IDataObject {
	for (const key of Object.keys(object)) if (object[key] === undefined) delete object[key];
	return object;
}
