export interface RelayedRequest {
	method: string;
	path: string;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
	rawBody: Buffer;
	ip: string | undefined;
}

export interface RelayAnswer {
	status: number;
	headers?: Record<string, string>;
	body?: unknown;
}

export interface WebhookRelay {
	origin: string;
	close(): Promise<void>;
}

export function startWebhookRelay(handler: (request: RelayedRequest) => Promise<RelayAnswer>): Promise<WebhookRelay>;
