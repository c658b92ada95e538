import type { IDataObject } from 'n8n-workflow';

import type { ScriptedServer } from '../support/scripted-server';
import type { SigfoxCredentialData } from './harness';

export const LOGIN = '5a1b2c3d4e5f60718293a4b5';
// A made-up API user password: tests look for it in every error and output.
export const PASSWORD = ['p4ss', 'Sigfox', '3e8a91f0c2d7'].join('-');

export function credentialsFor(
	server: ScriptedServer,
	rateLimiting: SigfoxCredentialData['rateLimiting'] = 'serverSignals',
): SigfoxCredentialData {
	return { login: LOGIN, password: PASSWORD, baseUrl: server.baseUrl, rateLimiting };
}

export const basicAuth = `Basic ${Buffer.from(`${LOGIN}:${PASSWORD}`).toString('base64')}`;

export function device(n: number, deviceTypeId = '5f0c8e1a2b3c4d5e6f708192'): IDataObject {
	const id = (0x1a2b00 + n).toString(16).toUpperCase();
	return { id, name: `Meter ${n}`, deviceType: { id: deviceTypeId }, state: 0, comState: 1 };
}

export function devices(from: number, count: number): IDataObject[] {
	return Array.from({ length: count }, (_, i) => device(from + i));
}
