import {
	compilePayloadConfig,
	PayloadConfigError,
	PayloadDataError,
	type PayloadConfigIssue,
} from '../../nodes/shared/payload';

function decode(config: string, hex: string) {
	return compilePayloadConfig(config).decode(hex);
}

function configIssues(config: string): PayloadConfigIssue[] {
	try {
		compilePayloadConfig(config);
	} catch (error) {
		expect(error).toBeInstanceOf(PayloadConfigError);
		return (error as PayloadConfigError).issues;
	}
	throw new Error(`config "${config}" compiled without error`);
}

function dataError(config: string, hex: unknown): PayloadDataError {
	const decoder = compilePayloadConfig(config);
	try {
		decoder.decode(hex as string);
	} catch (error) {
		expect(error).toBeInstanceOf(PayloadDataError);
		return error as PayloadDataError;
	}
	throw new Error(`data "${String(hex)}" decoded without error`);
}

describe('the worked examples of docs/sigfox/callbacks.md#payload-examples', () => {
	it.each([
		['1 spec example', '1234', 'int1::uint:8 int2::uint:8', { int1: 18, int2: 52 }],
		[
			'2 two bools share byte 0',
			'C01234',
			'b1::bool:7 b2::bool:6 i1:1:uint:16',
			{ b1: true, b2: true, i1: 4660 },
		],
		[
			'3 little-endian uint',
			'801234',
			'b1::bool:7 b2::bool:6 i1:1:uint:16:little-endian',
			{ b1: true, b2: false, i1: 13330 },
		],
		[
			'4 the next byte after an explicitly placed field',
			'80123456',
			'b1::bool:7 b2::bool:6 i1:1:uint:16:little-endian i2::uint:8',
			{ b1: true, b2: false, i1: 13330, i2: 86 },
		],
		[
			'5 char then integers',
			'41424344454601234567890A',
			'str::char:6 i1::uint:16 i2::uint:32',
			{ str: 'ABCDEF', i1: 291, i2: 1164413194 },
		],
		[
			'6 explicit index',
			'171318',
			'lightAmbi::uint:16 temperature:2:int:8',
			{ lightAmbi: 5907, temperature: 24 },
		],
		['7 big-endian by default', '0102', 'v::uint:16', { v: 258 }],
		['8 little-endian', '0102', 'v::uint:16:little-endian', { v: 513 }],
		['9 negative big-endian', 'FF38', 't::int:16', { t: -200 }],
		['9 negative little-endian', '38FF', 't::int:16:little-endian', { t: -200 }],
		['10 float big-endian', '41C80000', 'f::float:32', { f: 25 }],
		['10 float little-endian', '0000C841', 'f::float:32:little-endian', { f: 25 }],
		[
			'11 spec device-type example',
			'0123E40C',
			'Device_Type::uint:8 Firmware_Version_Battery_status_byte::uint:8 Voltage_Value::uint:16:little-endian',
			{ Device_Type: 1, Firmware_Version_Battery_status_byte: 35, Voltage_Value: 3300 },
		],
		[
			'12 sub-byte fields with a bit offset',
			'7A5C',
			'Speed::uint:8 Direction::uint:4 Status:1:uint:4::3',
			{ Speed: 122, Direction: 5, Status: 12 },
		],
		['14 explicit byte index 0', '0A0B', 'hi:1:uint:8 lo:0:uint:8', { hi: 11, lo: 10 }],
		['15 sub-byte negative int', 'F0', 'a::int:4', { a: -1 }],
	])('example %s', (_name, hex, config, expected) => {
		expect(decode(config, hex)).toEqual(expected);
	});

	it('example 13: a sub-byte field without index after one without bit offset starts at the next byte, which a 2-byte frame lacks', () => {
		const error = dataError('Speed::uint:8 Direction::uint:4 Status::uint:4', '7A5C');
		expect(error.reason).toBe('too-short');
		expect(error.field).toBe('Status');
		expect(error.position).toBe(3);
		expect(error.bytesNeeded).toBe(3);
		expect(error.bytesAvailable).toBe(2);
		expect(error.message).toContain('Status:1:uint:4::3');
	});
});

