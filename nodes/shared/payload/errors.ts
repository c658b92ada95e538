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
