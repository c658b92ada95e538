'use strict';

const { join } = require('node:path');

/** The package's own decoder, once built (npm run build); the simulator runs without it. */
const BUILT_DECODER = join(__dirname, '..', '..', 'dist', 'nodes', 'shared', 'payload');

function loadDecoder() {
	try {
		return require(BUILT_DECODER);
	} catch (error) {
		// Not built, or half-built while `npm run build` rewrites dist/: run without it.
		if (error.code === 'MODULE_NOT_FOUND' || error.code === 'ENOENT') return undefined;
		throw error;
	}
}

let decoder = loadDecoder();

/** True when `{customData#x}` variables can be rendered; without the build they stay as written. */
const customDataAvailable = () => decoder !== undefined;

/**
 * Replaces the decoder: the in-process tests hand it the package's decoder loaded from source, so that
 * what they check does not depend on whether dist/ is built; `undefined` runs without one.
 */
function usePayloadDecoder(replacement) {
	decoder = replacement;
}

/** The payloadConfig's problem as text, or undefined when it compiles (or cannot be checked). */
function payloadConfigProblem(payloadConfig) {
	if (!decoder) return undefined;
	try {
		decoder.compilePayloadConfig(payloadConfig);
		return undefined;
	} catch (error) {
		if (error instanceof decoder.PayloadConfigError) return error.message;
		throw error;
	}
}

/**
 * `customData#<name>` variables for one frame (docs/sigfox/callbacks.md#payload-grammar). A frame too short for the
 * config renders every field as null, as Sigfox leaves the variables empty (docs/sigfox/callbacks.md#payload-examples #13).
 */
function customDataVariables(payloadConfig, data) {
	if (!decoder || !payloadConfig) return {};
	const compiled = decoder.compilePayloadConfig(payloadConfig);
	let values;
	try {
		values = compiled.decode(data);
	} catch (error) {
		if (!(error instanceof decoder.PayloadDataError)) throw error;
		values = Object.fromEntries(compiled.fields.map((field) => [field.name, null]));
	}
	return Object.fromEntries(
		Object.entries(values).map(([name, value]) => [`customData#${name}`, value]),
	);
}

module.exports = {
	customDataAvailable,
	payloadConfigProblem,
	customDataVariables,
	usePayloadDecoder,
};
