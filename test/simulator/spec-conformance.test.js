'use strict';

const { routes } = require('../../simulator');
const { loadContract, flatten, operationOf, bodySchemaOf } = require('../support/contract');
const {
	RESTRICTED_API_USER,
	startTestSimulator,
	deviceTypeBody,
	urlCallback,
	batchCallback,
	startReceiver,
	waitFor,
} = require('../support/test-simulator');

const spec = loadContract();
const label = (route) => `${route.method} ${route.path}`;

/** Differences between a simulator body schema and the spec's, as readable lines. */
function schemaDifferences(simSchema, specSchema, path = 'body') {
	const flat = flatten(spec, specSchema);
	if (simSchema.discriminator) return variantDifferences(simSchema, flat, path);
	const specType = flat.type ?? 'object';
	if (simSchema.type !== specType)
		return [`${path}: simulator ${simSchema.type}, spec ${specType}`];
	if (simSchema.type === 'array')
		return schemaDifferences(simSchema.items, flat.items, `${path}[]`);
	if (simSchema.enum || flat.enum) {
		const same = JSON.stringify(simSchema.enum) === JSON.stringify(specSchema.enum);
		return same ? [] : [`${path}: enum ${simSchema.enum} vs spec ${specSchema.enum}`];
	}
	if (simSchema.type !== 'object') return [];
	const specNames = Object.keys(flat.properties);
	if (simSchema.additionalProperties) {
		return specNames.length ? [`${path}: free-form in the simulator, spec lists ${specNames}`] : [];
	}
	const simNames = Object.keys(simSchema.properties);
	const differences = [
		...specNames
			.filter((name) => !simNames.includes(name))
			.map((name) => `${path}.${name}: in the spec, not accepted`),
		...simNames
			.filter((name) => !specNames.includes(name))
			.map((name) => `${path}.${name}: accepted, not in the spec`),
	];
	const simRequired = [...simSchema.required].sort();
	const specRequired = [...flat.required].sort();
	if (simRequired.join() !== specRequired.join()) {
		differences.push(`${path}: required ${simRequired} vs spec ${specRequired}`);
	}
	for (const name of simNames.filter((candidate) => specNames.includes(candidate))) {
		differences.push(
			...schemaDifferences(simSchema.properties[name], flat.properties[name], `${path}.${name}`),
		);
	}
	return differences;
}

/**
 * A discriminated body against the spec's subtypes: paired by name where the spec names a subtype after
 * the discriminator value (URL, BATCH_URL, EMAIL), else by identical field names.
 */
function variantDifferences(simSchema, flat, path) {
	if (!flat.subtypes)
		return [`${path}: discriminated by ${simSchema.discriminator} in the simulator only`];
	const variants = Object.entries(simSchema.variants);
	const differences = [];
	if (variants.length !== flat.subtypes.length) {
		differences.push(`${path}: ${variants.length} variants, spec has ${flat.subtypes.length}`);
	}
	const namesOf = (properties) => Object.keys(properties).sort().join();
	for (const [value, variant] of variants) {
		const subtype =
			flat.subtypes.find((candidate) => candidate.name === value) ??
			flat.subtypes.find(
				(candidate) => namesOf(candidate.properties) === namesOf(variant.properties),
			);
		if (!subtype)
			differences.push(
				`${path}(${value}): no spec subtype with fields ${namesOf(variant.properties)}`,
			);
		else
			differences.push(
				...schemaDifferences(
					variant,
					{ $ref: `#/definitions/${subtype.name}` },
					`${path}(${value})`,
				),
			);
	}
	return differences;
}

/** Field names in an API answer that the spec's response schema does not declare. */
function undeclaredFields(value, schema, path = 'response') {
	if (value === null || typeof value !== 'object') return [];
	const flat = flatten(spec, schema);
	if (Array.isArray(value)) {
		return value.flatMap((item, index) => undeclaredFields(item, flat.items, `${path}[${index}]`));
	}
	const properties = { ...flat.properties };
	for (const subtype of flat.subtypes ?? []) Object.assign(properties, subtype.properties);
	// A spec object without properties (headers, parameters) is free-form.
	if (Object.keys(properties).length === 0) return [];
	return Object.entries(value).flatMap(([key, item]) =>
		key in properties
			? undeclaredFields(item, properties[key], `${path}.${key}`)
			: [`${path}.${key}`],
	);
}

