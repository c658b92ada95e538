export function recordUnhandledRejections(): {
	reasons: unknown[];
	settled(): Promise<void>;
	stop(): void;
};
