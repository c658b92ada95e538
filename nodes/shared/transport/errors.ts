import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/** One field error of a Sigfox 400 body: `{message, errors: [{type, field, message}]}` (docs/sigfox/api.md#errors). */
interface SigfoxFieldError {
	type?: string;
	field?: string;
	message?: string;
}

export interface SigfoxErrorBody {
	message?: string;
	errors?: SigfoxFieldError[];
}

export interface FailedRequest {
	method: string;
	/** Path below the base URL, never the full URL (it could carry user info). */
	path: string;
	statusCode?: number;
	body?: unknown;
	attempts: number;
	networkCode?: string;
	outcomeUnknown?: boolean;
}

function sigfoxBody(body: unknown): SigfoxErrorBody {
	if (body && typeof body === 'object' && !Array.isArray(body)) return body as SigfoxErrorBody;
	if (typeof body === 'string' && body.trim() !== '') {
		try {
			const parsed: unknown = JSON.parse(body);
			if (parsed && typeof parsed === 'object') return parsed as SigfoxErrorBody;
		} catch {
			return { message: body.trim().slice(0, 500) };
		}
		return { message: body.trim().slice(0, 500) };
	}
	return {};
}

function fieldErrors(body: SigfoxErrorBody): string[] {
	if (!Array.isArray(body.errors)) return [];
	return body.errors.map((e) => {
		const where = e.field
			? `${e.type ? `${e.type} ` : ''}field "${e.field}"`
			: (e.type ?? 'request');
		return `${where}: ${e.message ?? 'invalid'}`;
	});
}

function headline(request: FailedRequest, sigfoxMessage: string | undefined): [string, string] {
	const { statusCode, method, path } = request;
	const said = sigfoxMessage ? ` Sigfox said: "${sigfoxMessage}".` : '';
	switch (statusCode) {
		case 400:
			return [
				`Sigfox rejected the request: ${sigfoxMessage ?? 'bad request'}`,
				`Check the parameters of ${method} ${path}.`,
			];
		case 401:
			return [
				'Sigfox refused the API login or password',
				'Check the Login and Password of the Sigfox API credential against the API user in Group → API access of the Sigfox portal.',
			];
		case 403:
			return [
				'The Sigfox API user is not allowed to do this',
				`Its profile lacks the right for ${method} ${path}. Give the API user a profile with that right in Group → API access.${said}`,
			];
		case 404:
			return [
				`Sigfox found nothing at ${path}`,
				`Check the ID in the node's parameters; it may have been deleted or belong to a group this API user cannot see.${said}`,
			];
		case 405:
			return [
				`Sigfox does not allow ${method} on ${path}`,
				said.trim() || 'Choose another operation.',
			];
		case 409:
			return [
				`Sigfox reports a conflict: ${sigfoxMessage ?? 'the resource is not in a state that allows this'}`,
				'The resource already exists or is in a state that forbids this change (for example a device ID already registered).',
			];
		case 412:
			return [
				'Sigfox refused a request parameter (412 Precondition Failed)',
				`A parameter of ${method} ${path} does not meet Sigfox's conditions (for example a time window outside the message history).${said}`,
			];
		case 429:
			return [
				`Sigfox is still rate-limiting ${method} ${path} after ${request.attempts} attempts`,
				'Run the workflow less often, lower the number of items per execution, or use a bulk operation.',
			];
		default:
			if (statusCode !== undefined && statusCode >= 500) {
				return [
					`Sigfox failed with HTTP ${statusCode} on ${method} ${path} after ${request.attempts} attempt${request.attempts > 1 ? 's' : ''}`,
					`Sigfox's service had a problem; try again later.${said}`,
				];
			}
			return [
				`Sigfox answered HTTP ${statusCode ?? '?'} to ${method} ${path}`,
				said.trim() || 'Unexpected answer from Sigfox.',
			];
	}
}

/** The one place a failed Sigfox request becomes a NodeApiError; it never carries credentials. */
export function sigfoxApiError(
	node: INode,
	request: FailedRequest,
	itemIndex?: number,
): NodeApiError {
	if (request.statusCode === undefined) {
		const message = request.outcomeUnknown
			? `The connection to Sigfox dropped during ${request.method} ${request.path}; the outcome is unknown`
			: `Could not reach Sigfox for ${request.method} ${request.path} (${request.networkCode ?? 'network error'}) after ${request.attempts} attempt${request.attempts > 1 ? 's' : ''}`;
		const description = request.outcomeUnknown
			? 'The request may have taken effect at Sigfox. It was not sent again, so that nothing is done twice: check the state in Sigfox before retrying.'
			: 'Check the Base URL of the Sigfox API credential and the network between n8n and Sigfox.';
		return new NodeApiError(
			node,
			{
				message,
				networkCode: request.networkCode ?? null,
				outcomeUnknown: !!request.outcomeUnknown,
			},
			{ message, description, itemIndex },
		);
	}
	const body = sigfoxBody(request.body);
	const [message, hint] = headline(request, body.message);
	const details = fieldErrors(body);
	const description = details.length > 0 ? `${details.join('\n')}\n${hint}` : hint;
	const response: JsonObject = {
		message: body.message ?? null,
		errors: (body.errors ?? []) as unknown as JsonObject[],
		httpCode: String(request.statusCode),
		outcomeUnknown: !!request.outcomeUnknown,
	};
	return new NodeApiError(node, response, {
		message: request.outcomeUnknown
			? `${message}; the outcome is unknown and the request was not sent again`
			: message,
		description,
		httpCode: String(request.statusCode),
		itemIndex,
	});
}
