import { randomBytes } from 'crypto';
import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ExtraVariables, SigfoxEvent } from '../shared/callbacks/events';
import { EVENT_KINDS } from '../shared/callbacks/events';
import { SIGFOX_CREDENTIAL } from '../shared/transport';
import { itemError } from '../shared/errors';
import { applyActions, isNotFound, listCallbacks, readDownlinkMode } from './apply';
import {
	kindOf,
	planCheck,
	planRegistration,
	planRemoval,
	planSettlement,
	planTakeOver,
	rememberRegistration,
} from './plan';
import { sigfoxCanCall } from './reachability';
import type { Desired, Registration, SigfoxCallback, WebhookName } from './registration';

/**
 * The trigger's webhook lifecycle (n8n's checkExists, create, delete): reads the node's settings, its
 * static data and Sigfox's callbacks, lets plan.ts decide, and applies the plan (apply.ts).
 */

const eventsOf = (webhook: WebhookName): SigfoxEvent[] =>
	EVENT_KINDS.filter((k) => k.webhook === webhook).map((k) => k.event);

/** n8n types webhook names as 'default' | 'setup', but looks any declared name up. */
function webhookUrl(ctx: IHookFunctions, webhook: WebhookName): string {
	return ctx.getNodeWebhookUrl(webhook as 'default')!;
}

function desiredOf(ctx: IHookFunctions, webhook: WebhookName): Desired {
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	const selected = ctx.getNodeParameter('events', []) as SigfoxEvent[];
	const events = eventsOf(webhook).filter((event) => selected.includes(event));
	return {
		deviceTypeId: ctx.getNodeParameter('deviceTypeId', undefined, { extractValue: true }) as string,
		url: webhookUrl(ctx, webhook),
		events,
		extras: (options.extraVariables as ExtraVariables[] | undefined) ?? [],
		// Test registrations ("Listen for test event") never take the downlink over.
		takeOver:
			webhook === 'bidir' &&
			options.takeOverDownlink === true &&
			events.includes('bidir') &&
			ctx.getActivationMode() !== 'manual',
	};
}

function staticData(ctx: IHookFunctions): Registration {
	return ctx.getWorkflowStaticData('node') as Registration;
}

/** Replaces the static data's content (n8n saves the object it handed out, not a new one). */
function remember(ctx: IHookFunctions, registration: Registration): void {
	const data = staticData(ctx);
	for (const key of Object.keys(data)) delete data[key];
	Object.assign(data, registration);
}

async function refuseUnreachableUrl(ctx: IHookFunctions, url: string): Promise<void> {
	const credentials = await ctx.getCredentials(SIGFOX_CREDENTIAL);
	if (sigfoxCanCall(credentials.baseUrl, url)) return;
	throw new NodeOperationError(
		ctx.getNode(),
		`Sigfox cannot call this workflow's webhook URL ${url}`,
		{
			description:
				'Sigfox only calls public HTTPS addresses with a CA-signed certificate. Set WEBHOOK_URL (or N8N_WEBHOOK_URL) to the public https address of this n8n, or put n8n behind a tunnel or reverse proxy with such a certificate, then activate again.',
		},
	);
}

/**
 * True when every event kind of this webhook has exactly one callback of ours, as it should be;
 * re-adopts them (and their secret) into static data when that was lost. Never changes Sigfox.
 */
export async function callbacksExist(ctx: IHookFunctions, webhook: WebhookName): Promise<boolean> {
	const desired = desiredOf(ctx, webhook);
	const remembered = staticData(ctx);
	if (remembered.deviceTypeId && remembered.deviceTypeId !== desired.deviceTypeId) return false;
	if (desired.events.length > 0) await refuseUnreachableUrl(ctx, desired.url);
	const listed = await listCallbacks(ctx, desired.deviceTypeId);
	const check = planCheck(desired, listed, remembered);
	if (check.remember) remember(ctx, check.remember);
	return check.exists;
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
	const desired = desiredOf(ctx, webhook);
	const { deviceTypeId } = desired;
	if (desired.events.length > 0) await refuseUnreachableUrl(ctx, desired.url);
	if (staticData(ctx).deviceTypeId && staticData(ctx).deviceTypeId !== deviceTypeId) {
		// The node was moved to another device type: leave the old one as it was.
		await removeCallbacks(ctx, webhook);
	}

	const first = planRegistration(
		desired,
		await listCallbacks(ctx, deviceTypeId),
		staticData(ctx),
		randomBytes(24).toString('hex'),
	);
	await applyActions(ctx, deviceTypeId, first.actions);

	// Another activation may have registered at the same time: settle on a fresh listing.
	const listed = await listCallbacks(ctx, deviceTypeId);
	const settled = planSettlement(desired, listed, first.secret);
	if ('missing' in settled) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Sigfox did not keep the ${settled.missing} callback just registered`,
			{
				description:
					'List the callbacks of the device type in the Sigfox portal, then activate again.',
			},
		);
	}
	await applyActions(ctx, deviceTypeId, settled.actions);

	const bidir = desired.takeOver ? settled.kept.find((c) => kindOf(c) === 'bidir') : undefined;
	if (bidir) {
		const takeOver = planTakeOver(
			await readDownlinkMode(ctx, deviceTypeId),
			listed,
			bidir,
			staticData(ctx).takeover,
		);
		// Remembered before the device type changes, so that a failure half-way can still be undone.
		remember(ctx, { ...staticData(ctx), takeover: takeOver.takeover });
		await applyActions(ctx, deviceTypeId, takeOver.actions);
	}
	remember(
		ctx,
		rememberRegistration(
			staticData(ctx),
			deviceTypeId,
			eventsOf(webhook),
			settled.kept,
			settled.secret,
		),
	);
	return true;
}

/** Removes this webhook's callbacks, and only them; gone already or never registered is fine. */
export async function removeCallbacks(ctx: IHookFunctions, webhook: WebhookName): Promise<boolean> {
	const remembered = staticData(ctx);
	// Without static data (n8n killed during activation, a failed activation cleaning up), ours are
	// still the callbacks at our URL with our header, on the device type the node names.
	const known = remembered.deviceTypeId !== undefined && remembered.secret !== undefined;
	const deviceTypeId = known
		? remembered.deviceTypeId!
		: (ctx.getNodeParameter('deviceTypeId', undefined, { extractValue: true }) as string);
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
	let listed: SigfoxCallback[];
	try {
		listed = await listCallbacks(ctx, deviceTypeId);
	} catch (error) {
		// Nothing known registered: a failed look-up must not hide why an activation failed.
		if (!known) return true;
		if (!isNotFound(error)) throw itemError(ctx.getNode(), error);
		listed = [];
	}
	const removal = planRemoval(url, eventsOf(webhook), webhook === 'bidir', listed, remembered);
	await applyActions(ctx, deviceTypeId, removal.actions);
	remember(ctx, removal.remember);
	return true;
}

/** n8n's webhook lifecycle methods of one of the trigger's webhooks. */
export function lifecycleOf(webhook: WebhookName) {
	return {
		async checkExists(this: IHookFunctions): Promise<boolean> {
			return await callbacksExist(this, webhook);
		},
		async create(this: IHookFunctions): Promise<boolean> {
			return await registerCallbacks(this, webhook);
		},
		async delete(this: IHookFunctions): Promise<boolean> {
			return await removeCallbacks(this, webhook);
		},
	};
}
