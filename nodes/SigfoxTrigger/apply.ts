import type { IHookFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { ENDPOINTS } from '../shared/endpoints';
import { itemError } from '../shared/errors';
import { sigfoxRequest } from '../shared/transport';
import { isOurs, kindOf } from './plan';
import type { CallbackAction, SigfoxCallback } from './registration';

export function isNotFound(error: unknown): boolean {
	return error instanceof NodeApiError && error.httpCode === '404';
}

/** The callbacks Sigfox holds for a device type (one unpaged list: docs/sigfox/api.md#callback-endpoints). */
export async function listCallbacks(
	ctx: IHookFunctions,
	deviceTypeId: string,
): Promise<SigfoxCallback[]> {
	const { body } = await sigfoxRequest<{ data?: SigfoxCallback[] }>(ctx, {
		endpoint: ENDPOINTS.listCallbacks,
		params: { id: deviceTypeId },
	});
	return body.data ?? [];
}

export async function readDownlinkMode(
	ctx: IHookFunctions,
	deviceTypeId: string,
): Promise<number | undefined> {
	const { body } = await sigfoxRequest<{ downlinkMode?: number }>(ctx, {
		endpoint: ENDPOINTS.getDeviceType,
		params: { id: deviceTypeId },
	});
	return body.downlinkMode;
}

async function send(ctx: IHookFunctions, id: string, step: CallbackAction): Promise<void> {
	switch (step.action) {
		case 'create':
			await sigfoxRequest(
				ctx,
				{ endpoint: ENDPOINTS.createCallback, params: { id }, body: step.body },
				{
					// A POST of unknown outcome: look for it rather than create a second one.
					reconcile: async () =>
						(await listCallbacks(ctx, id)).find(
							(c) => isOurs(c, step.body.url) && kindOf(c) === step.event,
						),
				},
			);
			return;
		case 'update':
			await sigfoxRequest(ctx, {
				endpoint: ENDPOINTS.updateCallback,
				params: { id, callbackId: step.callbackId },
				body: step.body,
			});
			return;
		case 'enable':
			await sigfoxRequest(ctx, {
				endpoint: ENDPOINTS.enableCallback,
				params: { id, callbackId: step.callbackId },
				qs: { enabled: true },
			});
			return;
		case 'delete':
			await sigfoxRequest(ctx, {
				endpoint: ENDPOINTS.deleteCallback,
				params: { id, callbackId: step.callbackId },
			});
			return;
		case 'setDownlinkMode':
			await sigfoxRequest(ctx, {
				endpoint: ENDPOINTS.updateDeviceType,
				params: { id },
				body: { downlinkMode: step.downlinkMode },
			});
			return;
		case 'selectDownlink':
			await sigfoxRequest(ctx, {
				endpoint: ENDPOINTS.selectDownlinkCallback,
				params: { id, callbackId: step.callbackId },
			});
			return;
	}
}

/**
 * Sends a plan's changes to the device type, in order. A callback already deleted counts as deleted,
 * and a previous downlink callback deleted meanwhile leaves nothing to give back.
 */
export async function applyActions(
	ctx: IHookFunctions,
	deviceTypeId: string,
	actions: CallbackAction[],
): Promise<void> {
	for (const step of actions) {
		try {
			await send(ctx, deviceTypeId, step);
		} catch (error) {
			const gone = step.action === 'delete' || (step.action === 'selectDownlink' && step.mayBeGone);
			if (!(gone && isNotFound(error))) throw itemError(ctx.getNode(), error);
		}
	}
}
