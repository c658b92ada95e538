/** One problem in a payload config; a config error carries all of them at once. */
export interface PayloadConfigIssue {
	/** 1-based position of the field in the config. */
	position: number;
	/** The field's name, or its whole text when no name could be read. */
	field: string;
	/** The field's text as written, e.g. `temp::int:99`. */
	definition: string;
	/** What is wrong and how to write it instead. */
	message: string;
}

/** The payload config does not follow Sigfox's grammar (docs/sigfox/callbacks.md#payload-syntax). */
export class PayloadConfigError extends Error {
	readonly issues: PayloadConfigIssue[];

	constructor(issues: PayloadConfigIssue[]) {
		const count = issues.length === 1 ? '1 error' : `${issues.length} errors`;
		const lines = issues.map(
			(issue) => `field ${issue.position} "${issue.definition}": ${issue.message}`,
		);
		super(`Payload config has ${count}:\n${lines.join('\n')}`);
		this.name = 'PayloadConfigError';
		this.issues = issues;
	}
}

export type PayloadDataErrorReason =
	| 'not-a-string'
	| 'not-hex'
	| 'odd-length'
	| 'too-long'
	| 'too-short';

export interface PayloadDataErrorDetails {
	reason: PayloadDataErrorReason;
	/** Bytes in the data (0 when it is not a string). */
	bytesAvailable: number;
	/** too-short: the first field that lies beyond the data. */
	field?: string;
	/** too-short: that field's 1-based position in the config. */
	position?: number;
	/** too-short: bytes that field needs the data to have. */
	bytesNeeded?: number;
}

/** The data cannot be decoded with a (valid) payload config. */
export class PayloadDataError extends Error {
	readonly reason: PayloadDataErrorReason;
	readonly bytesAvailable: number;
	readonly field?: string;
	readonly position?: number;
	readonly bytesNeeded?: number;

	constructor(message: string, details: PayloadDataErrorDetails) {
		super(message);
		this.name = 'PayloadDataError';
		this.reason = details.reason;
		this.bytesAvailable = details.bytesAvailable;
		if (details.field !== undefined) this.field = details.field;
		if (details.position !== undefined) this.position = details.position;
		if (details.bytesNeeded !== undefined) this.bytesNeeded = details.bytesNeeded;
	}
}

export function notAString(hex: unknown): PayloadDataError {
	return new PayloadDataError(
		`Payload data must be a string of hex digits, got ${hex === null ? 'null' : typeof hex}`,
		{ reason: 'not-a-string', bytesAvailable: 0 },
	);
}

export function notHex(hex: string): PayloadDataError {
	let at = 0;
	while (at < hex.length && /[0-9A-Fa-f]/.test(hex[at])) at++;
	return new PayloadDataError(
		`Payload data must be hex digits only: character "${hex[at]}" at position ${at + 1} of "${shorten(hex)}" is not one.` +
			' Pass the frame data as it comes from Sigfox, e.g. "0a1b2c", without "0x" or spaces.',
		{ reason: 'not-hex', bytesAvailable: hex.length >> 1 },
	);
}

/** Called for odd or too long data; reports a non-hex character first, since it usually explains the length. */
export function badLength(hex: string, maxBytes: number): PayloadDataError {
	if (!/^[0-9A-Fa-f]*$/.test(hex)) return notHex(hex);
	if ((hex.length & 1) !== 0) {
		return new PayloadDataError(
			`Payload data "${shorten(hex)}" has an odd number of hex digits (${hex.length}); every byte is two digits.` +
				' A device that formats bytes without leading zeros produces this: check its firmware.',
			{ reason: 'odd-length', bytesAvailable: hex.length >> 1 },
		);
	}
	return new PayloadDataError(
		`Payload data has ${hex.length >> 1} bytes, but a Sigfox uplink carries at most ${maxBytes} bytes (${maxBytes * 2} hex digits).`,
		{ reason: 'too-long', bytesAvailable: hex.length >> 1 },
	);
}

function shorten(hex: string): string {
	return hex.length > 40 ? `${hex.slice(0, 40)}…` : hex;
}
