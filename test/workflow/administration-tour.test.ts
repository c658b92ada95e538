import { useWorkflowSimulator } from '../support/workflow-simulator';
import { byId, runSigfoxNode, sigfoxSteps } from './harness';

/**
 * Every group, user, API user, profile, contract, coverage, tiles, base station and operator
 * operation once, in a workflow, against the simulator.
 */
describe('Sigfox node administration, coverage and tiles operations against the simulator', () => {
	const sim = useWorkflowSimulator();
	let deviceTypeId: string;
	let rootGroupId: string;
	const PROFILE_A = '5a0c8e1a2b3c4d5e6f700101';
	const PROFILE_B = '5a0c8e1a2b3c4d5e6f700102';
	const OPERATOR_ID = '5a0c8e1a2b3c4d5e6f700201';

	const { run, listAll } = sigfoxSteps(() => sim.credentials);

	beforeAll(async () => {
		deviceTypeId = await sim.seedDeviceType('Admin meters', ['00DD01', '00DD02']);
		rootGroupId = sim.state.group.id as string;
	});

	describe('Group', () => {
		/** A Basic group below the root, created through the node. */
		const createGroup = async (name: string) => {
			const [created] = await run({
				resource: 'group',
				operation: 'create',
				name,
				description: 'devices of the field team',
				type: 2,
				timezone: 'Europe/Paris',
				parentId: byId(rootGroupId),
				additionalFields: { technicalEmail: 'ops@example.org' },
			});
			return created.id as string;
		};

		it('creates a Basic group below the root, reads, lists and renames it', async () => {
			const groupId = await createGroup('Field team');
			const [read] = await run({ resource: 'group', operation: 'get', groupId: byId(groupId) });
			expect(read).toMatchObject({ id: groupId, name: 'Field team', type: 2 });
			const listed = await listAll('group', { filters: { name: 'field' } });
			expect(listed.map((g) => g.id)).toEqual([groupId]);
			await run({
				resource: 'group',
				operation: 'update',
				groupId: byId(groupId),
				updateFields: { name: 'Field team 2' },
			});
			expect(sim.state.groups.get(groupId)).toMatchObject({ name: 'Field team 2', type: 2 });
		});

		it('lists the undelivered callbacks (masked) and geolocation payloads of a group', async () => {
			sim.addUndelivered({
				deviceId: '00DD01',
				deviceTypeId,
				callback: { url: 'https://n8n.example.org', headers: { 'x-n8n-sigfox-secret': 'psst' } },
			});
			const undelivered = await run({
				resource: 'group',
				operation: 'getUndeliveredCallbacks',
				groupId: byId(rootGroupId),
				returnAll: true,
			});
			expect(undelivered).toHaveLength(1);
			expect(undelivered[0]).toMatchObject({
				device: '00DD01',
				callback: { headers: { 'x-n8n-sigfox-secret': '***' } },
			});
			const payloads = await run({
				resource: 'group',
				operation: 'getGeolocationPayloads',
				groupId: byId(rootGroupId),
				returnAll: true,
			});
			expect(payloads[0]).toMatchObject({ id: '5e2f6e4f8c6c3d0001a1b2c3' });
		});

		it('deletes an empty group', async () => {
			const groupId = await createGroup('Short-lived team');
			await run({ resource: 'group', operation: 'delete', groupId: byId(groupId) });
			expect(sim.state.groups.has(groupId)).toBe(false);
		});
	});

	describe('Profile', () => {
		it('lists the profiles of a group and reads one', async () => {
			const profiles = await listAll('profile', {
				groupId: byId(rootGroupId),
				filters: { inherit: true },
			});
			expect(profiles.map((p) => p.id)).toContain(PROFILE_A);
			const [profile] = await run({
				resource: 'profile',
				operation: 'get',
				profileId: byId(PROFILE_A),
			});
			expect(profile).toMatchObject({ id: PROFILE_A, name: 'Device manager [W]' });
		});
	});

	describe('API User', () => {
		/** An API user with profiles A and B, created through the node. */
		const createApiUser = async () => {
			const [created] = await run({
				resource: 'apiUser',
				operation: 'create',
				name: 'Integration',
				groupId: byId(rootGroupId),
				timezone: 'Europe/Paris',
				profileIds: `${PROFILE_A}, ${PROFILE_B}`,
			});
			return created.id as string;
		};

		it('creates an API user, lists and reads it without its password', async () => {
			const apiUserId = await createApiUser();
			expect(sim.state.apiUsers.get(apiUserId)?.profileIds).toEqual([PROFILE_A, PROFILE_B]);
			const listed = await listAll('apiUser');
			const [read] = await run({ resource: 'apiUser', operation: 'get', apiUserId });
			expect(read).toMatchObject({ id: apiUserId, name: 'Integration' });
			for (const shown of [...listed, read]) expect(shown).not.toHaveProperty('accessToken');
		});

		it('updates an API user and changes its profiles', async () => {
			const apiUserId = await createApiUser();
			await run({
				resource: 'apiUser',
				operation: 'update',
				apiUserId,
				updateFields: { name: 'Integration 2', profileId: PROFILE_A },
			});
			expect(sim.state.apiUsers.get(apiUserId)).toMatchObject({
				name: 'Integration 2',
				profileIds: [PROFILE_A],
			});
			await run({
				resource: 'apiUser',
				operation: 'addProfiles',
				apiUserId,
				profileIds: PROFILE_B,
			});
			expect(sim.state.apiUsers.get(apiUserId)?.profileIds).toEqual([PROFILE_A, PROFILE_B]);
			await run({
				resource: 'apiUser',
				operation: 'removeProfile',
				apiUserId,
				profileId: byId(PROFILE_A),
			});
			expect(sim.state.apiUsers.get(apiUserId)?.profileIds).toEqual([PROFILE_B]);
		});

		it('renews the credential only with the confirmation, and outputs the new password once', async () => {
			const apiUserId = await createApiUser();
			const parameters = { resource: 'apiUser', operation: 'renewCredential', apiUserId };
			const refused = await runSigfoxNode(parameters, { credentials: sim.credentials });
			expect(refused.error?.message).toMatch(/^Not sent: the current password/);
			expect(refused.requests).toHaveLength(0);

			const [renewed] = await run({ ...parameters, confirmRenewCredential: true });
			expect(renewed).toEqual({ accessToken: sim.state.apiUsers.get(apiUserId)?.accessToken });
		});

		it('deletes an API user', async () => {
			const apiUserId = await createApiUser();
			await run({ resource: 'apiUser', operation: 'delete', apiUserId });
			expect(sim.state.apiUsers.has(apiUserId)).toBe(false);
		});
	});

	describe('User', () => {
		/** A user with profile B on the root group, created through the node. */
		const createUser = async (email: string, lastName: string) => {
			const [created] = await run({
				resource: 'user',
				operation: 'create',
				email,
				firstName: 'Ada',
				lastName,
				userRoles: { role: [{ groupId: rootGroupId, profileId: PROFILE_B }] },
				additionalFields: { sendWelcomeEmail: false, timezone: 'Europe/London' },
			});
			return created.id as string;
		};

		it('creates a user with a role, lists, reads (by email) and updates them', async () => {
			const userId = await createUser('ada@example.org', 'Lovelace');
			const listed = await listAll('user', { filters: { text: 'lovelace' } });
			expect(listed.map((u) => u.id)).toEqual([userId]);
			const [read] = await run({ resource: 'user', operation: 'get', userId: 'ada@example.org' });
			expect(read).toMatchObject({ id: userId, firstName: 'Ada', timezone: 'Europe/London' });
			await run({
				resource: 'user',
				operation: 'update',
				userId,
				updateFields: { firstName: 'Augusta Ada' },
			});
			expect(sim.state.users.get(userId)?.firstName).toBe('Augusta Ada');
		});

		it('adds a profile to a user and removes it on one group', async () => {
			const userId = await createUser('augusta@example.org', 'King');
			await run({
				resource: 'user',
				operation: 'addProfiles',
				userId,
				userRoles: { role: [{ groupId: rootGroupId, profileId: PROFILE_A }] },
			});
			expect(sim.state.users.get(userId)?.userRoles).toHaveLength(2);
			await run({
				resource: 'user',
				operation: 'removeProfile',
				userId,
				profileId: byId(PROFILE_A),
				options: { groupId: rootGroupId },
			});
			expect(sim.state.users.get(userId)?.userRoles).toEqual([
				{ groupId: rootGroupId, profileId: PROFILE_B },
			]);
		});

		it('deletes a user', async () => {
			const userId = await createUser('byron@example.org', 'Byron');
			await run({ resource: 'user', operation: 'delete', userId });
			expect(sim.state.users.has(userId)).toBe(false);
		});
	});

	describe('Operator and Base Station', () => {
		it('reads and updates an operator', async () => {
			await run({
				resource: 'operator',
				operation: 'update',
				operatorId: OPERATOR_ID,
				updateFields: { alertTime: 900, minDb: -150 },
			});
			const [operator] = await run({
				resource: 'operator',
				operation: 'get',
				operatorId: OPERATOR_ID,
			});
			expect(operator).toMatchObject({ id: OPERATOR_ID, alertTime: 900, minDb: -150 });
		});

		it('lists the messages a base station received, with the trigger’s message ID', async () => {
			sim.addMessages('00DD01', 2);
			const messages = await run({
				resource: 'baseStation',
				operation: 'getMessages',
				baseStationId: sim.state.messages[0].receptions[0].station.id,
				returnAll: true,
			});
			expect(messages).toHaveLength(2);
			expect(messages[0].messageId).toMatch(/^00DD01:1:\d+$/);
		});
	});

	describe('Contract', () => {
		it('lists and reads the contract, and lists its devices page by page', async () => {
			const [listed] = await listAll('contract');
			const contractId = listed.id as string;
			const [read] = await run({
				resource: 'contract',
				operation: 'get',
				contractId: byId(contractId),
			});
			expect(read).toMatchObject({ id: contractId, tokensInUse: 2 });
			const { items, requests } = await runSigfoxNode(
				{ resource: 'contract', operation: 'getDevices', contractId: byId(contractId), limit: 1 },
				{ credentials: sim.credentials },
			);
			expect(items).toHaveLength(1);
			expect(requests[0].query).toEqual({ limit: '1' });
			const devices = await run({
				resource: 'contract',
				operation: 'getDevices',
				contractId: byId(contractId),
				returnAll: true,
				filters: { deviceTypeId },
			});
			expect(devices.map((d) => d.id).sort()).toEqual(['00DD01', '00DD02']);
		});

		it('restarts the devices of a contract, waits for the job, and reads the job again', async () => {
			const [status] = await run({
				resource: 'contract',
				operation: 'restartDevices',
				contractId: byId(sim.state.contract.id as string),
				waitForCompletion: true,
			});
			expect(status).toMatchObject({ jobDone: true, total: 2, success: 2, errorCount: 0 });
			const [again] = await run({
				resource: 'contract',
				operation: 'getRestartJobStatus',
				jobId: status.jobId as string,
			});
			expect(again).toEqual(status);
		});
	});

	describe('Coverage', () => {
		it('predicts the coverage at a location and the operator redundancy there', async () => {
			const [prediction] = await run({
				resource: 'coverage',
				operation: 'getPrediction',
				lat: 43.61,
				lng: 1.44,
				options: { radius: 500 },
			});
			expect(prediction).toMatchObject({ locationCovered: true });
			expect(prediction.margins).toHaveLength(3);
			const [redundancy] = await run({
				resource: 'coverage',
				operation: 'getRedundancy',
				lat: 43.61,
				lng: 1.44,
				options: { deviceSituation: 'OUTDOOR', deviceClassId: 0 },
			});
			expect(redundancy).toEqual({ redundancy: 3 });
		});

		it('runs a bulk prediction job, waits for it and outputs one item per location', async () => {
			const locations = [
				{ lat: 43.61, lng: 1.44 },
				{ lat: -45, lng: 170 },
			];
			const results = await run({
				resource: 'coverage',
				operation: 'startBulkPrediction',
				locations: JSON.stringify(locations),
				waitForCompletion: true,
			});
			expect(results).toEqual([
				expect.objectContaining({ jobDone: true, lat: 43.61, lng: 1.44, locationCovered: true }),
				expect.objectContaining({ jobDone: true, lat: -45, lng: 170, locationCovered: false }),
			]);
			const again = await run({
				resource: 'coverage',
				operation: 'getBulkPrediction',
				jobId: results[0].jobId as string,
			});
			expect(again).toEqual(results);
		});

		it('outputs the job ID at once without waiting', async () => {
			const [started] = await run({
				resource: 'coverage',
				operation: 'startBulkPrediction',
				locations: '[{"lat": 43.6, "lng": 1.4}]',
				waitForCompletion: false,
			});
			expect(started).toEqual({ jobId: expect.stringMatching(/^[0-9a-f]{24}$/), jobDone: false });
		});
	});

	describe('Tiles', () => {
		it('reads the public and Monarch coverage tile information', async () => {
			const [publicTiles] = await run({ resource: 'tiles', operation: 'getPublicCoverage' });
			expect(publicTiles.tmsTemplateUrl).toMatch(/\{z\}\/\{x\}\/\{y\}\.png$/);
			const [monarch] = await run({ resource: 'tiles', operation: 'getMonarch' });
			expect(monarch).toHaveProperty('bounds');
		});

		it('downloads the public coverage KMZ as binary data with file name and MIME type', async () => {
			const { items, error } = await runSigfoxNode(
				{
					resource: 'tiles',
					operation: 'downloadPublicCoverageKmz',
					zoom: 5,
					north: 51,
					south: 42,
					west: -5,
					east: 9,
				},
				{ credentials: sim.credentials },
			);
			expect(error).toBeUndefined();
			const binary = items[0].binary!.data;
			expect(binary).toMatchObject({
				fileName: 'tiles.kmz',
				mimeType: 'application/vnd.google-earth.kmz',
				fileExtension: 'kmz',
			});
			const bytes = Buffer.from(binary.data, 'base64');
			expect(bytes.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
			expect(items[0].json).toMatchObject({ fileName: 'tiles.kmz', fileSize: bytes.length });
		});

		it('reports a KMZ request Sigfox refuses like any refused request, with its reason', async () => {
			const { items, error } = await runSigfoxNode(
				{
					resource: 'tiles',
					operation: 'downloadPublicCoverageKmz',
					zoom: 6,
					north: 42,
					south: 51,
					west: -5,
					east: 9,
				},
				{ credentials: sim.credentials },
			);
			expect(items).toHaveLength(0);
			expect(JSON.stringify(error)).toContain('must be below north');
		});

		it('computes Monarch coverage in a job, reads its status and downloads its KMZ', async () => {
			const [job] = await run({
				resource: 'tiles',
				operation: 'startMonarchKmz',
				coverageMode: 'OVERLAP_INDOOR_U1',
				waitForCompletion: true,
			});
			expect(job).toMatchObject({ jobDone: true });
			const [status] = await run({
				resource: 'tiles',
				operation: 'getMonarchKmzStatus',
				jobId: job.jobId as string,
			});
			expect(status).toMatchObject({ jobId: job.jobId, jobDone: true });
			const { items, error } = await runSigfoxNode(
				{
					resource: 'tiles',
					operation: 'downloadMonarchKmz',
					jobId: job.jobId as string,
					zoom: 3,
					north: 10,
					south: -10,
					west: -20,
					east: 20,
				},
				{ credentials: sim.credentials },
			);
			expect(error).toBeUndefined();
			expect(items[0].binary?.data.mimeType).toBe('application/vnd.google-earth.kmz');
		});
	});
});
