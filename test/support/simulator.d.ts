// Types of the Sigfox Cloud simulator (simulator/index.js) for the TypeScript tests.
export interface SimulatorState {
	callbacks: Map<string, Record<string, unknown> & { id: string; deviceTypeId: string }>;
	deviceTypes: Map<string, Record<string, unknown> & { id: string }>;
	devices: Map<string, Record<string, unknown> & { id: string }>;
	deliveries: Array<Record<string, unknown>>;
	/** The message history, oldest first. */
	messages: Array<Record<string, unknown>>;
}

export interface Simulator {
	apiUrl: string;
	controlUrl: string;
	state: SimulatorState;
	stop(): Promise<void>;
}

export function startSimulator(options: {
	host?: string;
	port?: number;
	apiUser: { login: string; password: string };
	restrictedApiUser?: { login: string; password: string };
	rateLimits?: 'documented' | 'off';
	timeScale?: number;
}): Promise<Simulator>;
