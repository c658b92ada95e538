/**
 * Payload decoding throughput: our compiled decoder against the npm package sigfox-parser, on the same configs and frames.
 * Run with `npm run bench:decode` (builds first). A benchmark, not a test: it asserts nothing about time.
 * Writes bench/results/decode.json and its own section of BENCHMARKS.md.
 */
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const sigfoxParser = require('sigfox-parser');
const { compilePayloadConfig } = require('../dist/nodes/shared/payload');
const { writeBenchmarksSection } = require('./benchmarks-file');

const COMMAND = 'npm run bench:decode';
const RUN_MS = Number(process.env.BENCH_RUN_MS || 250);
const RUNS = Number(process.env.BENCH_RUNS || 5);

/** A frame written field after field with Buffer's own writers (`['Int32BE', 5]`), so the expected values come from neither decoder. */
function frame(...fields) {
	const buffer = Buffer.alloc(12); // a Sigfox uplink carries 12 bytes at most
	let end = 0;
	for (const [writer, value] of fields) end = buffer[`write${writer}`](value, end);
	return buffer.subarray(0, end).toString('hex').toUpperCase();
}

/** `expected` is the answer per Sigfox's grammar (docs/sigfox/callbacks.md#payload-grammar; `name` numbers the worked examples of docs/sigfox/callbacks.md#payload-examples); 'error' means the frame cannot be decoded. */
const CASES = [
	{
		name: 'example #1 spec example',
		config: 'int1::uint:8 int2::uint:8',
		hex: '1234',
		expected: { int1: 18, int2: 52 },
	},
	{
		name: 'example #2 bools share byte 0',
		config: 'b1::bool:7 b2::bool:6 i1:1:uint:16',
		hex: 'C01234',
		expected: { b1: true, b2: true, i1: 4660 },
	},
	{
		name: 'example #3 little-endian',
		config: 'b1::bool:7 b2::bool:6 i1:1:uint:16:little-endian',
		hex: '801234',
		expected: { b1: true, b2: false, i1: 13330 },
	},
	{
		name: 'example #4 next byte after an indexed field',
		config: 'b1::bool:7 b2::bool:6 i1:1:uint:16:little-endian i2::uint:8',
		hex: '80123456',
		expected: { b1: true, b2: false, i1: 13330, i2: 86 },
	},
	{
		name: 'example #5 char and integers',
		config: 'str::char:6 i1::uint:16 i2::uint:32',
		hex: '41424344454601234567890A',
		expected: { str: 'ABCDEF', i1: 291, i2: 1164413194 },
	},
	{
		name: 'example #6 explicit index',
		config: 'lightAmbi::uint:16 temperature:2:int:8',
		hex: '171318',
		expected: { lightAmbi: 5907, temperature: 24 },
	},
	{
		name: 'example #7 big-endian default',
		config: 'v::uint:16',
		hex: '0102',
		expected: { v: 258 },
	},
	{
		name: 'example #8 little-endian',
		config: 'v::uint:16:little-endian',
		hex: '0102',
		expected: { v: 513 },
	},
	{
		name: 'example #9 negative int',
		config: 't::int:16:little-endian',
		hex: '38FF',
		expected: { t: -200 },
	},
	{
		name: 'example #10 float',
		config: 'f::float:32:little-endian',
		hex: '0000C841',
		expected: { f: 25 },
	},
	{
		name: 'example #11 device-type example',
		config:
			'Device_Type::uint:8 Firmware_Version_Battery_status_byte::uint:8 Voltage_Value::uint:16:little-endian',
		hex: '0123E40C',
		expected: { Device_Type: 1, Firmware_Version_Battery_status_byte: 35, Voltage_Value: 3300 },
	},
	{
		name: 'example #12 sub-byte bit offset',
		config: 'Speed::uint:8 Direction::uint:4 Status:1:uint:4::3',
		hex: '7A5C',
		expected: { Speed: 122, Direction: 5, Status: 12 },
	},
	{
		name: 'example #13 field beyond the frame',
		config: 'Speed::uint:8 Direction::uint:4 Status::uint:4',
		hex: '7A5C',
		expected: 'error',
	},
	{
		name: 'example #14 explicit byte index 0',
		config: 'hi:1:uint:8 lo:0:uint:8',
		hex: '0A0B',
		expected: { hi: 11, lo: 10 },
	},
	{ name: 'example #15 sub-byte negative int', config: 'a::int:4', hex: 'F0', expected: { a: -1 } },
	{
		name: 'tracker, 12 bytes',
		config: 'lat::int:32 lng::int:32 alt::uint:16 battery::uint:8 flags::uint:8',
		hex: frame(
			['Int32BE', 48856613],
			['Int32BE', -2352222],
			['UInt16BE', 35],
			['UInt8', 87],
			['UInt8', 3],
		),
		expected: { lat: 48856613, lng: -2352222, alt: 35, battery: 87, flags: 3 },
	},
	{
		name: 'issue 3 example',
		config: 'temp::int:16:little-endian hum::uint:8 flag::bool:7',
		hex: frame(['Int16LE', -1234], ['UInt8', 0xc8]),
		expected: { temp: -1234, hum: 200, flag: true },
	},
	{
		name: 'float:64 little-endian and uint:32',
		config: 'v::float:64:little-endian c::uint:32',
		hex: frame(['DoubleLE', -273.15], ['UInt32BE', 4000000000]),
		expected: { v: -273.15, c: 4000000000 },
	},
	{
		name: 'uint:64 and int:32',
		config: 'id::uint:64 t::int:32',
		hex: frame(['BigUInt64BE', 18446744073709551557n], ['Int32BE', -5]),
		expected: { id: '18446744073709551557', t: -5 },
	},
	{
		name: 'nibbles with bit offsets',
		config: 'mode::uint:4::7 level::uint:4::3 temp:1:int:8 alarm:0:bool:7',
		hex: '9AF6',
		expected: { mode: 9, level: 10, temp: -10, alarm: true },
	},
];