describe('bool', () => {
	it('reads every bit position, 7 being the most significant', () => {
		const config = [7, 6, 5, 4, 3, 2, 1, 0].map((bit) => `b${bit}::bool:${bit}`).join(' ');
		expect(decode(config, 'A5')).toEqual({
			b7: true,
			b6: false,
			b5: true,
			b4: false,
			b3: false,
			b2: true,
			b1: false,
			b0: true,
		});
	});

	it('without index reads the byte the previous integer used', () => {
		expect(decode('v::uint:8 f::bool:0', '01')).toEqual({ v: 1, f: true });
	});

	it('without index after a multi-byte field reads that field’s last byte', () => {
		expect(decode('v::uint:16 low::bool:0 high::bool:7', '8001')).toEqual({
			v: 32769,
			low: true,
			high: false,
		});
	});

	it('with an explicit index reads that byte', () => {
		expect(decode('v::uint:16 f:0:bool:7', '8000')).toEqual({ v: 32768, f: true });
	});

	it('is followed by a field without index at the next byte', () => {
		expect(decode('a::bool:7 b::bool:0 n::uint:8', '8142')).toEqual({ a: true, b: true, n: 66 });
	});
});

describe('byte index', () => {
	it('reads fields placed out of order and returns them in config order', () => {
		const decoded = decode('c:2:uint:8 a:0:uint:8 b:1:uint:8', '010203');
		expect(decoded).toEqual({ c: 3, a: 1, b: 2 });
		expect(Object.keys(decoded)).toEqual(['c', 'a', 'b']);
	});

	it('places a field without index after the previous field, even one placed earlier in the frame', () => {
		expect(decode('x:2:uint:8 y:0:uint:8 z::uint:8', 'AABBCC')).toEqual({ x: 204, y: 170, z: 187 });
	});

	it('treats an explicit 0 as byte 0, not as omitted', () => {
		expect(decode('a:1:uint:8 b:0:uint:8 c:0:bool:0', '0102')).toEqual({ a: 2, b: 1, c: true });
	});

	it('places the first field without index at byte 0', () => {
		expect(decode('v::int:8', '9C')).toEqual({ v: -100 });
	});

	it('starts the field after one with a bit offset in the last byte that field used', () => {
		expect(decode('Direction::uint:4::7 Status::uint:4::3', '5C')).toEqual({
			Direction: 5,
			Status: 12,
		});
	});

	it('starts the field after one with a bit offset at bit 7 of that byte when it has no bit offset itself', () => {
		expect(decode('a::uint:4::7 b::uint:8', '5C')).toEqual({ a: 5, b: 92 });
	});

	it('reads the same byte again for a whole-byte field after two nibbles with bit offsets', () => {
		expect(decode('mode::uint:4::7 level::uint:4::3 temp::int:8', '9AF6')).toEqual({
			mode: 9,
			level: 10,
			temp: -102,
		});
		expect(decode('mode::uint:4::7 level::uint:4::3 temp:1:int:8', '9AF6').temp).toBe(-10);
	});

	it('starts the field after one whose bit offset runs into the next byte in that next byte', () => {
		expect(decode('pad::uint:4::7 v::uint:8::3 rest::uint:4::3', '1AB5')).toEqual({
			pad: 1,
			v: 171,
			rest: 5,
		});
	});

	it('exposes where every field lies and how many bytes the data needs', () => {
		const decoder = compilePayloadConfig(
			'b1::bool:7 b2::bool:6 i1:1:uint:16:little-endian i2::uint:8',
		);
		expect(decoder.bytesNeeded).toBe(4);
		expect(decoder.fields.map((field) => [field.name, field.byteIndex, field.lastByte])).toEqual([
			['b1', 0, 0],
			['b2', 0, 0],
			['i1', 1, 2],
			['i2', 3, 3],
		]);
	});
});

