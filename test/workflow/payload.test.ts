import type { IDataObject } from 'n8n-workflow';

import { runSigfoxNode } from './harness';

// Decoding calls no API: the credential points nowhere, and any request would fail the run.
const credentials = { login: 'unused', password: 'unused', baseUrl: 'http://127.0.0.1:9/v2' };
const decodeFromItem = {
	resource: 'payload',
	operation: 'decode',
	payloadConfig: '={{ $json.config }}',
	data: '={{ $json.data }}',
};

async function decodeEach(frames: Array<{ config: string; data: string }>) {
	const { items, error } = await runSigfoxNode(decodeFromItem, { credentials, input: frames });
	expect(error).toBeUndefined();
	return items.map((item) => item.json.decoded as IDataObject);
}

describe('Payload → Decode in a workflow', () => {
	it('adds the decoded fields to each input item, keeping its data and pairing', async () => {
		const input = [
			{
				device: '1A2B03',
				data: '7A5C',
				config: 'Speed::uint:8 Direction::uint:4 Status:1:uint:4::3',
			},
			{ device: '1A2B04', data: 'ff38', config: 't::int:16' },
		];

		const { items, error } = await runSigfoxNode(decodeFromItem, { credentials, input });

		expect(error).toBeUndefined();
		expect(items.map((i) => i.json)).toEqual([
			{ ...input[0], decoded: { Speed: 122, Direction: 5, Status: 12 } },
			{ ...input[1], decoded: { t: -200 } },
		]);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it("follows every placement rule of Sigfox's grammar (docs/sigfox/callbacks.md#payload-placement)", async () => {
		const cases: Array<[string, string, string, IDataObject]> = [
			[
				'bools share the current byte',
				'C01234',
				'b1::bool:7 b2::bool:6 i1:1:uint:16',
				{ b1: true, b2: true, i1: 4660 },
			],
			[
				'the next byte follows an explicit index',
				'80123456',
				'b1::bool:7 i1:1:uint:16:little-endian i2::uint:8',
				{ b1: true, i1: 13330, i2: 86 },
			],
			[
				'char then integers',
				'41424344454601234567890A',
				'str::char:6 i1::uint:16 i2::uint:32',
				{ str: 'ABCDEF', i1: 291, i2: 1164413194 },
			],
			['explicit byte index 0 is byte 0', '0A0B', 'hi:1:uint:8 lo:0:uint:8', { hi: 11, lo: 10 }],
			[
				'out-of-order indices',
				'171318',
				'temperature:2:int:8 lightAmbi:0:uint:16',
				{ temperature: 24, lightAmbi: 5907 },
			],
			['sub-byte fields with bit offsets', 'F7', 'a::int:4::7 b::int:4::3', { a: -1, b: 7 }],
			[
				'a bool after an integer reads its byte',
				'81',
				'v::uint:8 flag::bool:0',
				{ v: 129, flag: true },
			],
		];

		const decoded = await decodeEach(cases.map(([, data, config]) => ({ data, config })));

		expect(decoded).toEqual(cases.map(([, , , expected]) => expected));
	});

	it('decodes every type in both byte orders, 64-bit values as exact decimal strings', async () => {
		const cases: Array<[string, string, IDataObject]> = [
			['0102', 'be::uint:16', { be: 258 }],
			['0102', 'le::uint:16:little-endian', { le: 513 }],
			['38FF', 'n::int:16:little-endian', { n: -200 }],
			['41C80000', 'f::float:32', { f: 25 }],
			['0000C841', 'f::float:32:little-endian', { f: 25 }],
			['400921FB54442D18', 'd::float:64', { d: Math.PI }],
			['FFFFFFFFFFFFFFFF', 'big::uint:64', { big: '18446744073709551615' }],
			['8000000000000000', 'min::int:64', { min: '-9223372036854775808' }],
			['4869', 's::char:2', { s: 'Hi' }],
			['abcd', 'x::uint:16', { x: 43981 }],
		];

		const decoded = await decodeEach(cases.map(([data, config]) => ({ data, config })));

		expect(decoded).toEqual(cases.map(([, , expected]) => expected));
	});

	describe('stops with an error that says what to fix', () => {
		it.each([
			[
				'a malformed field',
				'temp:int',
				'00',
				/Field 1 "temp:int": expected name:byte_index:type:parameters/,
			],
			['an unknown type', 'a::uint8', '00', /unknown type "uint8"/],
			['a bit out of range', 'a::bool:8', '00', /bool needs a bit position 0–7/],
			['a bit offset out of range', 'a::uint:4::9', '00', /bit offset "9" must be 0–7/],
		])('for %s in the config', async (_name, config, data, description) => {
			const { error } = await runSigfoxNode(decodeFromItem, {
				credentials,
				input: [{ config, data }],
			});

			expect(error?.message).toBe('The payload config has an error');
			expect(error?.description).toMatch(description);
		});

		it('for several config errors, listing each with its position', async () => {
			const { error } = await runSigfoxNode(decodeFromItem, {
				credentials,
				input: [{ config: 'a::uint:99 b::uint:8 c::nope', data: '00' }],
			});

			expect(error?.message).toBe('The payload config has 2 errors');
			expect(error?.description).toMatch(/^Field 1 "a::uint:99": .*\nField 3 "c::nope": /);
		});

		it.each([
			['odd-length data', 'v::uint:8', 'ABC', /odd/i],
			['non-hex data', 'v::uint:8', 'ZZ', /hex/i],
			[
				'data shorter than a field needs',
				'a::uint:8 b::uint:32',
				'0102',
				/"b".*needs 5 bytes.*has 2/,
			],
		])('for %s', async (_name, config, data, message) => {
			const { error } = await runSigfoxNode(decodeFromItem, {
				credentials,
				input: [{ config, data }],
			});

			expect(error?.message).toMatch(message);
			expect(error?.description).toMatch(/hexadecimal payload/);
		});
	});

	it('with Continue On Fail, keeps the failed item as an error beside the decoded ones', async () => {
		const { items, error } = await runSigfoxNode(decodeFromItem, {
			credentials,
			continueOnFail: true,
			input: [
				{ config: 'v::uint:8', data: '2A' },
				{ config: 'v::uint:16', data: '2A' },
			],
		});

		expect(error).toBeUndefined();
		expect(items[0].json.decoded).toEqual({ v: 42 });
		expect(items[1].json.error).toMatch(/"v"/);
		expect(items[1].pairedItem).toEqual({ item: 1 });
	});
});
