import { deviceOutcomes } from '../../nodes/Sigfox/executors/bulk';
import { normaliseJobStatus } from '../../nodes/Sigfox/executors/jobs';
import { inSourceRanges } from '../../nodes/SigfoxTrigger/receive';
import type { Failure } from '../../nodes/shared/transport/retry';
import {
	backoffDelay,
	decideRetry,
	parseRetryAfter,
	RETRY_POLICY,
} from '../../nodes/shared/transport/retry';

describe('the decisions behind requests, jobs and callbacks', () => {
	describe('whether a failed request is sent again', () => {
		const status = (statusCode: number): Failure => ({ kind: 'status', statusCode });
		const network = (sent: boolean): Failure => ({ kind: 'network', code: 'ECONNRESET', sent });

		it.each<[string, string, Failure, string]>([
			['a 429, whatever the method', 'POST', status(429), 'retry'],
			['a 400: the request itself is wrong', 'GET', status(400), 'final'],
			['a 404', 'DELETE', status(404), 'final'],
			['a 500 to a read', 'GET', status(500), 'retry'],
			['a 503 to an update', 'PUT', status(503), 'retry'],
			['a 500 to a creation, which may have taken effect', 'POST', status(500), 'outcomeUnknown'],
			['a connection never made', 'POST', network(false), 'retry'],
			['a connection dropped after sending a creation', 'POST', network(true), 'outcomeUnknown'],
			['a connection dropped after sending a deletion', 'DELETE', network(true), 'retry'],
		])('%s (%s) → %s', (_name, method, failure, decision) => {
			expect(decideRetry(method, failure)).toBe(decision);
		});
	});

	describe('how long to wait before sending again', () => {
		const now = Date.UTC(2026, 0, 1, 12, 0, 0);

		it.each<[string | undefined, number | undefined]>([
			['2', 2000],
			['0', 0],
			['Thu, 01 Jan 2026 12:00:30 GMT', 30_000],
			['Thu, 01 Jan 2026 11:59:00 GMT', 0],
			['soon', undefined],
			['', undefined],
			[undefined, undefined],
		])('Retry-After %j waits %j ms', (header, delay) => {
			expect(parseRetryAfter(header, now)).toBe(delay);
		});

		it.each([
			[1, 0, 250],
			[1, 1, 500],
			[2, 0, 500],
			[3, 1, 2000],
			[20, 1, RETRY_POLICY.maxDelayMs],
		])(
			'backs off exponentially with jitter: attempt %i, random %d → %i ms',
			(attempt, random, delay) => {
				expect(backoffDelay(attempt, random)).toBe(delay);
			},
		);
	});

	describe('one job status whichever shape Sigfox answers', () => {
		it('reads a registration job (total at the top, status.success)', () => {
			expect(
				normaliseJobStatus(
					{
						jobDone: true,
						total: 3,
						status: { success: 2, errors: [{ entity: '1A2B03', message: 'PAC invalid', type: 0 }] },
					},
					'j1',
				),
			).toEqual({
				jobId: 'j1',
				jobDone: true,
				total: 3,
				success: 2,
				errorCount: 1,
				errors: [{ entity: '1A2B03', message: 'PAC invalid', type: 0, typeName: 'ENTITY' }],
			});
		});

		it('reads an action job (status.total, nbSuccess, nbErrors) and a replace answer without jobDone', () => {
			expect(
				normaliseJobStatus({ jobDone: false, status: { total: 5, nbSuccess: 4, nbErrors: 1 } }),
			).toEqual({ jobDone: false, total: 5, success: 4, errorCount: 1, errors: [] });
			expect(normaliseJobStatus({})).toEqual({ jobDone: true, errorCount: 0, errors: [] });
		});
	});

	describe("each device's outcome in a finished job", () => {
		const devices = [{ deviceId: '1a2b01' }, { deviceId: '1A2B02' }];

		it('names the failed devices with Sigfox’s message and counts the others as successes', () => {
			const status = normaliseJobStatus({
				total: 2,
				status: {
					success: 1,
					errors: [{ entity: '1A2B01', message: 'already registered', type: 0 }],
				},
			});
			expect(deviceOutcomes(devices, status)).toEqual([
				{ success: false, error: 'already registered', errorType: 'ENTITY' },
				{ success: true },
			]);
		});

		it('does not call a device a success when the counts show failures Sigfox did not name', () => {
			const status = normaliseJobStatus({
				total: 2,
				status: { success: 0, errors: [{ message: 'internal error', type: 1 }] },
			});
			const outcomes = deviceOutcomes(devices, status);
			expect(outcomes.map((o) => o.outcomeUnknown)).toEqual([true, true]);
			expect(String(outcomes[0].error)).toContain('internal error');
		});
	});

	describe("whether a callback's address is in the allowed source ranges", () => {
		it.each<[string | undefined, string, boolean]>([
			['185.110.97.10', '185.110.96.0/22', true],
			['::ffff:185.110.99.255', '185.110.96.0/22', true],
			['185.110.100.1', '185.110.96.0/22', false],
			['10.0.0.1', '192.168.0.0/16, 10.0.0.0/8', true],
			['10.0.0.1', '10.0.0.1', true],
			['2001:db8::1', '185.110.96.0/22', false],
			[undefined, '185.110.96.0/22', false],
			['185.110.97.10', 'not a range', false],
		])('%s in %s → %s', (address, ranges, inside) => {
			expect(inSourceRanges(address, ranges)).toBe(inside);
		});
	});
});
