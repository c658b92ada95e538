import { badLength, notAString, notHex, PayloadDataError } from './errors';
import { MAX_UPLINK_BYTES, parsePayloadConfig, type PayloadFieldLayout } from './grammar';

export type DecodedValue = boolean | number | string;
export type DecodedPayload = Record<string, DecodedValue>;

/** A payload config compiled once; `decode` turns one frame's hex data into named values. */
export interface PayloadDecoder {
	readonly fields: readonly PayloadFieldLayout[];
	/** Bytes the data must have for every field to be read. */
	readonly bytesNeeded: number;
	decode(hex: string): DecodedPayload;
}

/**
 * Bits read big-endian (MSB first) from `first`..`last`, or whole bytes little-endian.
 * Always at most 53 bits, so a plain number holds it exactly.
 */
interface Segment {
	first: number;
	last: number;
	firstMask: number;
	lastShift: number;
	lastScale: number;
	littleEndian: boolean;
}

const BOOL = 0;
const NUMBER = 1;
const BIG = 2;
const FLOAT32 = 3;
const FLOAT64 = 4;
const CHAR = 5;

/** One field as a flat decode step; every step has the same shape so the decode loop stays monomorphic. */
interface Step {
	name: string;
	kind: number;
	byte: number;
	mask: number;
	length: number;
	littleEndian: boolean;
	/** Reads straight from the frame with a DataView (whole, byte-aligned floats). */
	aligned: boolean;
	signed: boolean;
	/** For signed values: `high` at or above `half` is negative; subtract `range`. */
	half: number;
	range: number;
	/** NUMBER: the value; BIG and unaligned FLOAT64: the high part; unaligned FLOAT32: the bits. */
	high: Segment;
	/** BIG and unaligned FLOAT64: the low 32 bits. */
	low: Segment;
	layout: PayloadFieldLayout;
	/** Why the field may lie beyond a short frame, added to the data error. */
	hint: string;
}

const frame = new Uint8Array(MAX_UPLINK_BYTES);
const frameView = new DataView(frame.buffer);
const floatView = new DataView(new ArrayBuffer(8));
const TWO_32 = 4294967296;
const BIG_TWO_32 = BigInt(TWO_32);

const HEX_VALUE = new Int8Array(128).fill(-1);
for (let digit = 0; digit < 16; digit++) {
	const text = digit.toString(16);
	HEX_VALUE[text.charCodeAt(0)] = digit;
	HEX_VALUE[text.toUpperCase().charCodeAt(0)] = digit;
}

/**
 * Compiles a Sigfox custom payload config (docs/sigfox/callbacks.md#payload-grammar) into a decoder.
 * Throws PayloadConfigError listing every problem in the config.
 */
export function compilePayloadConfig(config: string): PayloadDecoder {
	const fields = parsePayloadConfig(config);
	const steps = fields.map((field, index) => toStep(field, fields[index - 1]));
	const bytesNeeded = fields.reduce((needed, field) => Math.max(needed, field.lastByte + 1), 0);
	return {
		fields,
		bytesNeeded,
		decode: (hex: string) => decodeFrame(hex, steps, bytesNeeded),
	};
}

function decodeFrame(hex: string, steps: Step[], bytesNeeded: number): DecodedPayload {
	if (typeof hex !== 'string') throw notAString(hex);
	const length = hex.length;
	if ((length & 1) !== 0 || length > MAX_UPLINK_BYTES * 2) throw badLength(hex, MAX_UPLINK_BYTES);
	const size = length >> 1;
	for (let byte = 0, at = 0; byte < size; byte++, at += 2) {
		const high = hex.charCodeAt(at);
		const low = hex.charCodeAt(at + 1);
		const value = ((high < 128 ? HEX_VALUE[high] : -1) << 4) | (low < 128 ? HEX_VALUE[low] : -1);
		if (value < 0) throw notHex(hex);
		frame[byte] = value;
	}
	if (size < bytesNeeded) throw tooShort(steps, size);

	const decoded: DecodedPayload = {};
	for (let index = 0; index < steps.length; index++) {
		const step = steps[index];
		switch (step.kind) {
			case BOOL:
				decoded[step.name] = (frame[step.byte] & step.mask) !== 0;
				break;
			case NUMBER: {
				const value = readSegment(step.high);
				decoded[step.name] = step.signed && value >= step.half ? value - step.range : value;
				break;
			}
			case BIG: {
				const high = readSegment(step.high);
				const signedHigh = step.signed && high >= step.half ? high - step.range : high;
				decoded[step.name] = (
					BigInt(signedHigh) * BIG_TWO_32 +
					BigInt(readSegment(step.low))
				).toString();
				break;
			}
			case FLOAT32:
				if (step.aligned) {
					decoded[step.name] = frameView.getFloat32(step.byte, step.littleEndian);
				} else {
					floatView.setUint32(0, readSegment(step.high));
					decoded[step.name] = floatView.getFloat32(0);
				}
				break;
			case FLOAT64:
				if (step.aligned) {
					decoded[step.name] = frameView.getFloat64(step.byte, step.littleEndian);
				} else {
					floatView.setUint32(0, readSegment(step.high));
					floatView.setUint32(4, readSegment(step.low));
					decoded[step.name] = floatView.getFloat64(0);
				}
				break;
			default: {
				// char: one character per byte (ISO-8859-1), so no byte is ever replaced or dropped.
				let text = '';
				for (let byte = step.byte, end = step.byte + step.length; byte < end; byte++) {
					text += String.fromCharCode(frame[byte]);
				}
				decoded[step.name] = text;
			}
		}
	}
	return decoded;
}

