export function waitFor(
	condition: () => unknown,
	options?: { timeoutMs?: number; everyMs?: number; what?: string },
): Promise<void>;
export function sleep(ms: number): Promise<void>;
