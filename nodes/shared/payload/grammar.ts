import { PayloadConfigError, type PayloadConfigIssue } from './errors';

/** A Sigfox uplink carries 0–12 bytes (docs/sigfox/callbacks.md#key-numbers). */
export const MAX_UPLINK_BYTES = 12;

export type PayloadFieldType = 'bool' | 'char' | 'float' | 'uint' | 'int';

/** One field of a payload config, placed on the frame. */
export interface PayloadFieldLayout {
	name: string;
	/** 1-based position of the field in the config. */
	position: number;
	type: PayloadFieldType;
	/** First byte read (0-based), as written or as placed by the omitted-index rules. */
	byteIndex: number;
	/** Bit of the first byte where reading starts, 7 = most significant. */
	bit: number;
	/** Width in bits: 1 for bool, 8 × length for char. */
	bits: number;
	littleEndian: boolean;
	/** Last byte read (0-based). */
	lastByte: number;
	/** The 6th element (bit offset) was written; decides where the next field without index starts. */
	hasBitOffset: boolean;
	/** The field's text as written. */
	definition: string;
}

interface ParsedField {
	name: string;
	type: PayloadFieldType;
	byteIndex: number | undefined;
	bit: number;
	bits: number;
	littleEndian: boolean;
	hasBitOffset: boolean;
}

const NAME = /^[A-Za-z0-9_-]+$/;
const DIGITS = /^[0-9]+$/;
const TYPES = 'bool, char, float, uint or int';

/**
 * Parses Sigfox's custom payload config (docs/sigfox/callbacks.md#payload-grammar) and places every field on the frame.
 * Throws one PayloadConfigError listing every problem found.
 */
export function parsePayloadConfig(config: string): PayloadFieldLayout[] {
	const issues: PayloadConfigIssue[] = [];
	const definitions = typeof config === 'string' ? config.trim().split(/\s+/) : [''];
	if (definitions.length === 1 && definitions[0] === '') {
		throw new PayloadConfigError([
			{
				position: 1,
				field: '',
				definition: '',
				message: 'the payload config is empty; describe at least one field, e.g. temp::int:16',
			},
		]);
	}

	const fields: PayloadFieldLayout[] = [];
	const positionByName = new Map<string, number>();
	// The field before, for the omitted-index rules; null before the first field, undefined once unknown.
	let previous: PayloadFieldLayout | null | undefined = null;

	definitions.forEach((definition, index) => {
		const position = index + 1;
		const problems: string[] = [];
		const parsed = parseField(definition, problems);
		const name = definition.split(':')[0];
		if (name !== '') {
			const first = positionByName.get(name);
			if (first === undefined) positionByName.set(name, position);
			else problems.push(`duplicate name "${name}" (also field ${first}); names must be unique`);
		}

		let placed: PayloadFieldLayout | undefined;
		if (parsed !== undefined && (parsed.byteIndex !== undefined || previous !== undefined)) {
			placed = place(parsed, position, definition, previous ?? null);
			if (placed.lastByte >= MAX_UPLINK_BYTES) {
				problems.push(
					`reads up to byte ${placed.lastByte}, but a Sigfox uplink has at most ${MAX_UPLINK_BYTES} bytes (0–${MAX_UPLINK_BYTES - 1})`,
				);
			}
		}
		for (const message of problems) {
			issues.push({ position, field: name === '' ? definition : name, definition, message });
		}
		if (placed !== undefined && problems.length === 0) fields.push(placed);
		// A field that cannot be placed leaves the cursor unknown until a field with an explicit index.
		previous = placed;
	});

	if (issues.length > 0) throw new PayloadConfigError(issues);
	return fields;
}

/** Applies the omitted-byte-index rules of docs/sigfox/callbacks.md#payload-placement. */
function place(
	field: ParsedField,
	position: number,
	definition: string,
	previous: PayloadFieldLayout | null,
): PayloadFieldLayout {
	let byteIndex: number;
	if (field.byteIndex !== undefined) byteIndex = field.byteIndex;
	else if (previous === null) byteIndex = 0;
	else if (field.type === 'bool') byteIndex = previous.lastByte;
	else byteIndex = previous.hasBitOffset ? previous.lastByte : previous.lastByte + 1;

	const endBit = byteIndex * 8 + (7 - field.bit) + field.bits;
	return {
		name: field.name,
		position,
		type: field.type,
		byteIndex,
		bit: field.bit,
		bits: field.bits,
		littleEndian: field.littleEndian,
		lastByte: (endBit - 1) >> 3,
		hasBitOffset: field.hasBitOffset,
		definition,
	};
}

