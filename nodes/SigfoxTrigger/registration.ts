import type { IDataObject } from 'n8n-workflow';

import type { ExtraVariables, SigfoxEvent } from '../shared/callbacks/events';

/** The trigger's two webhooks: `bidir` answers downlinks, `default` takes every other kind. */
export type WebhookName = 'default' | 'bidir';

/** A callback as Sigfox lists it (docs/sigfox/api.md#callbacks). */
export interface SigfoxCallback {
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

/** The device type's downlink settings before a trigger took them over. */
export interface Takeover {
	previousDownlinkMode?: number;
	previousDownlinkCallbackId?: string;
}

/** What the trigger remembers between activations, in the node's static data. */
export interface Registration extends IDataObject {
	deviceTypeId?: string;
	secret?: string;
	/** Callback id per event kind. */
	callbacks?: Partial<Record<SigfoxEvent, string>>;
	takeover?: Takeover;
}

/** What one webhook of the trigger should have registered on Sigfox. */
export interface Desired {
	deviceTypeId: string;
	/** The webhook's URL, which Sigfox calls. */
	url: string;
	/** The event kinds of this webhook the user selected. */
	events: SigfoxEvent[];
	extras: ExtraVariables[];
	/** Whether this webhook takes the device type's downlink over (never for a test URL). */
	takeOver: boolean;
}

/** The callback body the trigger registers for one event kind. */
export interface DesiredCallback extends IDataObject {
	channel: 'URL';
	callbackType: number;
	callbackSubtype: number;
	url: string;
	httpMethod: 'POST';
	headers: Record<string, string>;
	sendSni: true;
	bodyTemplate: string;
	contentType: 'application/json';
}

/** One change to Sigfox, as the plan decides it and the applier sends it. */
export type CallbackAction =
	| { action: 'create'; event: SigfoxEvent; body: DesiredCallback }
	| { action: 'update'; callbackId: string; body: Partial<DesiredCallback> }
	| { action: 'enable'; callbackId: string }
	| { action: 'delete'; callbackId: string }
	| { action: 'setDownlinkMode'; downlinkMode: number }
	| { action: 'selectDownlink'; callbackId: string; mayBeGone?: true };
