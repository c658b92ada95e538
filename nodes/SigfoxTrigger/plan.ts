import type { ExtraVariables, SigfoxEvent } from '../shared/callbacks/events';
import { bodyTemplate, eventKind, kindOfCallback, OWNER_HEADER } from '../shared/callbacks/events';
import type {
	CallbackAction,
	Desired,
	DesiredCallback,
	Registration,
	SigfoxCallback,
	Takeover,
} from './registration';

/**
 * The trigger's lifecycle decisions, as pure functions from what is wanted, what Sigfox lists and what
 * the trigger remembers to the changes to make. lifecycle.ts reads and applies; nothing here calls Sigfox.
 */

export function secretOf(callback: SigfoxCallback): string | undefined {
	const entry = Object.entries(callback.headers ?? {}).find(
		([name]) => name.toLowerCase() === OWNER_HEADER,
	);
	return entry ? String(entry[1]) : undefined;
}

/** A callback is the trigger's when it calls this webhook's URL with the secret header; no other is touched. */
export function isOurs(callback: SigfoxCallback, url: string): boolean {
	return callback.channel === 'URL' && callback.url === url && secretOf(callback) !== undefined;
}

export const kindOf = (callback: SigfoxCallback): SigfoxEvent | undefined =>
	kindOfCallback(callback.callbackType, callback.callbackSubtype)?.event;

const byId = (a: SigfoxCallback, b: SigfoxCallback) => a.id.localeCompare(b.id);

/** The trigger's callbacks among those listed, lowest id first. */
export const oursAmong = (listed: SigfoxCallback[], url: string): SigfoxCallback[] =>
	listed.filter((c) => isOurs(c, url)).sort(byId);

