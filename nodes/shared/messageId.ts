/**
 * The identity of one Sigfox uplink, the same wherever the message comes from (callback, polling,
 * the action node's message lists), so that a workflow can deduplicate across them.
 * The seqNumber part is empty when Sigfox gives none (VO protocol devices: docs/sigfox/api.md#messages).
 */
export function buildMessageId(
	deviceId: string,
	seqNumber: number | string | undefined,
	epochSeconds: number,
): string {
	const sequence = seqNumber === undefined || seqNumber === '' ? '' : String(seqNumber);
	return `${deviceId.toUpperCase()}:${sequence}:${Math.floor(epochSeconds)}`;
}