function decodeOurs(testCase) {
	try {
		return { value: compilePayloadConfig(testCase.config).decode(testCase.hex) };
	} catch (error) {
		return { value: 'error', error: `${error.name} (${error.reason}): ${error.message}` };
	}
}

function decodeTheirs(testCase) {
	try {
		return sigfoxParser(testCase.hex, testCase.config);
	} catch (error) {
		return 'error';
	}
}

function same(actual, expected) {
	return JSON.stringify(actual) === JSON.stringify(expected);
}

/** Frames per second over a round-robin of the frames, median of RUNS runs of RUN_MS each. */
function measure(decodeFrame, frames) {
	let sink = 0;
	for (let i = 0; i < 20000; i++)
		sink += Object.keys(decodeFrame(frames[i % frames.length])).length;
	const rates = [];
	for (let run = 0; run < RUNS; run++) {
		let count = 0;
		const start = process.hrtime.bigint();
		const deadline = start + BigInt(RUN_MS) * 1000000n;
		let now = start;
		while (now < deadline) {
			for (let i = 0; i < 1000; i++) {
				sink += Object.keys(decodeFrame(frames[(count + i) % frames.length])).length;
			}
			count += 1000;
			now = process.hrtime.bigint();
		}
		rates.push(count / (Number(now - start) / 1e9));
	}
	if (sink < 0) console.log(sink);
	rates.sort((a, b) => a - b);
	return rates[Math.floor(rates.length / 2)];
}

function rateOf(cases, mode) {
	const frames = cases.map((testCase) => {
		if (mode === 'theirs') return () => sigfoxParser(testCase.hex, testCase.config);
		if (mode === 'compile-each')
			return () => compilePayloadConfig(testCase.config).decode(testCase.hex);
		const decoder = compilePayloadConfig(testCase.config);
		return () => decoder.decode(testCase.hex);
	});
	return measure((decodeFrame) => decodeFrame(), frames);
}

function formatRate(rate) {
	return Math.round(rate).toLocaleString('en-US');
}

function formatValue(value) {
	return value === 'error' ? 'an error' : JSON.stringify(value);
}

function formatCell(value, error) {
	if (value === 'error') return error ? error.slice(0, error.indexOf(':')) : 'an error';
	return `\`${JSON.stringify(value)}\``;
}

function rightOnes(result) {
	const right = [result.oursRight && 'ours', result.theirsRight && 'sigfox-parser'].filter(Boolean);
	return right.join(' and ') || 'neither';
}

