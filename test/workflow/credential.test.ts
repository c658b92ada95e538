import { useScriptedServer } from '../support/scripted-server';
import { testSigfoxCredential } from './harness';
import { basicAuth, credentialsFor, PASSWORD } from './fixtures';

describe('Sigfox API credential test', () => {
	const server = useScriptedServer();

	it('succeeds when Sigfox lists a device type with the given login and password', async () => {
		server.script('GET /device-types/', [
			({ query }) =>
				query.get('limit') === '1'
					? { json: { data: [{ id: '5f0c8e1a2b3c4d5e6f708192', name: 'Meters' }], paging: {} } }
					: { status: 400, json: { message: 'expected limit=1' } },
		]);

		const result = await testSigfoxCredential(credentialsFor(server));

		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0].headers.authorization).toBe(basicAuth);
	});

	it('says the login or password is wrong when Sigfox answers 401 without a body', async () => {
		server.script('GET /device-types/', [{ status: 401 }]);

		const result = await testSigfoxCredential({ ...credentialsFor(server), password: 'wrong' });

		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/refused the login or password/);
	});

	it("says the API user's profile lacks a right when Sigfox answers 403", async () => {
		server.script('GET /device-types/', [
			{ status: 403, json: { message: 'You are not allowed to access the resource.' } },
		]);

		const result = await testSigfoxCredential(credentialsFor(server));

		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/profile may not read device types/);
		expect(result.message).not.toContain(PASSWORD);
	});

	it('accepts a base URL written with a trailing slash', async () => {
		server.script('GET /device-types/', [{ json: { data: [], paging: {} } }]);

		const result = await testSigfoxCredential({
			...credentialsFor(server),
			baseUrl: `${server.baseUrl}/`,
		});

		expect(result.status).toBe('OK');
		expect(server.requests[0].path).toBe('/device-types/');
	});
});
