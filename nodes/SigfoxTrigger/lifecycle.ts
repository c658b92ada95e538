import { randomBytes } from 'crypto';
import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { ExtraVariables, SigfoxEvent } from '../shared/callbacks/events';
import {
	bodyTemplate,
	EVENT_KINDS,
	eventKind,
	kindOfCallback,
	OWNER_HEADER,
} from '../shared/callbacks/events';

export { OWNER_HEADER };
import { ENDPOINTS } from '../shared/endpoints';
import { itemError } from '../shared/errors';
import { sigfoxRequest, SIGFOX_CREDENTIAL } from '../shared/transport';

export type WebhookName = 'default' | 'bidir';

/** A callback as Sigfox lists it (docs/sigfox/api.md#callbacks). */
interface SigfoxCallback {
	id: string;
	channel?: string;
	callbackType?: number;
	callbackSubtype?: number;
	url?: string;
	httpMethod?: string;
	headers?: Record<string, string> | null;
	sendSni?: boolean;
	bodyTemplate?: string;
	contentType?: string;
	enabled?: boolean;
	downlinkHook?: boolean;
}

/** What the trigger remembers between activations, in the node's static data. */
export interface Registration extends IDataObject {
	deviceTypeId?: string;
	secret?: string;
	/** Callback id per event kind. */
	callbacks?: Partial<Record<SigfoxEvent, string>>;
	/** The device type's downlink settings before this trigger took them over. */
	takeover?: { previousDownlinkMode?: number; previousDownlinkCallbackId?: string };
}

interface Settings {
	deviceTypeId: string;
	events: SigfoxEvent[];
	extras: ExtraVariables[];
	takeOverDownlink: boolean;
}

function settings(ctx: IHookFunctions): Settings {
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	return {
		deviceTypeId: ctx.getNodeParameter('deviceTypeId', undefined, { extractValue: true }) as string,
		events: ctx.getNodeParameter('events', []) as SigfoxEvent[],
		extras: (options.extraVariables as ExtraVariables[] | undefined) ?? [],
		takeOverDownlink: options.takeOverDownlink === true,
	};
}

/** n8n types webhook names as 'default' | 'setup', but looks any declared name up. */
function webhookUrl(ctx: IHookFunctions, webhook: WebhookName): string {
	return ctx.getNodeWebhookUrl(webhook as 'default')!;
}

function registration(ctx: IHookFunctions): Registration {
	return ctx.getWorkflowStaticData('node') as Registration;
}

const eventsOf = (webhook: WebhookName) => EVENT_KINDS.filter((k) => k.webhook === webhook);

function secretOf(callback: SigfoxCallback): string | undefined {
	const entry = Object.entries(callback.headers ?? {}).find(
		([name]) => name.toLowerCase() === OWNER_HEADER,
	);
	return entry ? String(entry[1]) : undefined;
}

function isOurs(callback: SigfoxCallback, url: string): boolean {
	return callback.channel === 'URL' && callback.url === url && secretOf(callback) !== undefined;
}

function desiredCallback(
	event: SigfoxEvent,
	url: string,
	secret: string,
	extras: ExtraVariables[],
) {
	const kind = eventKind(event);
	return {
		channel: 'URL',
		callbackType: kind.callbackType,
		callbackSubtype: kind.callbackSubtype,
		url,
		httpMethod: 'POST',
		headers: { [OWNER_HEADER]: secret },
		sendSni: true,
		bodyTemplate: bodyTemplate(event, extras),
		contentType: 'application/json',
	};
}

type Drift = 'none' | 'update' | 'recreate';

function drift(callback: SigfoxCallback, desired: ReturnType<typeof desiredCallback>): Drift {
	// The update schema has no contentType (docs/sigfox/api.md#callback-update-schema): a changed one needs a new callback.
	if (callback.contentType !== undefined && callback.contentType !== desired.contentType)
		return 'recreate';
	const same =
		callback.httpMethod === desired.httpMethod &&
		callback.bodyTemplate === desired.bodyTemplate &&
		callback.sendSni === desired.sendSni &&
		secretOf(callback) === desired.headers[OWNER_HEADER] &&
		Object.keys(callback.headers ?? {}).length === 1;
	return same ? 'none' : 'update';
}

const byId = (a: SigfoxCallback, b: SigfoxCallback) => a.id.localeCompare(b.id);

async function listCallbacks(ctx: IHookFunctions, deviceTypeId: string): Promise<SigfoxCallback[]> {
	const { body } = await sigfoxRequest<{ data?: SigfoxCallback[] }>(ctx, {
		endpoint: ENDPOINTS.listCallbacks,
		params: { id: deviceTypeId },
	});
	return body.data ?? [];
}

