export function waitFor<T>(
	probe: () => T | Promise<T>,
	options?: { timeoutMs?: number; intervalMs?: number; what?: string },
): Promise<T>;
export function sleep(ms: number): Promise<void>;
export const waitForService: typeof waitFor;
