import { useScriptedServer } from '../support/scripted-server';
import { runSigfoxNode } from './harness';
import { credentialsFor } from './fixtures';

const JOB_ID = '5f0c8e1a2b3c4d5e6f7081a0';
const running = {
	json: { jobDone: false, status: { total: 3, nbSuccess: 0, nbErrors: 0, errors: [] } },
};

describe('waiting for a Sigfox job', () => {
	const server = useScriptedServer();

	it('polls the job’s own status route, waiting longer each time, until jobDone', async () => {
		server.script('POST /devices/bulk/suspend', [{ json: { jobId: JOB_ID } }]);
		server.script(`GET /devices/bulk/suspend/${JOB_ID}`, [
			running,
			running,
			{
				json: {
					jobDone: true,
					status: { total: 2, nbSuccess: 2, nbErrors: 0, errors: [] },
				},
			},
		]);

		const { items, error } = await runSigfoxNode(
			{ resource: 'deviceBulk', operation: 'suspend' },
			{ credentials: credentialsFor(server), input: [{ id: '1A2B01' }, { id: '1A2B02' }] },
		);

		expect(error).toBeUndefined();
		expect(items.map((i) => i.json)).toEqual([
			{ deviceId: '1A2B01', jobId: JOB_ID, jobDone: true, success: true },
			{ deviceId: '1A2B02', jobId: JOB_ID, jobDone: true, success: true },
		]);
		const [start, ...polls] = server.requests.map((r) => r.time);
		expect(polls).toHaveLength(3);
		const gaps = [polls[0] - start, polls[1] - polls[0], polls[2] - polls[1]];
		expect(gaps[0]).toBeGreaterThanOrEqual(450);
		expect(gaps[1]).toBeGreaterThan(gaps[0]);
		expect(gaps[2]).toBeGreaterThan(gaps[1]);
	});

	it('does not call a device a success when Sigfox’s counts leave it unaccounted for', async () => {
		server.script('POST /devices/bulk', [{ json: { total: 3, jobId: JOB_ID } }]);
		server.script(`GET /devices/bulk/${JOB_ID}`, [
			{
				json: {
					jobDone: true,
					total: 3,
					status: {
						success: 1,
						errors: [
							{ entity: '1A2B03', message: 'the device already exists', type: 0 },
							{ entity: 'job', message: 'internal failure', type: 1 },
						],
					},
				},
			},
		]);

		const { items } = await runSigfoxNode(
			{
				resource: 'deviceBulk',
				operation: 'create',
				deviceTypeId: { __rl: true, mode: 'id', value: '5f0c8e1a2b3c4d5e6f708192' },
			},
			{
				credentials: credentialsFor(server),
				input: ['1A2B01', '1A2B02', '1A2B03'].map((id) => ({ id, pac: '0123456789ABCDEF' })),
			},
		);

		expect(items.map((i) => i.json)).toEqual([
			expect.objectContaining({ deviceId: '1A2B01', outcomeUnknown: true }),
			expect.objectContaining({ deviceId: '1A2B02', outcomeUnknown: true }),
			expect.objectContaining({
				deviceId: '1A2B03',
				success: false,
				error: 'the device already exists',
			}),
		]);
		expect(items[0].json.error).toMatch(/1 successes for 2 devices.*internal failure/);
	});
});