describe('uint and int', () => {
	it.each([
		['uint:8 at its maximum', 'v::uint:8', 'FF', 255],
		['int:8 at its minimum', 'v::int:8', '80', -128],
		['int:8 at its maximum', 'v::int:8', '7F', 127],
		['uint:32 at its maximum', 'v::uint:32', 'FFFFFFFF', 4294967295],
		['int:32 at its minimum', 'v::int:32', '80000000', -2147483648],
		['uint:24 little-endian', 'v::uint:24:little-endian', '010203', 197121],
		['int:24 little-endian', 'v::int:24:little-endian', 'FEFFFF', -2],
		['uint:48 as a number', 'v::uint:48', 'FFFFFFFFFFFF', 281474976710655],
		[
			'int:48 little-endian at its minimum',
			'v::int:48:little-endian',
			'000000000080',
			-140737488355328,
		],
		['uint:53, the widest exact number', 'v::uint:53', 'FFFFFFFFFFFFF8', 9007199254740991],
		['int:53 at its minimum', 'v::int:53', '80000000000000', -4503599627370496],
		['int:1 set', 'v::int:1', '80', -1],
		['uint:1 set', 'v::uint:1', '80', 1],
		['int:3 from bit 2', 'v::int:3::2', '04', -4],
		['uint:12 across two bytes, most significant bit first', 'v::uint:12', 'ABC0', 2748],
		['uint:12 from a bit offset across two bytes', 'pad::uint:4::7 v::uint:12::3', '1ABC', 2748],
		['endianness written on a field inside one byte', 'v::uint:4:little-endian', 'F0', 15],
		['explicit big-endian', 'v::uint:16:big-endian', '0102', 258],
	])('decodes %s', (_name, config, hex, expected) => {
		expect(decode(config, hex).v).toBe(expected);
	});

	it('reads a high and a low nibble as separate signed fields', () => {
		expect(decode('a::int:4::7 b::int:4::3', 'F7')).toEqual({ a: -1, b: 7 });
	});

	it.each([
		['uint:54 at its maximum', 'v::uint:54', 'FFFFFFFFFFFFFC', '18014398509481983'],
		['uint:54 small values, still as text', 'v::uint:54', '00000000000004', '1'],
		['uint:64 at its maximum', 'v::uint:64', 'FFFFFFFFFFFFFFFF', '18446744073709551615'],
		[
			'uint:64 just above 2^63, not rounded',
			'v::uint:64',
			'8000000000000001',
			'9223372036854775809',
		],
		[
			'uint:64 little-endian',
			'v::uint:64:little-endian',
			'0100000000000080',
			'9223372036854775809',
		],
		['int:64 at its minimum', 'v::int:64', '8000000000000000', '-9223372036854775808'],
		['int:64 at its maximum', 'v::int:64', '7FFFFFFFFFFFFFFF', '9223372036854775807'],
		['int:64 minus two, little-endian', 'v::int:64:little-endian', 'FEFFFFFFFFFFFFFF', '-2'],
		['uint:56 little-endian', 'v::uint:56:little-endian', '01020304050607', '1976943448883713'],
		['int:60 negative', 'v::int:60', 'FFFFFFFFFFFFFFF0', '-1'],
		[
			'uint:64 from bit offset 3 across nine bytes',
			'v::uint:64::3',
			'0FFFFFFFFFFFFFFFF0',
			'18446744073709551615',
		],
	])('decodes %s as a decimal string', (_name, config, hex, expected) => {
		expect(decode(config, hex).v).toBe(expected);
	});
});

describe('float', () => {
	it.each([
		['float:32 negative', 'v::float:32', 'C1C80000', -25],
		['float:32 rounded as IEEE 754 single', 'v::float:32', '3DCCCCCD', Math.fround(0.1)],
		['float:64 big-endian', 'v::float:64', '400921FB54442D18', Math.PI],
		['float:64 little-endian', 'v::float:64:little-endian', '182D4454FB210940', Math.PI],
		['float:64 explicit big-endian', 'v::float:64:big-endian', 'C000000000000000', -2],
		['float:32 from a bit offset', 'pad::uint:4::7 v::float:32::3', '041C800000', 25],
		['float:64 from a bit offset', 'pad::uint:4::7 v::float:64::3', '0400921FB54442D180', Math.PI],
	])('decodes %s', (_name, config, hex, expected) => {
		expect(decode(config, hex).v).toBe(expected);
	});

	it('returns NaN for a NaN bit pattern', () => {
		expect(decode('v::float:32', '7FC00000').v).toBeNaN();
	});
});

