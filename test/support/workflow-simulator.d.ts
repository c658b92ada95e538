import type { SigfoxCredentialData } from '../workflow/harness';

export interface WorkflowSimulator {
	/** The simulator's live state (Maps and arrays of the simulated Sigfox Cloud). */
	state: {
		group: { id: string };
		deviceTypes: Map<string, Record<string, unknown> & { id: string; projectId: string }>;
		devices: Map<string, Record<string, unknown> & { id: string; deviceTypeId: string }>;
		callbacks: Map<string, Record<string, unknown> & { id: string }>;
		messages: Array<Record<string, unknown> & { receptions: Array<{ station: { id: string } }> }>;
		jobs: Map<string, Record<string, unknown>>;
		undelivered: Array<Record<string, unknown>>;
		contract: { id: string; name: string };
		groups: Map<string, Record<string, unknown> & { id: string }>;
		users: Map<
			string,
			Record<string, unknown> & { id: string; firstName?: string; userRoles?: unknown[] }
		>;
		apiUsers: Map<
			string,
			Record<string, unknown> & { id: string; profileIds: string[]; accessToken: string }
		>;
	};
	apiUrl: string;
	credentials: SigfoxCredentialData;
	seedDeviceType(
		name: string,
		deviceIds?: string[],
		deviceType?: Record<string, unknown>,
	): Promise<string>;
	addMessages(deviceId: string, count: number, options?: { withoutSeqNumber?: boolean }): void;
	addUndelivered(record: Record<string, unknown>): void;
	control(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
	faults(settings: Record<string, number>): Promise<unknown>;
	stop(): Promise<void>;
}

export interface WorkflowSimulatorOptions {
	timeScale?: number;
	rateLimits?: 'documented' | 'off';
}

export function startWorkflowSimulator(
	options?: WorkflowSimulatorOptions,
): Promise<WorkflowSimulator>;

/**
 * The workflow simulator for the tests of the enclosing describe: its fields are set before them
 * (a beforeAll declared after this call can seed it), and it stops after them.
 */
export function useWorkflowSimulator(options?: WorkflowSimulatorOptions): WorkflowSimulator;