function isNotFound(error: unknown): boolean {
	return error instanceof NodeApiError && error.httpCode === '404';
}

/** Deletes one of our callbacks; one already gone counts as deleted. */
async function deleteCallback(
	ctx: IHookFunctions,
	deviceTypeId: string,
	id: string,
): Promise<void> {
	try {
		await sigfoxRequest(ctx, {
			endpoint: ENDPOINTS.deleteCallback,
			params: { id: deviceTypeId, callbackId: id },
		});
	} catch (error) {
		if (!isNotFound(error)) throw itemError(ctx.getNode(), error);
	}
}

const PRIVATE_HOST =
	/^(localhost|.*\.localhost|.*\.local|.*\.internal|127\.\d+\.\d+\.\d+|10\.\d+\.\d+\.\d+|192\.168\.\d+\.\d+|172\.(1[6-9]|2\d|3[01])\.\d+\.\d+|169\.254\.\d+\.\d+|0\.0\.0\.0|\[::1?\]|\[f[cd][0-9a-f:]*\])$/i;

/** Sigfox calls only public HTTPS URLs with CA-signed certificates (docs/sigfox/callbacks.md#security). */
async function refuseUnreachableUrl(ctx: IHookFunctions, url: string): Promise<void> {
	const credentials = await ctx.getCredentials(SIGFOX_CREDENTIAL);
	let apiHost = '';
	try {
		apiHost = new URL(String(credentials.baseUrl)).hostname;
	} catch {
		return;
	}
	// Only the real Sigfox Cloud has this requirement; a simulator is reached over plain http.
	if (!/(^|\.)sigfox\.com$/i.test(apiHost)) return;
	const webhook = new URL(url);
	if (webhook.protocol === 'https:' && !PRIVATE_HOST.test(webhook.hostname)) return;
	throw new NodeOperationError(
		ctx.getNode(),
		`Sigfox cannot call this workflow's webhook URL ${url}`,
		{
			description:
				'Sigfox only calls public HTTPS addresses with a CA-signed certificate. Set WEBHOOK_URL (or N8N_WEBHOOK_URL) to the public https address of this n8n, or put n8n behind a tunnel or reverse proxy with such a certificate, then activate again.',
		},
	);
}

/** Sets the device type's downlink to this trigger's BIDIR callback, remembering what it was. */
async function takeOverDownlink(
	ctx: IHookFunctions,
	deviceTypeId: string,
	state: Registration,
	all: SigfoxCallback[],
	ours: SigfoxCallback,
): Promise<void> {
	const params = { id: deviceTypeId };
	const { body: deviceType } = await sigfoxRequest<{ downlinkMode?: number }>(ctx, {
		endpoint: ENDPOINTS.getDeviceType,
		params,
	});
	if (!state.takeover) {
		const previous = all.find((c) => c.downlinkHook && c.id !== ours.id);
		state.takeover = {
			previousDownlinkMode: deviceType.downlinkMode,
			previousDownlinkCallbackId: previous?.id,
		};
	}
	if (deviceType.downlinkMode !== 1) {
		await sigfoxRequest(ctx, {
			endpoint: ENDPOINTS.updateDeviceType,
			params,
			body: { downlinkMode: 1 },
		});
	}
	if (!ours.downlinkHook) {
		await sigfoxRequest(ctx, {
			endpoint: ENDPOINTS.selectDownlinkCallback,
			params: { id: deviceTypeId, callbackId: ours.id },
		});
	}
}

async function restoreDownlink(
	ctx: IHookFunctions,
	deviceTypeId: string,
	state: Registration,
): Promise<void> {
	const takeover = state.takeover;
	if (!takeover) return;
	const previousId = takeover.previousDownlinkCallbackId;
	if (previousId) {
		try {
			await sigfoxRequest(ctx, {
				endpoint: ENDPOINTS.selectDownlinkCallback,
				params: { id: deviceTypeId, callbackId: previousId },
			});
		} catch (error) {
			// The previous downlink callback was deleted meanwhile: nothing to give back.
			if (!isNotFound(error)) throw itemError(ctx.getNode(), error);
		}
	}
	if (takeover.previousDownlinkMode !== undefined && takeover.previousDownlinkMode !== 1) {
		await sigfoxRequest(ctx, {
			endpoint: ENDPOINTS.updateDeviceType,
			params: { id: deviceTypeId },
			body: { downlinkMode: takeover.previousDownlinkMode },
		});
	}
	delete state.takeover;
}