/** Reads one `name:byte_index:type:params` definition; pushes every problem found. */
function parseField(definition: string, problems: string[]): ParsedField | undefined {
	const parts = definition.split(':');
	if (parts.length < 3) {
		problems.push(
			'expected name:byte_index:type:parameters (byte_index may be empty), e.g. temp::int:16',
		);
		return undefined;
	}
	const [name, index, type] = parts;
	const params = parts.slice(3);
	const before = problems.length;

	if (name === '') problems.push('the name is missing');
	else if (name === '__proto__') problems.push('"__proto__" cannot be used as a field name');
	else if (!NAME.test(name)) {
		problems.push(`the name "${name}" may only contain letters, digits, "-" and "_"`);
	}

	let byteIndex: number | undefined;
	if (index !== '') {
		byteIndex = wholeNumber(index);
		if (byteIndex === undefined || byteIndex >= MAX_UPLINK_BYTES) {
			problems.push(
				`byte index "${index}" must be empty or a whole number 0–${MAX_UPLINK_BYTES - 1} (a Sigfox uplink has at most ${MAX_UPLINK_BYTES} bytes)`,
			);
		}
	}

	const field: ParsedField = {
		name,
		type: 'uint',
		byteIndex,
		bit: 7,
		bits: 0,
		littleEndian: false,
		hasBitOffset: false,
	};
	switch (type) {
		case 'bool':
			readBool(params, field, problems);
			break;
		case 'char':
			readChar(params, field, problems);
			break;
		case 'float':
		case 'uint':
		case 'int':
			readNumber(type, params, field, problems);
			break;
		case '':
			problems.push(`the type is missing; use ${TYPES}`);
			break;
		default:
			problems.push(`unknown type "${type}"; use ${TYPES} (lower case)`);
	}
	return problems.length === before ? field : undefined;
}

function readBool(params: string[], field: ParsedField, problems: string[]): void {
	field.type = 'bool';
	field.bits = 1;
	const bit = params.length === 1 ? wholeNumber(params[0]) : undefined;
	if (params.length > 1) {
		problems.push('bool takes one parameter, the bit position 0–7, e.g. flag::bool:7');
	} else if (bit === undefined || bit > 7) {
		const got = params.length === 0 || params[0] === '' ? 'none' : `"${params[0]}"`;
		problems.push(`bool needs a bit position 0–7 (7 = most significant bit), got ${got}`);
	} else {
		field.bit = bit;
	}
}

function readChar(params: string[], field: ParsedField, problems: string[]): void {
	field.type = 'char';
	const length = params.length === 1 ? wholeNumber(params[0]) : undefined;
	if (params.length > 1) {
		problems.push(
			'char takes one parameter, the length in bytes (sub-byte char fields are not supported), e.g. label::char:4',
		);
	} else if (length === undefined || length < 1 || length > MAX_UPLINK_BYTES) {
		const got = params.length === 0 || params[0] === '' ? 'none' : `"${params[0]}"`;
		problems.push(`char needs a length of 1–${MAX_UPLINK_BYTES} bytes, got ${got}`);
	} else {
		field.bits = length * 8;
	}
}

function readNumber(
	type: 'float' | 'uint' | 'int',
	params: string[],
	field: ParsedField,
	problems: string[],
): void {
	field.type = type;
	const before = problems.length;
	const [width = '', endianness = '', offset = ''] = params;
	const bits = wholeNumber(width);
	if (type === 'float') {
		if (bits !== 32 && bits !== 64) {
			problems.push(`float needs 32 or 64 bits, got ${width === '' ? 'none' : `"${width}"`}`);
		}
	} else if (bits === undefined || bits < 1 || bits > 64) {
		problems.push(`${type} needs 1–64 bits, got ${width === '' ? 'none' : `"${width}"`}`);
	}
	if (endianness !== '' && endianness !== 'big-endian' && endianness !== 'little-endian') {
		problems.push(`endianness "${endianness}" must be big-endian, little-endian or empty`);
	}
	let bit = 7;
	if (offset !== '') {
		const parsed = wholeNumber(offset);
		if (parsed === undefined || parsed > 7) {
			problems.push(`bit offset "${offset}" must be 0–7 (7 = most significant bit) or empty`);
		} else {
			bit = parsed;
		}
	}
	if (params.length > 3) {
		problems.push(`${type} takes at most 3 parameters: bits, endianness and bit offset`);
	}
	if (problems.length > before || bits === undefined) return;

	field.bits = bits;
	field.bit = bit;
	field.hasBitOffset = offset !== '';
	field.littleEndian = endianness === 'little-endian';
	// Byte order only has a meaning for whole bytes; within one byte it changes nothing.
	const spansBytes = 7 - bit + bits > 8;
	if (field.littleEndian && spansBytes && (bits % 8 !== 0 || bit !== 7)) {
		problems.push(
			'little-endian needs whole bytes: a multiple of 8 bits starting at bit 7 (no bit offset or 7)',
		);
	}
}

function wholeNumber(text: string): number | undefined {
	return DIGITS.test(text) && text.length <= 3 ? Number(text) : undefined;
}
