export {
	compilePayloadConfig,
	type DecodedPayload,
	type DecodedValue,
	type PayloadDecoder,
} from './decoder';
export {
	PayloadConfigError,
	PayloadDataError,
	type PayloadConfigIssue,
	type PayloadDataErrorDetails,
	type PayloadDataErrorReason,
} from './errors';
export { MAX_UPLINK_BYTES, type PayloadFieldLayout, type PayloadFieldType } from './grammar';
export { decodeForItem, decoderFor } from './cache';
export { payloadConfigProperty, TRIGGER_PAYLOAD_CONFIG } from './property';