describe('char', () => {
	it('reads bytes as text', () => {
		expect(decode('s::char:5', '48656C6C6F')).toEqual({ s: 'Hello' });
	});

	it('keeps NUL bytes and maps every byte to one character (ISO-8859-1)', () => {
		expect(decode('s::char:3', '41E900')).toEqual({ s: 'A\u00e9\u0000' });
	});

	it('is followed by a field without index right after its last byte', () => {
		expect(decode('s::char:2 n::uint:8', '4F4B07')).toEqual({ s: 'OK', n: 7 });
	});
});

describe('input forms', () => {
	it.each([
		['accepts hex in either case', 'v::uint:16', 'aBcD', { v: 43981 }],
		[
			'separates fields by any run of whitespace and ignores it at both ends',
			'  a::uint:8 \t b::uint:8\n',
			'0102',
			{ a: 1, b: 2 },
		],
		[
			'decodes a full 12-byte frame',
			'a::uint:32 b::uint:32 c::uint:32',
			'000000010000000200000003',
			{ a: 1, b: 2, c: 3 },
		],
		['ignores bytes after the last field', 'a::uint:8', '01FFFF', { a: 1 }],
	])('%s', (_behaviour, config, hex, expected) => {
		expect(decode(config, hex)).toEqual(expected);
	});

	it('decodes frame after frame with one compiled config, a detached decode included', () => {
		const { decode: decodeFrame } = compilePayloadConfig('a::uint:8 b::uint:8');
		expect(decodeFrame('0102')).toEqual({ a: 1, b: 2 });
		expect(decodeFrame('0304')).toEqual({ a: 3, b: 4 });
		expect(() => decodeFrame('05')).toThrow(PayloadDataError);
	});
});

describe('config errors', () => {
	it.each([
		['temp', 'expected name:byte_index:type:parameters'],
		['temp:int', 'expected name:byte_index:type:parameters'],
		[':0:uint:8', 'the name is missing'],
		['t.emp::uint:8', 'may only contain letters, digits, "-" and "_"'],
		['__proto__::uint:8', '"__proto__" cannot be used'],
		['a:x:uint:8', 'byte index "x" must be empty or a whole number 0–11'],
		['a:12:uint:8', 'byte index "12" must be empty or a whole number 0–11'],
		['a::', 'the type is missing'],
		['a::uint8', 'unknown type "uint8"'],
		['a::UINT:8', 'unknown type "UINT"'],
		['a::bool', 'bool needs a bit position 0–7 (7 = most significant bit), got none'],
		['a::bool:8', 'bool needs a bit position 0–7 (7 = most significant bit), got "8"'],
		['a::bool:7:1', 'bool takes one parameter'],
		['a::char:0', 'char needs a length of 1–12 bytes, got "0"'],
		['a::char:13', 'char needs a length of 1–12 bytes, got "13"'],
		['a::char:2:3', 'sub-byte char fields are not supported'],
		['a::float:16', 'float needs 32 or 64 bits, got "16"'],
		['a::float', 'float needs 32 or 64 bits, got none'],
		['a::uint:0', 'uint needs 1–64 bits, got "0"'],
		['a::uint:65', 'uint needs 1–64 bits, got "65"'],
		['a::int:sixteen', 'int needs 1–64 bits, got "sixteen"'],
		['a::uint', 'uint needs 1–64 bits, got none'],
		[
			'a::uint:16:middle-endian',
			'endianness "middle-endian" must be big-endian, little-endian or empty',
		],
		['a::uint:4::8', 'bit offset "8" must be 0–7'],
		['a::uint:8:big-endian:7:1', 'uint takes at most 3 parameters'],
		['a::uint:12:little-endian', 'little-endian needs whole bytes'],
		['a::uint:16:little-endian:3', 'little-endian needs whole bytes'],
		['a::float:32:little-endian:3', 'little-endian needs whole bytes'],
		['a:11:uint:16', 'reads up to byte 12, but a Sigfox uplink has at most 12 bytes (0–11)'],
		['s::char:12 n::uint:8', 'reads up to byte 12'],
	])('refuses "%s": %s', (config, message) => {
		const issues = configIssues(config);
		expect(issues).toHaveLength(1);
		expect(issues[0].message).toContain(message);
	});

	it('refuses an empty config', () => {
		expect(configIssues('  ')[0].message).toContain('the payload config is empty');
	});

	it('refuses a duplicate name and points at its first use', () => {
		expect(configIssues('t::uint:8 h::uint:8 t::int:8')).toEqual([
			{
				position: 3,
				field: 't',
				definition: 't::int:8',
				message: 'duplicate name "t" (also field 1); names must be unique',
			},
		]);
	});

	it('reports every error at once, each with the field’s position, name and text', () => {
		const issues = configIssues('ok::uint:8 temp::int:99 x::foo:1 w:13:bool:8 ok::char:2');
		expect(issues.map((issue) => [issue.position, issue.field, issue.definition])).toEqual([
			[2, 'temp', 'temp::int:99'],
			[3, 'x', 'x::foo:1'],
			[4, 'w', 'w:13:bool:8'],
			[4, 'w', 'w:13:bool:8'],
			[5, 'ok', 'ok::char:2'],
		]);
	});

	it('lists every error in the message, one line per problem', () => {
		expect(() => compilePayloadConfig('a::uint:99 b::bool:9')).toThrow(
			'Payload config has 2 errors:\n' +
				'field 1 "a::uint:99": uint needs 1–64 bits, got "99"\n' +
				'field 2 "b::bool:9": bool needs a bit position 0–7 (7 = most significant bit), got "9"',
		);
	});

	it('still checks the range of a field with an explicit index after a broken field', () => {
		const issues = configIssues('bad::foo:1 next::uint:8 far:11:uint:16');
		expect(issues.map((issue) => issue.position)).toEqual([1, 3]);
	});
});