export function desiredCallback(
	event: SigfoxEvent,
	url: string,
	secret: string,
	extras: ExtraVariables[],
): DesiredCallback {
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

/** How a registered callback differs from the one wanted. */
export function drift(callback: SigfoxCallback, desired: DesiredCallback): Drift {
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

/**
 * Whether Sigfox holds exactly the wanted callbacks of this webhook (one per selected kind, enabled,
 * without drift, holding the downlink when it should) and nothing else of ours. When it does,
 * `remember` is the static data with those callbacks adopted, also after static data was lost.
 */
export function planCheck(
	desired: Desired,
	listed: SigfoxCallback[],
	remembered: Registration,
): { exists: boolean; remember?: Registration } {
	if (remembered.deviceTypeId && remembered.deviceTypeId !== desired.deviceTypeId) {
		return { exists: false };
	}
	const own = oursAmong(listed, desired.url);
	if (desired.events.length === 0) return { exists: own.length === 0 };
	const secret = remembered.secret ?? (own[0] ? secretOf(own[0]) : undefined);
	if (!secret || own.length !== desired.events.length) return { exists: false };
	const adopted: Partial<Record<SigfoxEvent, string>> = {};
	for (const event of desired.events) {
		const mine = own.filter((c) => kindOf(c) === event);
		if (mine.length !== 1 || mine[0].enabled === false) return { exists: false };
		if (drift(mine[0], desiredCallback(event, desired.url, secret, desired.extras)) !== 'none')
			return { exists: false };
		if (desired.takeOver && event === 'bidir' && !mine[0].downlinkHook) return { exists: false };
		adopted[event] = mine[0].id;
	}
	return {
		exists: true,
		remember: {
			...remembered,
			deviceTypeId: desired.deviceTypeId,
			secret,
			callbacks: { ...remembered.callbacks, ...adopted },
		},
	};
}

/**
 * First pass of a registration: removes our callbacks of kinds no longer wanted, recreates those whose
 * content type changed, creates the missing ones, updates drifted ones and enables disabled ones.
 * The secret is the remembered one, else the one our callbacks already carry, else `newSecret`.
 */
export function planRegistration(
	desired: Desired,
	listed: SigfoxCallback[],
	remembered: Registration,
	newSecret: string,
): { secret: string; actions: CallbackAction[] } {
	const own = oursAmong(listed, desired.url);
	const secret = remembered.secret ?? (own[0] ? secretOf(own[0]) : undefined) ?? newSecret;
	const actions: CallbackAction[] = [];
	for (const callback of own) {
		const event = kindOf(callback);
		if (!event || !desired.events.includes(event))
			actions.push({ action: 'delete', callbackId: callback.id });
	}
	for (const event of desired.events) {
		const body = desiredCallback(event, desired.url, secret, desired.extras);
		const keep = own.find((c) => kindOf(c) === event);
		const change = keep ? drift(keep, body) : 'recreate';
		if (!keep || change === 'recreate') {
			if (keep) actions.push({ action: 'delete', callbackId: keep.id });
			actions.push({ action: 'create', event, body });
			continue;
		}
		if (change === 'update') {
			const { url, httpMethod, headers, sendSni, bodyTemplate: template } = body;
			actions.push({
				action: 'update',
				callbackId: keep.id,
				body: { url, httpMethod, headers, sendSni, bodyTemplate: template },
			});
		}
		if (keep.enabled === false) actions.push({ action: 'enable', callbackId: keep.id });
	}
	return { secret, actions };
}

/**
 * Second pass, on a fresh listing: activations racing on the same webhook each registered their own,
 * so the lowest id of each kind is kept and the others deleted, and every kept callback is given the
 * secret of the lowest kept id. `missing` names a wanted kind Sigfox does not hold.
 */
export function planSettlement(
	desired: Desired,
	listed: SigfoxCallback[],
	secret: string,
):
	| { missing: SigfoxEvent }
	| { kept: SigfoxCallback[]; secret: string; actions: CallbackAction[] } {
	const own = oursAmong(listed, desired.url);
	const actions: CallbackAction[] = [];
	const kept: SigfoxCallback[] = [];
	for (const event of desired.events) {
		const [first, ...extra] = own.filter((c) => kindOf(c) === event);
		if (!first) return { missing: event };
		for (const duplicate of extra) actions.push({ action: 'delete', callbackId: duplicate.id });
		kept.push(first);
	}
	const agreed = kept.length > 0 ? secretOf([...kept].sort(byId)[0])! : secret;
	for (const callback of kept) {
		if (secretOf(callback) === agreed) continue;
		const { headers } = desiredCallback(kindOf(callback)!, desired.url, agreed, desired.extras);
		actions.push({ action: 'update', callbackId: callback.id, body: { headers } });
	}
	return { kept, secret: agreed, actions };
}

/**
 * Taking the device type's downlink over for our BIDIR callback: downlink mode 1 (callback) and our
 * callback selected, remembering the previous settings the first time only, so that a re-activation
 * does not remember our own.
 */
export function planTakeOver(
	downlinkMode: number | undefined,
	listed: SigfoxCallback[],
	ours: SigfoxCallback,
	remembered: Takeover | undefined,
): { takeover: Takeover; actions: CallbackAction[] } {
	const previous = listed.find((c) => c.downlinkHook && c.id !== ours.id);
	const takeover = remembered ?? {
		previousDownlinkMode: downlinkMode,
		previousDownlinkCallbackId: previous?.id,
	};
	const actions: CallbackAction[] = [];
	if (downlinkMode !== 1) actions.push({ action: 'setDownlinkMode', downlinkMode: 1 });
	if (!ours.downlinkHook) actions.push({ action: 'selectDownlink', callbackId: ours.id });
	return { takeover, actions };
}

/** Giving the downlink back as it was before the take-over; a previous callback deleted meanwhile is skipped. */
export function planRestore(takeover: Takeover | undefined): CallbackAction[] {
	if (!takeover) return [];
	const actions: CallbackAction[] = [];
	if (takeover.previousDownlinkCallbackId) {
		actions.push({
			action: 'selectDownlink',
			callbackId: takeover.previousDownlinkCallbackId,
			mayBeGone: true,
		});
	}
	if (takeover.previousDownlinkMode !== undefined && takeover.previousDownlinkMode !== 1) {
		actions.push({ action: 'setDownlinkMode', downlinkMode: takeover.previousDownlinkMode });
	}
	return actions;
}

/** The static data once this webhook's callbacks are `kept`: the other webhook's entries stay. */
export function rememberRegistration(
	remembered: Registration,
	deviceTypeId: string,
	webhookEvents: SigfoxEvent[],
	kept: SigfoxCallback[],
	secret: string,
): Registration {
	const callbacks = { ...remembered.callbacks };
	for (const event of webhookEvents) delete callbacks[event];
	for (const callback of kept) callbacks[kindOf(callback)!] = callback.id;
	return { ...remembered, deviceTypeId, secret, callbacks };
}

/**
 * Removing this webhook's callbacks: ours at its URL, and those remembered by id that still carry our
 * secret (the URL may have changed since); the downlink is given back on the bidirectional webhook. The
 * static data forgets this webhook's kinds, and everything once no kind is left.
 */
export function planRemoval(
	url: string,
	webhookEvents: SigfoxEvent[],
	restoresDownlink: boolean,
	listed: SigfoxCallback[],
	remembered: Registration,
): { actions: CallbackAction[]; remember: Registration } {
	const storedIds = new Set(
		webhookEvents.map((event) => remembered.callbacks?.[event]).filter((id): id is string => !!id),
	);
	const actions: CallbackAction[] = listed
		.filter(
			(c) =>
				isOurs(c, url) ||
				(storedIds.has(c.id) &&
					remembered.secret !== undefined &&
					secretOf(c) === remembered.secret),
		)
		.map((c) => ({ action: 'delete', callbackId: c.id }));
	let remember: Registration = { ...remembered };
	if (restoresDownlink && listed.length > 0) {
		actions.push(...planRestore(remembered.takeover));
		delete remember.takeover;
	}
	if (remember.callbacks) {
		const callbacks = { ...remember.callbacks };
		for (const event of webhookEvents) delete callbacks[event];
		remember = { ...remember, callbacks };
		if (Object.keys(callbacks).length === 0) {
			delete remember.callbacks;
			delete remember.secret;
			delete remember.deviceTypeId;
		}
	}
	return { actions, remember };
}