describe('the route table', () => {
	test.each(routes.map((route) => [label(route), route]))(
		'%s exists in the spec with its operationId',
		(_, route) => {
			const operation = operationOf(spec, route.method, route.path);
			expect(operation).toBeDefined();
			expect(operation.operationId).toBe(route.operationId);
		},
	);

	test.each(routes.map((route) => [label(route), route]))(
		'%s reads only query parameters the spec declares',
		(_, route) => {
			const declared = Object.fromEntries(
				operationOf(spec, route.method, route.path)
					.parameters.filter((parameter) => parameter.in === 'query')
					.map((parameter) => [parameter.name, parameter]),
			);
			for (const [name, type] of Object.entries(route.query ?? {})) {
				expect([name, declared[name]?.type]).toEqual([name, type]);
			}
			const requiredBySpec = Object.values(declared)
				.filter((parameter) => parameter.required)
				.map((parameter) => parameter.name);
			expect(route.requiredQuery ?? []).toEqual(requiredBySpec);
			if (route.paging) {
				expect(declared.limit).toBeDefined();
				// 'pageIdOnly': a list the spec pages by pageId alone, without offset.
				expect(declared.offset === undefined).toBe(route.paging === 'pageIdOnly');
				expect(route.paging.startsWith('pageId')).toBe(declared.pageId !== undefined);
			}
		},
	);

	test.each(routes.map((route) => [label(route), route]))(
		'%s accepts exactly the body fields of the spec',
		(_, route) => {
			const specBody = bodySchemaOf(spec, operationOf(spec, route.method, route.path));
			expect(Boolean(route.body)).toBe(Boolean(specBody));
			if (!route.body) return;
			const parameter = operationOf(spec, route.method, route.path).parameters.find(
				(candidate) => candidate.in === 'body',
			);
			expect(schemaDifferences(route.body, parameter.schema)).toEqual([]);
		},
	);
});

const PROFILE_ID = '5a0c8e1a2b3c4d5e6f700101';
const OPERATOR_ID = '5a0c8e1a2b3c4d5e6f700201';