function takesOver(ctx: IHookFunctions, webhook: WebhookName, wanted: Settings): boolean {
	// Test registrations ("Listen for test event") never take the downlink over.
	return (
		webhook === 'bidir' &&
		wanted.takeOverDownlink &&
		wanted.events.includes('bidir') &&
		ctx.getActivationMode() !== 'manual'
	);
}

/**
 * True when every event kind of this webhook has exactly one callback of ours, as it should be;
 * re-adopts them (and their secret) into static data when that was lost. Never changes Sigfox.
 */
export async function callbacksExist(ctx: IHookFunctions, webhook: WebhookName): Promise<boolean> {
	const wanted = settings(ctx);
	const state = registration(ctx);
	if (state.deviceTypeId && state.deviceTypeId !== wanted.deviceTypeId) return false;
	const url = webhookUrl(ctx, webhook);
	const events = eventsOf(webhook).filter((k) => wanted.events.includes(k.event));
	if (events.length > 0) await refuseUnreachableUrl(ctx, url);
	const own = (await listCallbacks(ctx, wanted.deviceTypeId))
		.filter((c) => isOurs(c, url))
		.sort(byId);
	if (events.length === 0) return own.length === 0;
	const secret = state.secret ?? (own[0] ? secretOf(own[0]) : undefined);
	if (!secret) return false;

	const adopted: Partial<Record<SigfoxEvent, string>> = {};
	for (const kind of events) {
		const mine = own.filter(
			(c) => kindOfCallback(c.callbackType, c.callbackSubtype)?.event === kind.event,
		);
		if (mine.length !== 1 || mine[0].enabled === false) return false;
		if (drift(mine[0], desiredCallback(kind.event, url, secret, wanted.extras)) !== 'none')
			return false;
		if (takesOver(ctx, webhook, wanted) && !mine[0].downlinkHook) return false;
		adopted[kind.event] = mine[0].id;
	}
	if (own.length !== events.length) return false;

	state.deviceTypeId = wanted.deviceTypeId;
	state.secret = secret;
	state.callbacks = { ...state.callbacks, ...adopted };
	return true;
}

/**
 * Makes Sigfox hold exactly one callback of ours per event kind of this webhook: repairs or adopts
 * what exists, creates what is missing, removes what is no longer wanted, and resolves concurrent
 * activations by keeping the lowest id. Foreign callbacks are never touched.
 */
