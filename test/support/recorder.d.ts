export interface RecordedSend {
	operation?: string;
	method: string;
	path: string;
	errors: string[];
}

export function recordSentRequest(entry: RecordedSend): void;
