import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import type { Endpoint } from '../../shared/endpoints';
import type { JobResults } from '../catalogue/types';
import { sigfoxRequest } from '../../shared/transport';

/** One error of a job: `jobError` (docs/sigfox/api.md#job-status). */
export interface JobError {
	entity?: string;
	message?: string;
	/** 0 ENTITY, 1 SYSTEM (docs/sigfox/api.md#job-error-type). */
	type?: number;
}

/** Both job-status shapes (registrationJobStatus, actionJob) and the replace answer, as one. */
export interface JobStatus {
	jobId?: string;
	jobDone: boolean;
	total?: number;
	success?: number;
	errorCount: number;
	errors: JobError[];
}

interface RawJobStatus {
	jobDone?: boolean;
	total?: number;
	status?: {
		total?: number;
		success?: number;
		nbSuccess?: number;
		nbErrors?: number;
		errors?: JobError[];
	};
}

export const JOB_ERROR_TYPES: Record<number, string> = { 0: 'ENTITY', 1: 'SYSTEM' };

/**
 * registrationJobStatus has `total` at the top and `status.success`; actionJob has `status.total`,
 * `status.nbSuccess` and `status.nbErrors` (docs/sigfox/api.md#job-status). A replace answer has no `jobDone`: it is done.
 */
export function normaliseJobStatus(raw: IDataObject, jobId?: string): JobStatus {
	const body = raw as RawJobStatus;
	const errors = Array.isArray(body.status?.errors) ? body.status.errors : [];
	return {
		...(jobId ? { jobId } : {}),
		jobDone: body.jobDone ?? true,
		total: body.total ?? body.status?.total,
		success: body.status?.success ?? body.status?.nbSuccess,
		errorCount: body.status?.nbErrors ?? errors.length,
		errors: errors.map((e) => ({
			...e,
			...(e.type !== undefined && JOB_ERROR_TYPES[e.type]
				? { typeName: JOB_ERROR_TYPES[e.type] }
				: {}),
		})),
	};
}

const FIRST_POLL_MS = 500;
const LONGEST_POLL_MS = 30_000;

/**
 * Polls a job-status route until `jobDone`, waiting longer between polls each time; returns the last
 * status read, done or not, once `maxWaitMs` has passed.
 */
export async function pollJobUntilDone(
	ctx: IExecuteFunctions,
	statusEndpoint: Endpoint,
	jobId: string,
	maxWaitMs: number,
	itemIndex: number,
): Promise<JobStatus> {
	return normaliseJobStatus(await pollJob(ctx, statusEndpoint, jobId, maxWaitMs, itemIndex), jobId);
}

/** The same polling, returning the last status answer as Sigfox gave it (for jobs with results). */
export async function pollJob(
	ctx: IExecuteFunctions,
	statusEndpoint: Endpoint,
	jobId: string,
	maxWaitMs: number,
	itemIndex: number,
): Promise<IDataObject> {
	if (!/^[0-9a-fA-F]{24}$/.test(jobId)) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Sigfox answered a job ID "${jobId}" that is not valid`,
			{
				itemIndex,
			},
		);
	}
	const started = Date.now();
	let delay = FIRST_POLL_MS;
	for (;;) {
		await sleep(delay);
		const { body } = await sigfoxRequest<IDataObject>(
			ctx,
			{ endpoint: statusEndpoint, params: { jobId } },
			{ itemIndex },
		);
		const waited = Date.now() - started;
		if (normaliseJobStatus(body).jobDone || waited >= maxWaitMs) return body;
		delay = Math.min(LONGEST_POLL_MS, delay * 2, Math.max(FIRST_POLL_MS, maxWaitMs - waited));
	}
}

/** The "Wait for Completion" parameters of an operation that starts a job. */
export function waitOptions(
	ctx: IExecuteFunctions,
	itemIndex: number,
): { wait: boolean; maxWaitMs: number } {
	const wait = ctx.getNodeParameter('waitForCompletion', itemIndex, false) as boolean;
	const minutes = wait ? (ctx.getNodeParameter('maxWaitMinutes', itemIndex, 30) as number) : 0;
	return { wait, maxWaitMs: minutes * 60_000 };
}

/**
 * A job status with results as items. Predictions: one item per location once done, each with the
 * job's ID; a job still running comes out as one item saying so (docs/sigfox/api.md#coverage).
 * A Monarch KMZ job: one item, its file is read with Download Monarch KMZ (docs/sigfox/api.md#kmz).
 */
export const JOB_RESULTS: Record<
	JobResults,
	(status: IDataObject, jobId: string) => IDataObject[]
> = {
	predictions(status, jobId) {
		const results = Array.isArray(status.results) ? (status.results as IDataObject[]) : [];
		if (!status.jobDone || results.length === 0) {
			return [{ jobId, jobDone: Boolean(status.jobDone), time: status.time }];
		}
		return results.map((result) => ({ jobId, jobDone: true, ...result }));
	},
	kmzJob(status, jobId) {
		return [{ jobId, jobDone: Boolean(status.jobDone), time: status.time }];
	},
};
