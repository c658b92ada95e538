export interface ScriptedAnswer {
	status?: number;
	headers?: Record<string, string>;
	json?: unknown;
	text?: string;
	/** Destroy the connection without answering. */
	drop?: boolean;
}

export interface RecordedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
	time: number;
}

export type ScriptStep =
	| ScriptedAnswer
	| ((request: { path: string; query: URLSearchParams; body: unknown }) => ScriptedAnswer);

export interface ScriptedServer {
	origin: string;
	baseUrl: string;
	requests: RecordedRequest[];
	script(route: string, responses: ScriptStep[]): void;
	reset(): void;
	requestsTo(route: string): RecordedRequest[];
	close(): Promise<void>;
}

export function startScriptedServer(options?: { basePath?: string }): Promise<ScriptedServer>;

/**
 * A scripted server for the tests of the enclosing describe: listening before them (`origin` and
 * `baseUrl` are set then), its scripts and requests cleared before each, closed after them.
 */
export function useScriptedServer(options?: { basePath?: string }): ScriptedServer;