/** Groups, API users, users, profiles, operator, base station and contract routes. */
async function tourAdministration(call, { group, deviceTypeId, jobDone }) {
	const groupBody = {
		name: 'Tour group',
		description: 'group of the conformance tour',
		type: 2,
		timezone: 'Europe/Paris',
		parentId: group.id,
	};
	const { id: groupId } = await call('createGroup', 'POST', '/groups/', {
		body: { ...groupBody, billable: true },
		expected: 201,
	});
	await call('createGroup', 'POST', '/groups/', {
		body: { ...groupBody, countryISOAlpha3: 'FRA' },
		expected: 400,
	});
	const groups = await call('listGroups', 'GET', '/groups/?limit=1', { expected: 200 });
	await call('listGroups', 'GET', groups.paging.next, { expected: 200 });
	await call('getGroup', 'GET', `/groups/${groupId}`, { expected: 200 });
	await call('updateGroup', 'PUT', `/groups/${groupId}`, {
		body: { name: 'Tour group 2' },
		expected: 204,
	});
	await call(
		'getCallbackMessagesErrorListForGroup',
		'GET',
		`/groups/${group.id}/callbacks-not-delivered`,
		{
			expected: 200,
		},
	);
	await call('listGeolocationPayload', 'GET', `/groups/${group.id}/geoloc-payloads`, {
		expected: 200,
	});

	await call('listprofiles', 'GET', `/profiles/?groupId=${group.id}`, { expected: 200 });
	await call('listprofiles', 'GET', '/profiles/', { expected: 400 });
	await call('getProfile', 'GET', `/profiles/${PROFILE_ID}`, { expected: 200 });

	const { id: apiUserId } = await call('createApiUser', 'POST', '/api-users/', {
		body: { name: 'Tour API user', groupId, timezone: 'Europe/Paris', profileIds: [PROFILE_ID] },
		expected: 201,
	});
	await call('listApiUsers', 'GET', '/api-users/', { expected: 200 });
	await call('getApiUser', 'GET', `/api-users/${apiUserId}`, { expected: 200 });
	await call('updateApiUser', 'PUT', `/api-users/${apiUserId}`, {
		body: { name: 'Tour API user 2', profileId: [PROFILE_ID] },
		expected: 204,
	});
	await call('addProfileToApiUser', 'PUT', `/api-users/${apiUserId}/profiles`, {
		body: { profileId: ['5a0c8e1a2b3c4d5e6f700102'] },
		expected: 204,
	});
	await call('deleteProfileOfApiUser', 'DELETE', `/api-users/${apiUserId}/profiles/${PROFILE_ID}`, {
		expected: 204,
	});
	await call('renewCredential', 'PUT', `/api-users/${apiUserId}/renew-credential`, {
		expected: 200,
	});
	await call('deleteApiUser', 'DELETE', `/api-users/${apiUserId}`, { expected: 204 });

	const role = { groupId, profileId: PROFILE_ID };
	const { id: userId } = await call('createUser', 'POST', '/users/', {
		body: { email: 'tour@example.org', firstName: 'Tour', lastName: 'User', userRoles: [role] },
		expected: 201,
	});
	await call('listUsers', 'GET', '/users/', { expected: 200 });
	await call('getUser', 'GET', `/users/${userId}`, { expected: 200 });
	await call('updateUser', 'PUT', `/users/${userId}`, {
		body: { lastName: 'Guide' },
		expected: 204,
	});
	await call('addUserRoles', 'PUT', `/users/${userId}/profiles`, {
		body: { userRoles: [{ groupId: group.id, profileId: PROFILE_ID }] },
		expected: 204,
	});
	await call(
		'deleteUserRole',
		'DELETE',
		`/users/${userId}/profiles/${PROFILE_ID}?groupId=${groupId}`,
		{
			expected: 204,
		},
	);
	await call('deleteUser', 'DELETE', `/users/${userId}`, { expected: 204 });
	await call('deleteGroup', 'DELETE', `/groups/${groupId}`, { expected: 204 });

	await call('updateOperator', 'PUT', `/operators/${OPERATOR_ID}`, {
		body: { alertTime: 600, antenna: { model: 'Tour antenna' } },
		expected: 204,
	});
	await call('getOperator', 'GET', `/operators/${OPERATOR_ID}`, { expected: 200 });
	await call('getDeviceMessagesListForBaseStation', 'GET', '/base-stations/1A2B/messages', {
		expected: 200,
	});

	const contracts = await call('listContractInfos', 'GET', '/contract-infos/', { expected: 200 });
	const contractId = contracts.data[0].id;
	await call('getContractInfo', 'GET', `/contract-infos/${contractId}`, { expected: 200 });
	const devices = await call('deviceList', 'GET', `/contract-infos/${contractId}/devices?limit=1`, {
		expected: 200,
	});
	expect(devices.paging.next).toMatch(/pageId=/);
	expect(devices.paging.next).not.toMatch(/offset=/);
	await call('deviceList', 'GET', devices.paging.next, { expected: 200 });
	await call(
		'deviceList',
		'GET',
		`/contract-infos/${contractId}/devices?deviceTypeId=${deviceTypeId}`,
		{
			expected: 200,
		},
	);
	const restart = await call(
		'contractBulkRestart',
		'POST',
		`/contract-infos/${contractId}/bulk/restart`,
		{
			expected: 200,
		},
	);
	await jobDone(`/contract-infos/bulk/restart/${restart.jobId}`, 'getContractBulkRestartJob');
}

/** Coverage predictions (one, bulk as a job, redundancy) and tiles (information, KMZ jobs and files). */
async function tourCoverageAndTiles(call) {
	const ready = (operation, path) =>
		waitFor(async () => (await call(operation, 'GET', path, { expected: 200 })).jobDone, {
			what: path,
		});
	await call(
		'GET /coverages/global/predictions',
		'GET',
		'/coverages/global/predictions?lat=43.6&lng=1.44',
		{
			expected: 200,
		},
	);
	await call(
		'GET /coverages/global/predictions',
		'GET',
		'/coverages/global/predictions?lat=north&lng=1',
		{
			expected: 400,
		},
	);
	await call(
		'GET /coverages/operators/redundancy',
		'GET',
		'/coverages/operators/redundancy?lat=43.6&lng=1.44&deviceSituation=UNDERGROUND',
		{ expected: 200 },
	);
	const bulk = await call(
		'globalPredictionBulkPost',
		'POST',
		'/coverages/global/predictions/bulk',
		{
			body: { locations: [{ lat: 43.6, lng: 1.44 }], radius: 300 },
			expected: 201,
		},
	);
	await ready('globalPredictionBulkGet', `/coverages/global/predictions/bulk/${bulk.jobId}`);

	await call('GET /tiles/public-coverage', 'GET', '/tiles/public-coverage', { expected: 200 });
	await call('GET /tiles/monarch', 'GET', '/tiles/monarch', { expected: 200 });
	const area = 'zoom=4&north=51&south=42&west=-5&east=9';
	await call('kmzFilePublicCoverage', 'GET', `/tiles/public-coverage/kmz/tiles.kmz?${area}`, {
		expected: 200,
	});
	await call('kmzFilePublicCoverage', 'GET', '/tiles/public-coverage/kmz/tiles.kmz?zoom=4', {
		expected: 400,
	});
	const kmz = await call('kmzCreateMonarch', 'POST', '/tiles/monarch/kmz', {
		body: { coverageMode: 'OVERLAP_OUTDOOR_U2' },
		expected: 201,
	});
	await ready('kmzStatusMonarch', `/tiles/monarch/kmz/${kmz.jobId}`);
	await call('kmzFileMonarch', 'GET', `/tiles/monarch/kmz/${kmz.jobId}/tiles.kmz?${area}`, {
		expected: 200,
	});
}

