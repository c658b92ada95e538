import type { IDataObject } from 'n8n-workflow';

import { FOREIGN_CALLBACK as ERP_CALLBACK } from '../support/foreign-callback';
import type { Simulator } from '../support/simulator';
import { startSimulator } from '../support/simulator';

export const API_USER = {
	login: '5c0ffee0c0ffee0c0ffee0c0',
	password: ['sim', 'trigger', 'pw'].join('-'),
};

async function call(
	url: string,
	method: string,
	body?: unknown,
	auth?: boolean,
): Promise<IDataObject> {
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	if (auth) {
		headers.authorization = `Basic ${Buffer.from(`${API_USER.login}:${API_USER.password}`).toString('base64')}`;
	}
	const response = await fetch(url, {
		method,
		headers,
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	if (response.status >= 400) throw new Error(`${method} ${url}: ${response.status} ${text}`);
	return text ? (JSON.parse(text) as IDataObject) : {};
}

/** Talks to the simulator as a test (control API) or as the Sigfox portal would (API v2). */
function sigfoxCloud(sim: () => Simulator) {
	return {
		createDeviceType: async (body: IDataObject = {}) =>
			(await call(`${sim().controlUrl}/device-types`, 'POST', { name: 'Meters', ...body }))
				.id as string,
		createDevice: async (id: string, deviceTypeId: string) =>
			call(`${sim().controlUrl}/devices`, 'POST', { id, deviceTypeId }),
		sendFrame: async (device: string, frame: IDataObject) =>
			call(`${sim().controlUrl}/devices/${device}/frames`, 'POST', frame),
		sendError: async (device: string, error: IDataObject) =>
			call(`${sim().controlUrl}/devices/${device}/errors`, 'POST', error),
		api: (method: string, path: string, body?: unknown) =>
			call(`${sim().apiUrl}${path}`, method, body, true),
		callbacks: async (deviceTypeId: string) =>
			((
				await call(`${sim().apiUrl}/device-types/${deviceTypeId}/callbacks`, 'GET', undefined, true)
			).data ?? []) as IDataObject[],
		deviceType: (deviceTypeId: string) =>
			call(`${sim().apiUrl}/device-types/${deviceTypeId}`, 'GET', undefined, true),
	};
}

/**
 * The simulator as the triggers' Sigfox Cloud for the tests of the enclosing describe: started
 * before them with the triggers' API user and `timeScale`, stopped after them. `cloud` talks to it,
 * `credentials()` is the triggers' credential for it.
 */
export function useSigfoxCloud(timeScale: number) {
	let started: Simulator | undefined;
	const sim = (): Simulator => {
		if (!started) throw new Error('the simulator starts before the tests of its describe');
		return started;
	};
	beforeAll(async () => {
		started = await startSimulator({ apiUser: API_USER, rateLimits: 'off', timeScale });
	});
	afterAll(async () => started?.stop());
	return {
		sim,
		cloud: sigfoxCloud(sim),
		credentials: () => ({
			...API_USER,
			baseUrl: sim().apiUrl,
			rateLimiting: 'serverSignals' as const,
		}),
	};
}

/** The ERP's callback, with SNI on. */
export const FOREIGN_CALLBACK = { ...ERP_CALLBACK, sendSni: true };
