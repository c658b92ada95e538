/**
 * The formats of Sigfox identifiers and hexadecimal values, written once (docs/sigfox/api.md#ids):
 * every check, locator and error message of the package takes them from here.
 */
export const ID_FORMATS = {
	/** A device ID: 1 to 8 hexadecimal characters. */
	deviceId: {
		source: '^[0-9a-fA-F]{1,8}$',
		rule: 'a Sigfox device ID is 1 to 8 hexadecimal characters, e.g. 007B480F',
	},
	/** Any other Sigfox object (device type, group, callback, job, profile…): 24 hexadecimal characters. */
	objectId: {
		source: '^[0-9a-fA-F]{24}$',
		rule: 'a Sigfox ID is 24 hexadecimal characters, e.g. 57309548171c857460043085',
	},
	/** A comma-separated list of object IDs. */
	objectIds: {
		source: '^[0-9a-fA-F]{24}(\\s*,\\s*[0-9a-fA-F]{24})*$',
		rule: 'give Sigfox IDs of 24 hexadecimal characters, separated by commas',
	},
	/** A device's PAC: 16 hexadecimal characters. */
	pac: {
		source: '^[0-9a-fA-F]{16}$',
		rule: 'a PAC is the 16 hexadecimal characters delivered with the device, e.g. 585CB3B42AC98BD4',
	},
	/** A downlink: exactly 8 bytes (docs/sigfox/callbacks.md#bidir-answer). */
	downlinkData: {
		source: '^[0-9a-fA-F]{16}$',
		rule: 'a Sigfox downlink is exactly 8 bytes: 16 characters 0-9, a-f, e.g. 0102030405060708',
	},
	/** A message's data: 0 to 12 bytes. */
	payload: {
		source: '^(?:[0-9a-fA-F]{2}){0,12}$',
		rule: 'the data of a Sigfox message is 0 to 12 bytes of hexadecimal (an even number of 0-9, a-f)',
	},
} as const;

export type HexFormat = keyof typeof ID_FORMATS;

const PATTERNS = Object.fromEntries(
	Object.entries(ID_FORMATS).map(([name, format]) => [name, new RegExp(format.source)]),
) as Record<HexFormat, RegExp>;

/** Whether `value` is text in the given format. */
export function isFormat(format: HexFormat, value: unknown): value is string {
	return typeof value === 'string' && PATTERNS[format].test(value);
}