function readSegment(segment: Segment): number {
	const first = segment.first;
	const last = segment.last;
	if (segment.littleEndian) {
		let value = 0;
		for (let byte = last; byte >= first; byte--) value = value * 256 + frame[byte];
		return value;
	}
	if (first === last) return (frame[first] >> segment.lastShift) & segment.firstMask;
	let value = frame[first] & segment.firstMask;
	for (let byte = first + 1; byte < last; byte++) value = value * 256 + frame[byte];
	return value * segment.lastScale + (frame[last] >> segment.lastShift);
}

/** A big-endian run of `bits` bits starting at absolute bit `start` (0 = MSB of byte 0). */
function bitSegment(start: number, bits: number): Segment {
	const end = start + bits;
	const first = start >> 3;
	const last = (end - 1) >> 3;
	const lastBits = end - last * 8;
	return {
		first,
		last,
		firstMask: first === last ? 2 ** bits - 1 : 2 ** (8 - (start & 7)) - 1,
		lastShift: 8 - lastBits,
		lastScale: 2 ** lastBits,
		littleEndian: false,
	};
}

function byteSegment(first: number, last: number): Segment {
	return { first, last, firstMask: 255, lastShift: 0, lastScale: 256, littleEndian: true };
}

function toStep(field: PayloadFieldLayout, previous: PayloadFieldLayout | undefined): Step {
	const start = field.byteIndex * 8 + (7 - field.bit);
	const whole = field.bit === 7 && field.bits % 8 === 0;
	const step: Step = {
		name: field.name,
		kind: NUMBER,
		byte: field.byteIndex,
		mask: 0,
		length: field.bits >> 3,
		littleEndian: field.littleEndian && whole,
		aligned: whole,
		signed: field.type === 'int',
		half: 0,
		range: 0,
		high: bitSegment(start, field.bits <= 53 ? field.bits : field.bits - 32),
		low: bitSegment(start, 1),
		layout: field,
		hint: tooShortHint(field, previous),
	};
	switch (field.type) {
		case 'bool':
			step.kind = BOOL;
			step.mask = 1 << field.bit;
			break;
		case 'char':
			step.kind = CHAR;
			break;
		case 'float':
			step.kind = field.bits === 32 ? FLOAT32 : FLOAT64;
			if (field.bits === 64) {
				step.high = bitSegment(start, 32);
				step.low = bitSegment(start + 32, 32);
			}
			break;
		default:
			if (field.bits > 53) {
				step.kind = BIG;
				step.half = 2 ** (field.bits - 33);
				step.range = 2 ** (field.bits - 32);
				if (step.littleEndian) {
					step.high = byteSegment(field.byteIndex + 4, field.lastByte);
					step.low = byteSegment(field.byteIndex, field.byteIndex + 3);
				} else {
					step.low = bitSegment(start + field.bits - 32, 32);
				}
			} else {
				step.half = 2 ** (field.bits - 1);
				step.range = 2 ** field.bits;
				if (step.littleEndian) step.high = byteSegment(field.byteIndex, field.lastByte);
			}
	}
	return step;
}

/** The trap of docs/sigfox/callbacks.md#payload-placement rule 4: a field after a sub-byte field without bit offset starts at the next byte. */
function tooShortHint(field: PayloadFieldLayout, previous: PayloadFieldLayout | undefined): string {
	if (previous === undefined || field.type === 'bool' || previous.type === 'bool') return '';
	const previousEnd = previous.byteIndex * 8 + (7 - previous.bit) + previous.bits;
	if (previous.hasBitOffset || previousEnd % 8 === 0 || field.byteIndex !== previous.lastByte + 1) {
		return '';
	}
	if (!field.definition.startsWith(`${field.name}::`)) return '';
	return (
		` "${previous.name}" ends inside byte ${previous.lastByte} and has no bit offset, so "${field.name}" starts at the next byte.` +
		` To read the rest of byte ${previous.lastByte}, give "${field.name}" a byte index and a bit offset,` +
		` e.g. ${field.name}:${previous.lastByte}:${field.type}:${field.bits}::${7 - (previousEnd % 8)}`
	);
}

function tooShort(steps: Step[], size: number): PayloadDataError {
	const beyond = steps.filter((step) => step.layout.lastByte >= size);
	const { layout, hint } = beyond[0];
	const bytesNeeded = layout.lastByte + 1;
	const others =
		beyond.length > 1
			? ` ${beyond.length - 1} more field(s) also lie beyond it: ${beyond
					.slice(1)
					.map((step) => step.name)
					.join(', ')}.`
			: '';
	return new PayloadDataError(
		`Payload data is too short for field "${layout.name}" (field ${layout.position}, ${layout.definition}):` +
			` it reads byte ${layout.lastByte}, so it needs ${bytesNeeded} bytes, but the data has ${size}.${others}${hint}`,
		{
			reason: 'too-short',
			bytesAvailable: size,
			field: layout.name,
			position: layout.position,
			bytesNeeded,
		},
	);
}
