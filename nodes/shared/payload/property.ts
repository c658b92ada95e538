import type { INodeProperties } from 'n8n-workflow';

/**
 * The Payload Config parameter: a custom payload config in the Sigfox portal's grammar
 * (docs/sigfox/callbacks.md#payload-grammar). `description` says what it is for where it stands.
 */
export const payloadConfigProperty = (
	description: string,
	overrides: Partial<INodeProperties> = {},
): INodeProperties => ({
	displayName: 'Payload Config',
	name: 'payloadConfig',
	type: 'string',
	default: '',
	placeholder: 'e.g. temp::int:16:little-endian hum::uint:8 flag::bool:7',
	description,
	...overrides,
});

/** What the two triggers say of it: each item of a message then carries `decoded`. */
export const TRIGGER_PAYLOAD_CONFIG =
	'Optional custom payload config (the Sigfox portal grammar); each item then carries the decoded fields in "decoded"';
