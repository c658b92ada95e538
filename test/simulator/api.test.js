'use strict';

const {
	API_USER,
	RESTRICTED_API_USER,
	startTestSimulator,
	seed,
	deviceTypeBody,
	urlCallback,
} = require('../support/test-simulator');

let sim;
let deviceType;

beforeAll(async () => {
	sim = await startTestSimulator();
});

afterAll(() => sim.stop());

beforeEach(async () => {
	await sim.control('POST', '/reset');
	deviceType = await seed(sim, { deviceIds: ['00A1', '00A2', '00A3', '00A4', '00A5'] });
});

describe('authentication', () => {
	test('answers 401 without a body when credentials are missing or wrong', async () => {
		for (const user of [
			undefined,
			{ ...API_USER, password: 'wrong' },
			{ login: 'nobody', password: 'x' },
		]) {
			const answer = await sim.api('GET', '/devices/', { user: user ?? null });
			expect(answer.status).toBe(401);
			expect(answer.text).toBe('');
		}
	});

	test('answers 403 with a message to an API user whose profile lacks the right', async () => {
		const answer = await sim.api('GET', '/device-types/', { user: RESTRICTED_API_USER });
		expect(answer.status).toBe(403);
		expect(answer.body).toEqual({ message: 'You are not allowed to access the resource.' });
	});
});

describe('paging', () => {
	test('walks a message list with absolute next links that keep the query and move `before` down, absent on the last page', async () => {
		for (let frame = 0; frame < 5; frame++) {
			await sim.control('POST', '/devices/00A1/frames', {
				data: `0${frame}`,
				time: Date.now() - 60_000 + frame,
			});
		}
		const seen = [];
		let next = '/devices/00A1/messages?limit=2&since=1';
		let pages = 0;
		while (next) {
			const { body } = await sim.api('GET', next);
			seen.push(...body.data.map((message) => message.data));
			next = body.paging.next;
			pages += 1;
			if (next) {
				const url = new URL(next);
				expect(url.origin + url.pathname).toBe(`${sim.apiUrl}/devices/00A1/messages`);
				expect(url.searchParams.get('since')).toBe('1');
				expect(url.searchParams.get('limit')).toBe('2');
				// Sigfox pages message lists by time, not offset (docs/sigfox/api.md#paging).
				expect(Number(url.searchParams.get('before'))).toBe(body.data[1].time);
				expect(url.searchParams.get('offset')).toBeNull();
			}
		}
		expect(pages).toBe(3);
		expect(seen).toEqual(['04', '03', '02', '01', '00']);
	});

	test('links lists that have pageId in the spec with an opaque pageId token', async () => {
		const first = await sim.api('GET', `/devices/?limit=2&deviceTypeId=${deviceType.id}`);
		const next = new URL(first.body.paging.next);
		expect(next.searchParams.get('pageId')).toMatch(/^[0-9a-f]+$/);
		expect(next.searchParams.get('offset')).toBeNull();
		const ids = [...first.body.data];
		for (let link = first.body.paging.next; link; ) {
			const { body } = await sim.api('GET', link);
			ids.push(...body.data);
			link = body.paging.next;
		}
		expect(ids.map((device) => device.id)).toEqual(['00A1', '00A2', '00A3', '00A4', '00A5']);
	});

	test('rejects a limit outside 1..100, an offset beyond 40000 and an unknown pageId with 400', async () => {
		for (const [query, field] of [
			['limit=0', 'limit'],
			['limit=101', 'limit'],
			['offset=40001', 'offset'],
			['pageId=feedface', 'pageId'],
			['limit=ten', 'limit'],
		]) {
			const answer = await sim.api('GET', `/devices/?${query}`);
			expect(answer.status).toBe(400);
			expect(answer.body.errors).toEqual([expect.objectContaining({ type: 'query', field })]);
		}
	});

	test('lists callbacks without paging', async () => {
		const { body } = await sim.api('GET', `/device-types/${deviceType.id}/callbacks`);
		expect(body).toEqual({ data: [] });
	});
});

