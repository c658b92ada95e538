import { compilePayloadConfig, type DecodedPayload, type PayloadDecoder } from './decoder';

/** Compiled configs by their text, so that a config is parsed once for all the messages it decodes. */
const decoders = new Map<string, PayloadDecoder>();
const MAX_CACHED_DECODERS = 100;

/** The compiled decoder of a config; throws PayloadConfigError for an invalid one. */
export function decoderFor(config: string): PayloadDecoder {
	let decoder = decoders.get(config);
	if (!decoder) {
		decoder = compilePayloadConfig(config);
		if (decoders.size >= MAX_CACHED_DECODERS) decoders.delete(decoders.keys().next().value!);
		decoders.set(config, decoder);
	}
	return decoder;
}

/**
 * What a trigger adds to a message item: `decoded`, or `decodeError` saying why not. The message is
 * valid for Sigfox whatever its payload, so it is never dropped for it.
 */
export function decodeForItem(
	config: string,
	data: string,
): { decoded?: DecodedPayload; decodeError?: string } {
	try {
		return { decoded: decoderFor(config).decode(data) };
	} catch (error) {
		return { decodeError: (error as Error).message };
	}
}
