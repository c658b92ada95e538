/**
 * The header that carries a trigger registration's secret: a callback is the trigger's when it has it
 * and the trigger's URL, and the action node masks its value wherever it outputs callbacks.
 */
export const OWNER_HEADER = 'x-n8n-sigfox-secret';

/** The callback kinds the trigger registers (docs/sigfox/callbacks.md#kinds). */
export type SigfoxEvent = 'uplink' | 'bidir' | 'dataAdvanced' | 'acknowledge' | 'error';

/** Contract-dependent variables, added to the body template only when the user says the contract has them. */
export type ExtraVariables = 'networkMetadata' | 'computedLocation';

export interface EventKind {
	event: SigfoxEvent;
	callbackType: number;
	callbackSubtype: number;
	/** The trigger's webhook that receives this kind. */
	webhook: 'default' | 'bidir';
	/** Whether the payload config applies (the message carries `data`). */
	hasData: boolean;
}

export const EVENT_KINDS: EventKind[] = [
	{ event: 'uplink', callbackType: 0, callbackSubtype: 2, webhook: 'default', hasData: true },
	{ event: 'bidir', callbackType: 0, callbackSubtype: 3, webhook: 'bidir', hasData: true },
	{ event: 'dataAdvanced', callbackType: 1, callbackSubtype: 6, webhook: 'default', hasData: true },
	{ event: 'acknowledge', callbackType: 1, callbackSubtype: 4, webhook: 'default', hasData: false },
	// The spec lists no subtype for ERROR though the field is required; 7 is what the one public
	// integration that registers ERROR callbacks through the API sends (docs/sigfox/callbacks.md#error-callbacks).
	{ event: 'error', callbackType: 2, callbackSubtype: 7, webhook: 'default', hasData: false },
];

export function eventKind(event: SigfoxEvent): EventKind {
	return EVENT_KINDS.find((k) => k.event === event)!;
}

export function kindOfCallback(
	callbackType: unknown,
	callbackSubtype: unknown,
): EventKind | undefined {
	return EVENT_KINDS.find(
		(k) =>
			k.callbackType === callbackType &&
			// ERROR has no meaningful subtype: recognise it by its type alone.
			(k.callbackType === 2 || k.callbackSubtype === callbackSubtype),
	);
}

/**
 * The JSON body Sigfox renders for one kind. Sigfox substitutes text: variables that may render empty
 * (seqNumber for V0 devices, contract-dependent metadata) are quoted and coerced on receipt; raw JSON
 * variables (duplicates, computedLocation) must stay unquoted (docs/sigfox/callbacks.md#templates).
 */
export function bodyTemplate(event: SigfoxEvent, extras: ExtraVariables[]): string {
	const metadata = extras.includes('networkMetadata');
	const parts: string[] = [`"event":"${event}"`, '"device":"{device}"', '"time":{time}'];
	switch (event) {
		case 'uplink':
		case 'bidir':
			parts.push('"deviceTypeId":"{deviceTypeId}"', '"data":"{data}"', '"seqNumber":"{seqNumber}"');
			if (event === 'bidir') parts.push('"ack":{ack}', '"longPolling":{longPolling}');
			if (metadata) parts.push('"rssi":"{rssi}"', '"station":"{station}"', '"snr":"{snr}"');
			break;
		case 'dataAdvanced':
			parts.push(
				'"data":"{data}"',
				'"seqNumber":"{seqNumber}"',
				'"lqi":"{lqi}"',
				'"linkQuality":"{linkQuality}"',
				'"operatorName":"{operatorName}"',
				'"countryCode":"{countryCode}"',
				'"fixedLat":"{fixedLat}"',
				'"fixedLng":"{fixedLng}"',
			);
			if (metadata) parts.push('"duplicates":{duplicates}');
			if (extras.includes('computedLocation')) parts.push('"computedLocation":{computedLocation}');
			break;
		case 'acknowledge':
			parts.push(
				'"infoCode":"{infoCode}"',
				'"infoMessage":"{infoMessage}"',
				'"downlinkAck":{downlinkAck}',
				'"downlinkOverusage":{downlinkOverusage}',
			);
			break;
		case 'error':
			parts.push('"info":"{info}"', '"severity":"{severity}"');
			break;
	}
	return `{${parts.join(',')}}`;
}

/** The variables Sigfox substitutes as raw JSON (unquoted in the template, an object or a list in the body). */
export const JSON_VARIABLES = ['duplicates', 'computedLocation'];

/** Every key the template of a kind can render, with all extra variables. */
export function templateKeys(event: SigfoxEvent): string[] {
	const template = bodyTemplate(event, ['networkMetadata', 'computedLocation']);
	return [...template.matchAll(/"(\w+)":/g)].map((match) => match[1]);
}
