import { timingSafeEqual } from 'crypto';
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { SigfoxEvent } from '../shared/callbacks/events';
import { EVENT_KINDS, eventKind, OWNER_HEADER } from '../shared/callbacks/events';
import {
	CallbackBodyError,
	normaliseCallback,
	parseCallbackBody,
} from '../shared/callbacks/normalise';
import { downlinkAnswer } from '../shared/downlink';
import { isFormat } from '../shared/ids';
import { decodeForItem } from '../shared/payload';
import type { Registration, WebhookName } from './registration';

/** Sigfox's callback source range (docs/sigfox/callbacks.md#source-ips); it may evolve, so the option is editable. */
export const SIGFOX_SOURCE_RANGES = '185.110.96.0/22';

/** Any JSON media type, with parameters (docs/sigfox/callbacks.md#value-types): the trigger registers its callbacks as JSON. */
const JSON_MEDIA_TYPE = /^application\/([\w.+-]+\+)?json\s*(;|$)/i;

function ipv4ToNumber(address: string): number | undefined {
	const parts = address.split('.');
	if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255))
		return undefined;
	return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

/** Whether an IPv4 address (also written as IPv4-mapped IPv6) lies in one of the comma-separated CIDR ranges. */
export function inSourceRanges(address: string | undefined, ranges: string): boolean {
	const ip = ipv4ToNumber((address ?? '').replace(/^::ffff:/i, ''));
	if (ip === undefined) return false;
	return ranges
		.split(',')
		.map((r) => r.trim())
		.filter(Boolean)
		.some((range) => {
			const [base, bits = '32'] = range.split('/');
			const start = ipv4ToNumber(base);
			const prefix = Number(bits);
			if (start === undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > 32)
				return false;
			const size = 2 ** (32 - prefix);
			const network = start - (start % size);
			return ip >= network && ip < network + size;
		});
}

/** Constant-time comparison; different lengths are refused without comparing. */
function secretMatches(given: unknown, expected: string | undefined): boolean {
	if (typeof given !== 'string' || !expected) return false;
	const a = Buffer.from(given);
	const b = Buffer.from(expected);
	return a.length === b.length && timingSafeEqual(a, b);
}

function refuse(ctx: IWebhookFunctions, status: number, message: string): IWebhookResponseData {
	ctx.getResponseObject().status(status).json({ message });
	return { noWebhookResponse: true };
}

/**
 * Receives one Sigfox callback: checks where it comes from and its secret, validates and normalises
 * the body, answers Sigfox in time, and starts the workflow with one item.
 */
export async function receiveCallback(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const webhook = this.getWebhookName() as WebhookName;
	const request = this.getRequestObject();
	const options = this.getNodeParameter('options', {}) as IDataObject;

	if (
		typeof options.allowedSourceRanges === 'string' &&
		!inSourceRanges(request.ip, options.allowedSourceRanges)
	) {
		return refuse(this, 403, 'This address may not call this webhook');
	}
	const { secret } = this.getWorkflowStaticData('node') as Registration;
	if (!secretMatches(this.getHeaderData()[OWNER_HEADER], secret)) {
		return refuse(this, 401, `Missing or wrong ${OWNER_HEADER} header`);
	}

	const contentType = request.headers['content-type'];
	if (contentType !== undefined && !JSON_MEDIA_TYPE.test(contentType)) {
		// n8n parses forms too, and a form's fields would pass as text Sigfox rendered.
		return refuse(
			this,
			415,
			'The body must be application/json, as the callback registered by n8n sends it',
		);
	}
	const expected: SigfoxEvent[] = EVENT_KINDS.filter((k) => k.webhook === webhook).map(
		(k) => k.event,
	);
	let body;
	try {
		body = parseCallbackBody(this.getBodyData(), expected);
	} catch (error) {
		if (!(error instanceof CallbackBodyError))
			throw new NodeOperationError(this.getNode(), error as Error);
		return refuse(this, 400, error.message);
	}
	const item = normaliseCallback(body);
	const payloadConfig = (this.getNodeParameter('payloadConfig', '') as string).trim();
	if (payloadConfig && eventKind(body.event).hasData && typeof item.data === 'string') {
		Object.assign(item, decodeForItem(payloadConfig, item.data));
	}

	if (body.event !== 'bidir') {
		// n8n answers (webhook `default`: 204) once it has stored the execution and, in queue mode, queued it, still
		// ahead of the workflow: a process dying before that leaves Sigfox unanswered, so it is sent again rather
		// than lost (README "When a process dies").
		return { workflowData: [[{ json: item }]] };
	}

	const response = this.getResponseObject();

	const answer = this.getNodeParameter('downlinkAnswer', 'none') as string;
	if (answer === 'workflow') {
		// Downlink → Build Answer answers when it runs; without one n8n answers 204 at the end (webhook `bidir`).
		item.downlink = { mode: 'workflow' };
		return { workflowData: [[{ json: item }]] };
	}
	// Only a readable `ack` of true asks for a downlink; an unreadable one is kept as received, with a warning.
	if (answer === 'fixed' && item.ack === true) {
		const value = String(this.getNodeParameter('downlinkData', '') ?? '').trim();
		if (isFormat('downlinkData', value)) {
			// Keyed by the device ID exactly as Sigfox rendered it (docs/sigfox/callbacks.md#bidir-answer).
			const device = String((this.getBodyData() as IDataObject).device);
			response.status(200).json(downlinkAnswer(device, value));
			item.downlink = { mode: 'fixed', data: value.toLowerCase() };
			return { noWebhookResponse: true, workflowData: [[{ json: item }]] };
		}
		item.downlink = {
			mode: 'fixed',
			error: `No downlink sent: "${value}" is not 8 bytes of hexadecimal (16 characters 0-9, a-f)`,
		};
	}
	response.status(204).end();
	return { noWebhookResponse: true, workflowData: [[{ json: item }]] };
}