export async function registerCallbacks(
	ctx: IHookFunctions,
	webhook: WebhookName,
): Promise<boolean> {
	const wanted = settings(ctx);
	const state = registration(ctx);
	const url = webhookUrl(ctx, webhook);
	const events = eventsOf(webhook).filter((k) => wanted.events.includes(k.event));
	if (events.length > 0) await refuseUnreachableUrl(ctx, url);

	if (state.deviceTypeId && state.deviceTypeId !== wanted.deviceTypeId) {
		// The node was moved to another device type: leave the old one as it was.
		await removeCallbacks(ctx, webhook);
	}
	const { deviceTypeId, extras } = wanted;
	let all = await listCallbacks(ctx, deviceTypeId);
	let own = all.filter((c) => isOurs(c, url)).sort(byId);
	const secret =
		state.secret ?? (own[0] ? secretOf(own[0]) : undefined) ?? randomBytes(24).toString('hex');
	const kindOf = (c: SigfoxCallback) => kindOfCallback(c.callbackType, c.callbackSubtype)?.event;

	for (const callback of own) {
		const event = kindOf(callback);
		if (!event || !events.some((k) => k.event === event))
			await deleteCallback(ctx, deviceTypeId, callback.id);
	}
	for (const { event } of events) {
		const desired = desiredCallback(event, url, secret, extras);
		let keep: SigfoxCallback | undefined = own.find((c) => kindOf(c) === event);
		const change = keep ? drift(keep, desired) : 'recreate';
		if (keep && change === 'recreate') {
			await deleteCallback(ctx, deviceTypeId, keep.id);
			keep = undefined;
		}
		if (!keep) {
			await sigfoxRequest(
				ctx,
				{ endpoint: ENDPOINTS.createCallback, params: { id: deviceTypeId }, body: desired },
				{
					// A POST of unknown outcome: look for it rather than create a second one.
					reconcile: async () =>
						(await listCallbacks(ctx, deviceTypeId)).find(
							(c) => isOurs(c, url) && kindOf(c) === event,
						),
				},
			);
			continue;
		}
		if (change === 'update') {
			const { url: u, httpMethod, headers, sendSni, bodyTemplate: template } = desired;
			await sigfoxRequest(ctx, {
				endpoint: ENDPOINTS.updateCallback,
				params: { id: deviceTypeId, callbackId: keep.id },
				body: { url: u, httpMethod, headers, sendSni, bodyTemplate: template },
			});
		}
		if (keep.enabled === false) {
			await sigfoxRequest(ctx, {
				endpoint: ENDPOINTS.enableCallback,
				params: { id: deviceTypeId, callbackId: keep.id },
				qs: { enabled: true },
			});
		}
	}

	// Another activation may have registered at the same time: keep the lowest id of each kind.
	all = await listCallbacks(ctx, deviceTypeId);
	own = all.filter((c) => isOurs(c, url)).sort(byId);
	const kept: SigfoxCallback[] = [];
	for (const { event } of events) {
		const [first, ...extra] = own.filter((c) => kindOf(c) === event);
		if (!first) {
			throw new NodeOperationError(
				ctx.getNode(),
				`Sigfox did not keep the ${event} callback just registered`,
				{
					description:
						'List the callbacks of the device type in the Sigfox portal, then activate again.',
				},
			);
		}
		for (const duplicate of extra) await deleteCallback(ctx, deviceTypeId, duplicate.id);
		kept.push(first);
	}
	const agreed = kept.length > 0 ? secretOf([...kept].sort(byId)[0])! : secret;
	for (const callback of kept) {
		if (secretOf(callback) === agreed) continue;
		const desired = desiredCallback(kindOf(callback)!, url, agreed, extras);
		await sigfoxRequest(ctx, {
			endpoint: ENDPOINTS.updateCallback,
			params: { id: deviceTypeId, callbackId: callback.id },
			body: { headers: desired.headers },
		});
	}

	const bidir = kept.find((c) => kindOf(c) === 'bidir');
	if (bidir && takesOver(ctx, webhook, wanted))
		await takeOverDownlink(ctx, deviceTypeId, state, all, bidir);

	state.deviceTypeId = deviceTypeId;
	state.secret = agreed;
	const callbacks = { ...state.callbacks };
	for (const kind of eventsOf(webhook)) delete callbacks[kind.event];
	for (const callback of kept) callbacks[kindOf(callback)!] = callback.id;
	state.callbacks = callbacks;
	return true;
}

/** Removes this webhook's callbacks, and only them; gone already or never registered is fine. */
export async function removeCallbacks(ctx: IHookFunctions, webhook: WebhookName): Promise<boolean> {
	const state = registration(ctx);
	// Without static data (n8n killed during activation, a failed activation cleaning up), ours are
	// still the callbacks at our URL with our header, on the device type the node names.
	const known = state.deviceTypeId !== undefined && state.secret !== undefined;
	const deviceTypeId = known ? state.deviceTypeId! : settings(ctx).deviceTypeId;
	if (!deviceTypeId) return true;
	const url = webhookUrl(ctx, webhook);
	if (!known) {
		// Never registered at a URL Sigfox cannot call (the activation refused it).
		const refused = await refuseUnreachableUrl(ctx, url).then(
			() => false,
			() => true,
		);
		if (refused) return true;
	}
	const storedIds = new Set(
		eventsOf(webhook)
			.map((k) => state.callbacks?.[k.event])
			.filter((id): id is string => !!id),
	);
	let all: SigfoxCallback[];
	try {
		all = await listCallbacks(ctx, deviceTypeId);
	} catch (error) {
		// Nothing known registered: a failed look-up must not hide why an activation failed.
		if (!known) return true;
		if (!isNotFound(error)) throw itemError(ctx.getNode(), error);
		all = [];
	}
	const ours = all.filter(
		(c) =>
			isOurs(c, url) ||
			// Ours by id even if the webhook URL changed since, as long as it carries our secret.
			(storedIds.has(c.id) && state.secret !== undefined && secretOf(c) === state.secret),
	);
	for (const callback of ours) await deleteCallback(ctx, deviceTypeId, callback.id);
	if (webhook === 'bidir' && all.length > 0) await restoreDownlink(ctx, deviceTypeId, state);

	if (state.callbacks) {
		for (const kind of eventsOf(webhook)) delete state.callbacks[kind.event];
		if (Object.keys(state.callbacks).length === 0) {
			delete state.callbacks;
			delete state.secret;
			delete state.deviceTypeId;
		}
	}
	return true;
}
