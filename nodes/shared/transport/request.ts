import type {
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import type { Endpoint } from '../endpoints';
import { endpointPath } from '../endpoints';
import { sigfoxApiError } from './errors';
import { paceAnswered, paceRequest } from './pacing';
import type { Failure } from './retry';
import { decideRetry, RETRY_POLICY, retryDelay } from './retry';

export type SigfoxContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IHookFunctions
	| IPollFunctions
	| IWebhookFunctions;

export const SIGFOX_CREDENTIAL = 'sigfoxApi';
export const DEFAULT_BASE_URL = 'https://api.sigfox.com/v2';
const REQUEST_TIMEOUT_MS = 60_000;

export interface SigfoxRequest {
	endpoint: Endpoint;
	/** The values of the endpoint's `{name}` path parameters. */
	params?: Record<string, string | number>;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[];
}

export interface SigfoxResponse<T = unknown> {
	statusCode: number;
	body: T;
	/** True when the request's outcome was unknown and `reconcile` found its result. */
	reconciled?: boolean;
}

/** A file request's error answer as JSON, when it is JSON, so that errors read as for any request. */
function errorBody(body: unknown): unknown {
	if (!Buffer.isBuffer(body)) return body;
	try {
		return JSON.parse(body.toString('utf8'));
	} catch {
		return body.toString('utf8');
	}
}

export interface RequestOptions<T> {
	itemIndex?: number;
	/** An absolute `paging.next` link to follow instead of `path` (never paced: docs/sigfox/api.md#paging). */
	nextUrl?: string;
	/** For a POST whose outcome is unknown: look at Sigfox's state and return the result it had, if any. */
	reconcile?: () => Promise<T | undefined>;
	/** The answer is a file (a KMZ): its body comes back as a Buffer. */
	binary?: true;
}

interface Connection {
	baseUrl: URL;
	documentedLimits: boolean;
	/** Separates the pacing budgets of different API users; holds no secret. */
	scope: string;
	/**
	 * The credential as n8n decrypted it, read once per execution context and handed back to n8n's
	 * request helper with each request (as n8n's own declarative nodes do), so that a list of a thousand
	 * pages does not read and decrypt it a thousand times. Never logged, never part of an output.
	 */
	credential: ICredentialsDecrypted;
}

const connections = new WeakMap<object, Promise<Connection>>();

async function readConnection(ctx: SigfoxContext): Promise<Connection> {
	const credentials = await ctx.getCredentials(SIGFOX_CREDENTIAL);
	const raw = String(credentials.baseUrl || DEFAULT_BASE_URL)
		.trim()
		.replace(/\/+$/, '');
	let baseUrl: URL;
	try {
		baseUrl = new URL(raw);
	} catch {
		throw new NodeOperationError(
			ctx.getNode(),
			'The Base URL of the Sigfox API credential is not a URL',
			{
				description: `Use the form https://api.sigfox.com/v2 (got "${raw.replace(/\/\/[^@/]*@/, '//')}").`,
			},
		);
	}
	baseUrl.username = '';
	baseUrl.password = '';
	const chosen = ctx.getNode().credentials?.[SIGFOX_CREDENTIAL];
	return {
		credential: {
			id: chosen?.id ?? '',
			name: chosen?.name ?? '',
			type: SIGFOX_CREDENTIAL,
			data: credentials,
		},
		baseUrl,
		documentedLimits: credentials.rateLimiting !== 'serverSignals',
		scope: `${String(credentials.login)}@${baseUrl.host}`,
	};
}

function connection(ctx: SigfoxContext): Promise<Connection> {
	let found = connections.get(ctx);
	if (!found) {
		found = readConnection(ctx);
		connections.set(ctx, found);
	}
	return found;
}

/** The path below the base URL of an absolute link Sigfox gave us, refusing any other host. */
function pathOfLink(ctx: SigfoxContext, conn: Connection, link: string): string {
	let url: URL;
	try {
		url = new URL(link);
	} catch {
		throw new NodeOperationError(
			ctx.getNode(),
			`Sigfox sent a paging link that is not a URL: ${link}`,
		);
	}
	const base = conn.baseUrl.pathname;
	if (url.origin !== conn.baseUrl.origin || !url.pathname.startsWith(base)) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Sigfox sent a paging link outside ${conn.baseUrl.origin}${base}; it was not followed so that the credential is not sent elsewhere`,
		);
	}
	return url.pathname.slice(base.length) || '/';
}

const NOT_SENT_CODES = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'ENETUNREACH',
	'EHOSTUNREACH',
]);

/** The network error code inside n8n's wrapped request error, if the failure was a network one. */
function networkCode(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
		const { code, cause } = current as { code?: unknown; cause?: unknown };
		if (typeof code === 'string' && /^(E[A-Z_]+|UND_ERR_[A-Z_]+)$/.test(code)) return code;
		current = cause;
	}
	return undefined;
}

function header(response: IN8nHttpFullResponse, name: string): string | undefined {
	const value = response.headers?.[name];
	return Array.isArray(value) ? String(value[0]) : value === undefined ? undefined : String(value);
}

/**
 * Every Sigfox request goes through here: authentication by n8n, pacing to the documented limits,
 * retries where they are safe, reconciliation where they are not, and errors a user can act on.
 */
export async function sigfoxRequest<T = IDataObject>(
	ctx: SigfoxContext,
	request: SigfoxRequest,
	options: RequestOptions<T> = {},
): Promise<SigfoxResponse<T>> {
	const conn = await connection(ctx);
	const { endpoint, params } = request;
	const ownPath = endpointPath(endpoint, params);
	const path = options.nextUrl ? pathOfLink(ctx, conn, options.nextUrl) : ownPath;
	const url = options.nextUrl ?? `${conn.baseUrl.href}${ownPath}`;
	const { method } = endpoint;

	const paced = conn.documentedLimits && !options.nextUrl;
	if (paced) {
		const refusal = await paceRequest(conn.scope, endpoint, params);
		if (refusal) {
			throw new NodeOperationError(ctx.getNode(), refusal, {
				itemIndex: options.itemIndex,
				description:
					'The request was not sent. Wait before running it again, or use a bulk operation for many devices.',
			});
		}
	}

	let waitedMs = 0;
	for (let attempt = 1; ; attempt++) {
		let failure: Failure;
		let body: unknown;
		try {
			const response = (await ctx.helpers.httpRequestWithAuthentication.call(
				ctx,
				SIGFOX_CREDENTIAL,
				{
					method,
					url,
					qs: options.nextUrl ? undefined : request.qs,
					// Serialised here: n8n's request helper drops object keys named `prototype`, and
					// Sigfox's device bodies have one (docs/sigfox/api.md#device-create).
					...(request.body === undefined
						? {}
						: {
								body: JSON.stringify(request.body),
								headers: { 'content-type': 'application/json' },
							}),
					...(options.binary ? { encoding: 'arraybuffer' as const, json: false } : { json: true }),
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
					timeout: REQUEST_TIMEOUT_MS,
				},
				{ credentialsDecrypted: conn.credential },
			)) as IN8nHttpFullResponse;
			if (paced) paceAnswered(conn.scope, endpoint, params);
			if (response.statusCode >= 200 && response.statusCode < 300) {
				if (options.binary) {
					return {
						statusCode: response.statusCode,
						body: Buffer.from(response.body as ArrayBuffer) as T,
					};
				}
				return { statusCode: response.statusCode, body: (response.body ?? {}) as T };
			}
			body = options.binary ? errorBody(response.body) : response.body;
			failure = {
				kind: 'status',
				statusCode: response.statusCode,
				retryAfter: header(response, 'retry-after'),
			};
		} catch (error) {
			if (paced) paceAnswered(conn.scope, endpoint, params);
			const code = networkCode(error);
			if (!code) {
				throw new NodeOperationError(ctx.getNode(), error as Error, {
					itemIndex: options.itemIndex,
				});
			}
			failure = { kind: 'network', code, sent: !NOT_SENT_CODES.has(code) };
		}

		const failed = {
			method,
			path,
			attempts: attempt,
			body,
			statusCode: failure.kind === 'status' ? failure.statusCode : undefined,
			networkCode: failure.kind === 'network' ? failure.code : undefined,
		};
		const decision = decideRetry(method, failure);
		if (decision === 'outcomeUnknown') {
			const reconciled = options.reconcile ? await options.reconcile() : undefined;
			if (reconciled !== undefined) return { statusCode: 200, body: reconciled, reconciled: true };
			throw sigfoxApiError(ctx.getNode(), { ...failed, outcomeUnknown: true }, options.itemIndex);
		}
		if (decision === 'final' || attempt >= RETRY_POLICY.maxAttempts) {
			throw sigfoxApiError(ctx.getNode(), failed, options.itemIndex);
		}
		const delay = retryDelay(attempt, failure, Date.now());
		if (waitedMs + delay > RETRY_POLICY.maxTotalWaitMs) {
			throw sigfoxApiError(ctx.getNode(), failed, options.itemIndex);
		}
		ctx.logger?.debug(
			`Sigfox ${method} ${path}: ${failure.kind === 'status' ? `HTTP ${failure.statusCode}` : failure.code}, retrying in ${delay} ms (attempt ${attempt + 1})`,
		);
		await sleep(delay);
		waitedMs += delay;
	}
}