describe('data errors', () => {
	it.each([
		[
			'refuses data that is not a string',
			undefined,
			{
				reason: 'not-a-string',
				message: 'Payload data must be a string of hex digits, got undefined',
			},
		],
		[
			'refuses a non-hex character and says where it is',
			'0x12',
			{
				reason: 'not-hex',
				message: expect.stringContaining('character "x" at position 2 of "0x12"'),
			},
		],
		[
			'reports a non-hex character rather than the odd length it causes',
			'12 34',
			{ reason: 'not-hex', message: expect.stringContaining('character " " at position 3') },
		],
		[
			'refuses an odd number of hex digits',
			'123',
			{ reason: 'odd-length', message: expect.stringContaining('odd number of hex digits (3)') },
		],
		[
			'refuses data longer than a 12-byte Sigfox uplink',
			'00112233445566778899AABBCC',
			{
				reason: 'too-long',
				bytesAvailable: 13,
				message:
					'Payload data has 13 bytes, but a Sigfox uplink carries at most 12 bytes (24 hex digits).',
			},
		],
	])('%s', (_behaviour, data, expected) => {
		expect(dataError('a::uint:8', data)).toMatchObject(expected);
	});

	it('names the first field beyond short data, the bytes it needs and the bytes there are', () => {
		const error = dataError('a::uint:8 b::uint:16 c::uint:8', '0102');
		expect(error).toMatchObject({
			reason: 'too-short',
			field: 'b',
			position: 2,
			bytesNeeded: 3,
			bytesAvailable: 2,
		});
		expect(error.message).toBe(
			'Payload data is too short for field "b" (field 2, b::uint:16): it reads byte 2, so it needs 3 bytes,' +
				' but the data has 2. 1 more field(s) also lie beyond it: c.',
		);
	});

	it('refuses empty data when a field needs a byte', () => {
		expect(dataError('a::bool:0', '')).toMatchObject({
			reason: 'too-short',
			field: 'a',
			bytesNeeded: 1,
			bytesAvailable: 0,
		});
	});
});
