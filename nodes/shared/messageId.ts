/**
 * The key of one Sigfox message, built the same way by the callback trigger, the polling trigger and
 * the message operations, so that n8n's Remove Duplicates node drops Sigfox's retries
 * (sigfox-callbacks.md §5: device + seqNumber + time; seqNumber may be absent and wraps).
 */
export function buildMessageId(
	deviceId: string,
	seqNumber: number | string | undefined,
	epochSeconds: number,
): string {
	return `${deviceId.toUpperCase()}:${seqNumber ?? ''}:${epochSeconds}`;
}