describe('answers of a tour through every route', () => {
	let sim;
	let receiver;
	/** Labels of the routes answered with a success; the tour must reach every route. */
	const visited = new Set();

	/**
	 * Calls one route and checks its answer's fields against the spec response of that status.
	 * `operation` is the operationId, or 'METHOD /path' for the spec operations that have none.
	 */
	async function call(operation, method, path, { body, expected, user } = {}) {
		const route = routes.find(
			(candidate) => candidate.operationId === operation || label(candidate) === operation,
		);
		expect([operation, route?.method]).toEqual([operation, method]);
		const answer = await sim.api(method, path, { body, user });
		expect({ operation, status: answer.status, body: answer.body }).toMatchObject({
			operation,
			status: expected,
		});
		const specOperation = operationOf(spec, route.method, route.path);
		const response = specOperation.responses[String(answer.status)];
		expect(response).toBeDefined();
		if (route.produces && answer.status < 300) {
			// A file answer (KMZ): the type the spec says it produces, no JSON schema.
			expect(specOperation.produces).toEqual([route.produces]);
			expect(answer.headers.get('content-type')).toBe(route.produces);
		} else if (answer.text) {
			expect(response.schema).toBeDefined();
			expect(undeclaredFields(answer.body, response.schema)).toEqual([]);
		}
		if (answer.status < 300) visited.add(label(route));
		return answer.body;
	}

	beforeAll(async () => {
		receiver = await startReceiver((request) =>
			request.url.startsWith('/bidir')
				? { status: 200, body: { '00AA01': { downlinkData: '0102030405060708' } } }
				: { status: 204 },
		);
		sim = await startTestSimulator({ timeScale: 0.0005 });
	});

	afterAll(async () => {
		await sim.stop();
		await receiver.close();
	});

	test('every route answers with fields the spec declares', async () => {
		const { group } = (await sim.control('GET', '')).body;
		const deviceType = deviceTypeBody(group.id, {
			name: 'Tour sensors',
			description: 'device type of the conformance tour',
		});
		const { id: deviceTypeId } = await call('createDeviceType', 'POST', '/device-types/', {
			body: deviceType,
			expected: 201,
		});
		const { id: otherTypeId } = await call('createDeviceType', 'POST', '/device-types/', {
			body: { ...deviceType, name: 'Tour spare' },
			expected: 201,
		});
		const typePage = await call('listDeviceTypes', 'GET', '/device-types/?limit=1', {
			expected: 200,
		});
		await call('listDeviceTypes', 'GET', typePage.paging.next, { expected: 200 });
		await call('getDeviceType', 'GET', `/device-types/${deviceTypeId}`, { expected: 200 });
		await call('updateDeviceType', 'PUT', `/device-types/${deviceTypeId}`, {
			body: { downlinkMode: 1 },
			expected: 204,
		});

		const device = {
			name: 'Tour device',
			pac: '0123456789ABCDEF',
			deviceTypeId,
			lat: 43.6,
			lng: 1.44,
		};
		await call('createDevice', 'POST', '/devices/', {
			body: { ...device, id: '00AA01' },
			expected: 201,
		});
		await call('createDevice', 'POST', '/devices/', {
			body: { ...device, id: '00AA02' },
			expected: 201,
		});
		await call('createDevice', 'POST', '/devices/', {
			body: { ...device, id: '00AA02' },
			expected: 409,
		});
		await call('createDevice', 'POST', '/devices/', {
			body: { ...device, id: '00AA03', color: 'red' },
			expected: 400,
		});
		const devicePage = await call('listDevices', 'GET', '/devices/?limit=1', { expected: 200 });
		await call('listDevices', 'GET', devicePage.paging.next, { expected: 200 });
		await call('getDevice', 'GET', '/devices/00AA01', { expected: 200 });
		await call('getDevice', 'GET', '/devices/00FFFF', { expected: 404 });
		await call('getDevice', 'GET', '/devices/00AA01', { expected: 403, user: RESTRICTED_API_USER });
		await call('updateDevice', 'PUT', '/devices/00AA02', {
			body: { name: 'Renamed', prototype: true },
			expected: 204,
		});

		const callbacks = `/device-types/${deviceTypeId}/callbacks`;
		/** A URL callback with a JSON body. */
		const jsonCallback = (fields) => urlCallback({ contentType: 'application/json', ...fields });
		const createCallback = (body) =>
			call('createCallback', 'POST', callbacks, { body, expected: 201 });
		const { id: bidirId } = await createCallback(
			jsonCallback({
				callbackSubtype: 3,
				url: `${receiver.url}/bidir`,
				bodyTemplate: '{"device":"{device}","ack":{ack}}',
			}),
		);
		const { id: failingId } = await createCallback(
			jsonCallback({
				callbackSubtype: 2,
				url: `${receiver.url}/down`,
				bodyTemplate: '{"data":"{data}"}',
			}),
		);
		await createCallback(batchCallback(`${receiver.url}/batch`, '{device};{data}'));
		await createCallback({
			channel: 'EMAIL',
			callbackType: 1,
			callbackSubtype: 4,
			recipient: 'ops@example.org',
			subject: '{device}',
			message: '{infoCode}',
		});
		await call('listCallbacks', 'GET', callbacks, { expected: 200 });
		await call('updateCallback', 'PUT', `${callbacks}/${failingId}`, {
			body: { url: 'http://127.0.0.1:9/down' },
			expected: 204,
		});
		await call('enableCallback', 'PUT', `${callbacks}/${bidirId}/enable?enabled=true`, {
			expected: 204,
		});
		await call('enableDownlinkCallback', 'PUT', `${callbacks}/${bidirId}/downlink`, {
			expected: 204,
		});

		await sim.control('POST', '/devices/00AA01/frames', { data: 'c0ffee', ack: true });
		await waitFor(() => sim.state.undelivered.length > 0, {
			what: 'the failing callback to give up',
		});
		await call('getDeviceMessagesListForDevice', 'GET', '/devices/00AA01/messages', {
			expected: 200,
		});
		await call(
			'getDeviceMessagesListForDeviceType',
			'GET',
			`/device-types/${deviceTypeId}/messages`,
			{ expected: 200 },
		);
		await call(
			'getCallbackMessagesErrorListForDevice',
			'GET',
			'/devices/00AA01/callbacks-not-delivered',
			{ expected: 200 },
		);
		await call(
			'getCallbackMessagesErrorListForDeviceType',
			'GET',
			`/device-types/${deviceTypeId}/callbacks-not-delivered`,
			{
				expected: 200,
			},
		);
		await call(
			'listLastCallbackError',
			'GET',
			`${callbacks}/${failingId}/callbacks-not-delivered`,
			{ expected: 200 },
		);
		await call('Unsubscribe', 'PUT', '/devices/00AA02/unsubscribe', {
			body: { unsubscriptionTime: Date.now() + 86_400_000 },
			expected: 204,
		});

		const jobDone = (statusPath, operationId) =>
			waitFor(async () => (await sim.api('GET', statusPath)).body.jobDone, {
				what: operationId,
			}).then(() => call(operationId, 'GET', statusPath, { expected: 200 }));
		const created = await call('createBulkDevice', 'POST', '/devices/bulk', {
			body: {
				deviceTypeId,
				prefix: 'Bulk ',
				data: [{ id: '00BB01', pac: '0123456789ABCDEF' }, { id: 'nothex' }],
			},
			expected: 200,
		});
		await jobDone(`/devices/bulk/${created.jobId}`, 'getBulkJobForDevice');
		await call('deviceBulkEditAsync', 'PUT', '/devices/bulk', {
			body: { data: [{ id: '00BB01', name: 'Edited' }] },
			expected: 200,
		});
		await call('deviceBulkTransfer', 'POST', '/devices/bulk/transfer', {
			body: { deviceTypeId: otherTypeId, data: [{ id: '00BB01', keepHistory: true }] },
			expected: 200,
		});
		for (const [action, start, status] of [
			['restart', 'devicesBulkRestart', 'getBulkRestartJob'],
			['suspend', 'devicesBulkSuspend', 'getBulkSuspendJob'],
			['resume', 'devicesBulkResume', 'getBulkResumeJob'],
		]) {
			const { jobId } = await call(start, 'POST', `/devices/bulk/${action}`, {
				body: { data: ['00AA01', '00FFFF'] },
				expected: 200,
			});
			await jobDone(`/devices/bulk/${action}/${jobId}`, status);
		}
		const unsubscribe = await call('deviceBulkUnsubscribe', 'POST', '/devices/bulk/unsubscribe', {
			body: { data: [{ id: '00AA01', unsubscriptionTime: Date.now() + 86_400_000 }] },
			expected: 200,
		});
		await jobDone(`/devices/bulk/unsubscribe/${unsubscribe.jobId}`, 'getDeviceUnsubscribeJob');
		const typeRestart = await call(
			'deviceTypeBulkRestart',
			'POST',
			`/device-types/${deviceTypeId}/bulk/restart`,
			{ expected: 200 },
		);
		await jobDone(`/device-types/bulk/restart/${typeRestart.jobId}`, 'getDeviceTypeBulkRestartJob');

		await call('deleteCallback', 'DELETE', `${callbacks}/${failingId}`, { expected: 204 });
		await call('deleteDevice', 'DELETE', '/devices/00BB01', { expected: 204 });
		const { id: emptyTypeId } = await call('createDeviceType', 'POST', '/device-types/', {
			body: { ...deviceType, name: 'Tour empty' },
			expected: 201,
		});
		await call('deviceTypesDelete', 'DELETE', `/device-types/${emptyTypeId}`, { expected: 204 });

		await call('GET /devices/{id}/messages/metric', 'GET', '/devices/00AA01/messages/metric', {
			expected: 200,
		});
		await call('getDeviceLocationsList', 'GET', '/devices/00AA01/locations', { expected: 200 });
		await call('getModemCertificateInfo', 'GET', '/devices/00AA01/certificate/modem', {
			expected: 200,
		});
		await call('createDevice', 'POST', '/devices/', {
			body: { ...device, id: '00AA04', productCertificate: { key: 'P_0003_71CF_01' } },
			expected: 201,
		});
		await call('getProductCertificateInfo', 'GET', '/devices/00AA04/certificate/product', {
			expected: 200,
		});
		await call(
			'getProductCertificateInfoWithPac',
			'GET',
			'/devices/00CC01/product-certificate?pac=0123456789ABCDEF',
			{ expected: 200 },
		);
		const year = new Date().getUTCFullYear();
		await call(
			'GET /devices/{id}/consumption/{year}',
			'GET',
			`/devices/00AA01/consumption/${year}`,
			{
				expected: 200,
			},
		);
		await call(
			'GET /devices/{id}/consumption/{year}/{month}',
			'GET',
			`/devices/00AA01/consumption/${year}/1`,
			{ expected: 200 },
		);
		await call('deviceSeqNumberDisengage', 'POST', '/devices/00AA01/disengage', { expected: 204 });
		await call('devicesBulkReplace', 'POST', '/devices/bulk/replace', {
			body: {
				data: [
					{ deviceId: '00AA02', targetDeviceId: '00AA04' },
					{ deviceId: '00FFFF', targetDeviceId: '00AA04' },
				],
			},
			expected: 200,
		});
		await call('deviceTypesSeqNumberDisengage', 'PUT', `/device-types/${deviceTypeId}/disengage`, {
			expected: 204,
		});
		const { projectId } = await call('getDeviceType', 'GET', `/device-types/${deviceTypeId}`, {
			expected: 200,
		});
		await call('getDeviceTypeFromProject', 'GET', `/device-types/project-id:${projectId}`, {
			expected: 200,
		});
		const { id: projectTypeId } = await call('createDeviceType', 'POST', '/device-types/', {
			body: { ...deviceType, name: 'Tour project' },
			expected: 201,
		});
		const project = await call('getDeviceType', 'GET', `/device-types/${projectTypeId}`, {
			expected: 200,
		});
		await call(
			'deviceTypesDeleteByProject',
			'DELETE',
			`/device-types/project-id:${project.projectId}`,
			{
				expected: 204,
			},
		);

		await tourAdministration(call, { group, deviceTypeId, jobDone });
		await tourCoverageAndTiles(call);

		expect(routes.map(label).filter((name) => !visited.has(name))).toEqual([]);
	});
});