describe('validation errors', () => {
	const newDevice = () => ({
		id: '00B1',
		name: 'B1',
		pac: '0123456789ABCDEF',
		deviceTypeId: deviceType.id,
	});

	test('rejects unknown body fields with "extra fields not permitted", nested ones too', async () => {
		const answer = await sim.api('POST', '/devices/', {
			body: { ...newDevice(), enabled: true, productCertificate: { key: 'P_1', id: 'x' } },
		});
		expect(answer.status).toBe(400);
		expect(answer.body.message).toBe('bad request');
		expect(answer.body.errors).toHaveLength(2);
		expect(answer.body.errors).toEqual(
			expect.arrayContaining([
				{ type: 'body', field: 'productCertificate.id', message: 'extra fields not permitted' },
				{ type: 'body', field: 'enabled', message: 'extra fields not permitted' },
			]),
		);
	});

	test('lists every wrong field in errors[] with its type, field and message', async () => {
		const shape = await sim.api('POST', '/devices/', {
			body: { id: 7, pac: 'short', deviceTypeId: deviceType.id },
		});
		expect(shape.status).toBe(400);
		expect(shape.body.errors).toEqual([
			{ type: 'body', field: 'id', message: 'must be a string' },
			{ type: 'body', field: 'name', message: 'is required' },
		]);
		const values = await sim.api('POST', '/devices/', {
			body: { id: 'XYZ', name: 'n', pac: 'short', deviceTypeId: deviceType.id, lat: 91 },
		});
		expect(values.body.errors.map((error) => [error.type, error.field]).sort()).toEqual([
			['body', 'id'],
			['body', 'lat'],
			['body', 'pac'],
		]);
	});

	test('rejects snake_case and other misspelt fields of the callback create body', async () => {
		const answer = await sim.api('POST', `/device-types/${deviceType.id}/callbacks`, {
			body: {
				channel: 'URL',
				callbackType: 0,
				callbackSubtype: 2,
				url: 'http://127.0.0.1/x',
				http_method: 'POST',
			},
		});
		expect(answer.status).toBe(400);
		expect(answer.body.errors).toEqual(
			expect.arrayContaining([
				{ type: 'body', field: 'http_method', message: 'extra fields not permitted' },
				{ type: 'body', field: 'httpMethod', message: 'is required' },
			]),
		);
	});

	test('refuses contentType on a URL callback update, as the update schema lacks it', async () => {
		const created = await sim.api('POST', `/device-types/${deviceType.id}/callbacks`, {
			body: urlCallback({ url: 'http://127.0.0.1/x' }),
		});
		const answer = await sim.api(
			'PUT',
			`/device-types/${deviceType.id}/callbacks/${created.body.id}`,
			{
				body: { contentType: 'application/json' },
			},
		);
		expect(answer.status).toBe(400);
		expect(answer.body.errors).toEqual([
			{ type: 'body', field: 'contentType', message: 'extra fields not permitted' },
		]);
	});

	test('answers 409 when the device exists and 404 for an unknown one', async () => {
		expect(
			(await sim.api('POST', '/devices/', { body: { ...newDevice(), id: '00A1' } })).status,
		).toBe(409);
		const missing = await sim.api('GET', '/devices/00FFFFFF');
		expect(missing.status).toBe(404);
		expect(missing.body).toEqual({ message: 'The requested resource was not found.' });
	});

	test('serves collections only with their trailing slash, as the spec writes them', async () => {
		expect((await sim.api('GET', '/devices')).status).toBe(404);
		expect((await sim.api('GET', '/devices/')).status).toBe(200);
	});

	test('answers 405 with allowedMethods for a known path and an unserved method', async () => {
		const answer = await sim.api('PATCH', '/devices/00A1');
		expect(answer.status).toBe(405);
		expect(answer.body.allowedMethods.sort()).toEqual(['DELETE', 'GET', 'PUT']);
	});
});

describe('devices and device types', () => {
	test('updates only the given fields and unsets a field sent as null', async () => {
		await sim.api('PUT', '/devices/00A1', {
			body: { productCertificate: { key: 'P_0003_71CF_01' } },
		});
		expect((await sim.api('GET', '/devices/00A1')).body.productCertificate).toEqual({
			key: 'P_0003_71CF_01',
		});
		await sim.api('PUT', '/devices/00A2', { body: { prototype: true } });
		await sim.api('PUT', '/devices/00A1', { body: { productCertificate: null } });
		const device = (await sim.api('GET', '/devices/00A1')).body;
		expect(device.productCertificate).toBeUndefined();
		expect(device.name).toBe('Device 00A1');
	});

	test('filters the device list by id and device type and sorts it', async () => {
		const other = await seed(sim, { deviceIds: ['00C1'] });
		expect(
			(await sim.api('GET', '/devices/?id=00c1')).body.data.map((device) => device.id),
		).toEqual(['00C1']);
		const ofOther = await sim.api('GET', `/devices/?deviceTypeId=${other.id}`);
		expect(ofOther.body.data.map((device) => device.deviceType.id)).toEqual([other.id]);
		const sorted = await sim.api('GET', '/devices/?sort=-id');
		expect(sorted.body.data[0].id).toBe('00C1');
		expect((await sim.api('GET', '/devices/?sort=color')).status).toBe(400);
	});

	test('keeps three days of messages, newest first, within since and before', async () => {
		const now = Date.now();
		const day = 24 * 3600_000;
		for (const [data, time] of [
			['01', now - 4 * day],
			['02', now - 2 * day],
			['03', now - day],
			['04', now - 1000],
		]) {
			await sim.control('POST', '/devices/00A1/frames', { data, time });
		}
		const all = await sim.api('GET', '/devices/00A1/messages');
		expect(all.body.data.map((message) => message.data)).toEqual(['04', '03', '02']);
		const window = await sim.api(
			'GET',
			`/devices/00A1/messages?since=${now - 2 * day - 1}&before=${now - 2000}`,
		);
		expect(window.body.data.map((message) => message.data)).toEqual(['03', '02']);
	});

	test('creates a device type only in the API user group, with Sigfox enum and keepAlive rules', async () => {
		const { group } = (await sim.control('GET', '')).body;
		const body = deviceTypeBody(group.id, {
			name: 'T',
			description: 'd',
			geolocPayloadConfigId: 'g',
		});
		expect((await sim.api('POST', '/device-types/', { body })).status).toBe(201);
		const wrong = await sim.api('POST', '/device-types/', {
			body: {
				...body,
				groupId: '000000000000000000000000',
				downlinkMode: 7,
				keepAlive: 60,
				downlinkDataString: 'abc',
			},
		});
		expect(wrong.body.errors.map((error) => error.field).sort()).toEqual([
			'downlinkDataString',
			'downlinkMode',
			'groupId',
			'keepAlive',
		]);
	});

	test('finds device types by name', async () => {
		await sim.control('POST', '/device-types', { name: 'Water meters' });
		const { body } = await sim.api('GET', '/device-types/?name=water');
		expect(body.data.map((found) => found.name)).toEqual(['Water meters']);
	});
});