function main() {
	const machine = `${os.cpus()[0].model.trim()} (${os.cpus().length} vCPU), ${os.platform()} ${os.arch()}, Node.js ${process.version}`;
	const results = CASES.map((testCase) => {
		const { value: ours, error: oursError } = decodeOurs(testCase);
		const theirs = decodeTheirs(testCase);
		return {
			name: testCase.name,
			config: testCase.config,
			hex: testCase.hex,
			expected: testCase.expected,
			ours,
			oursError,
			theirs,
			oursRight: same(ours, testCase.expected),
			theirsRight: same(theirs, testCase.expected),
		};
	});
	const decodable = CASES.filter((testCase) => testCase.expected !== 'error');

	console.log(`Payload decoding: ${machine}; ${RUNS} runs of ${RUN_MS} ms, median\n`);
	const perCase = decodable.map((testCase) => {
		const ours = rateOf([testCase], 'ours');
		const theirs = rateOf([testCase], 'theirs');
		console.log(
			`${testCase.name.padEnd(44)} ours ${formatRate(ours).padStart(12)}/s   sigfox-parser ${formatRate(theirs).padStart(10)}/s   ×${(ours / theirs).toFixed(1)}`,
		);
		return { name: testCase.name, ours, theirs, ratio: ours / theirs };
	});
	const mix = {
		ours: rateOf(decodable, 'ours'),
		oursCompilingEachFrame: rateOf(decodable, 'compile-each'),
		theirs: rateOf(decodable, 'theirs'),
	};
	mix.ratio = mix.ours / mix.theirs;
	mix.ratioCompilingEachFrame = mix.oursCompilingEachFrame / mix.theirs;
	console.log(
		`\nAll ${decodable.length} decodable cases, round-robin:\n` +
			`  ours, compiled once:          ${formatRate(mix.ours)} frames/s\n` +
			`  ours, compiling every frame:  ${formatRate(mix.oursCompilingEachFrame)} frames/s\n` +
			`  sigfox-parser:                ${formatRate(mix.theirs)} frames/s\n` +
			`  ratio: ×${mix.ratio.toFixed(1)} (×${mix.ratioCompilingEachFrame.toFixed(1)} when compiling every frame)`,
	);

	const differences = results.filter((result) => !same(result.ours, result.theirs));
	console.log(`\nAnswers that differ: ${differences.length} of ${results.length}`);
	for (const result of differences) {
		console.log(
			`- ${result.name} (${result.config} on ${result.hex})\n` +
				`    ours:          ${result.oursError || formatValue(result.ours)}\n` +
				`    sigfox-parser: ${formatValue(result.theirs)}\n` +
				`    per the grammar: ${formatValue(result.expected)} → right: ${rightOnes(result)}`,
		);
	}

	const json = {
		machine,
		loadAverage: os.loadavg(),
		command: COMMAND,
		runMs: RUN_MS,
		runs: RUNS,
		mix,
		perCase,
		results,
	};
	fs.mkdirSync(path.join(__dirname, 'results'), { recursive: true });
	fs.writeFileSync(
		path.join(__dirname, 'results', 'decode.json'),
		`${JSON.stringify(json, null, '\t')}\n`,
	);

	const section = [
		'## Payload decoding',
		'',
		`\`${COMMAND}\` on ${machine}: our compiled decoder (\`nodes/shared/payload\`) against \`sigfox-parser\` 1.2.4,`,
		`on the same ${decodable.length} configs and frames (the worked examples of [callbacks.md](docs/sigfox/callbacks.md#payload-examples) and a few`,
		`typical frames; see \`bench/decode.js\`), round-robin, median of ${RUNS} runs of ${RUN_MS} ms; load average ${os.loadavg()[0].toFixed(1)} at the end.`,
		'',
		'| Decoder | Frames/s | Ratio |',
		'|---|---:|---:|',
		`| ours, config compiled once | ${formatRate(mix.ours)} | ×${mix.ratio.toFixed(1)} |`,
		`| ours, config compiled for every frame | ${formatRate(mix.oursCompilingEachFrame)} | ×${mix.ratioCompilingEachFrame.toFixed(1)} |`,
		`| sigfox-parser (parses the config on every call) | ${formatRate(mix.theirs)} | ×1.0 |`,
		'',
		`Right per the grammar ([callbacks.md](docs/sigfox/callbacks.md#payload-grammar)): ours in ${results.filter((r) => r.oursRight).length} of ${results.length} cases,` +
			` sigfox-parser in ${results.filter((r) => r.theirsRight).length}. The cases where the answers differ:`,
		'',
		'| Case | Config on frame | Ours | sigfox-parser | Right per the grammar |',
		'|---|---|---|---|---|',
		...differences.map(
			(result) =>
				`| ${result.name} | \`${result.config}\` on \`${result.hex}\` | ${formatCell(result.ours, result.oursError)} | ${formatCell(result.theirs)} | ${rightOnes(result)} |`,
		),
		'',
		'Raw figures per case: `bench/results/decode.json` (not committed).',
	].join('\n');
	writeBenchmarksSection('bench:decode', section);
}

main();
