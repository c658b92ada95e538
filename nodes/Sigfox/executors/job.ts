import type { IDataObject } from 'n8n-workflow';

import { sigfoxRequest } from '../../shared/transport';
import { JOB_RESULTS, normaliseJobStatus, pollJob, pollJobUntilDone, waitOptions } from './jobs';
import { buildRequest } from './parameters';
import type { ItemExecutor } from './types';
import { asItems } from './types';

/** What `reconcile` answers for a job start whose outcome is unknown: nothing is sent again. */
const OUTCOME_UNKNOWN = {
	outcomeUnknown: true,
	error:
		'The connection to Sigfox dropped while the job was started; it was not started again. Check in Sigfox before running it again.',
};

/**
 * Starts a Sigfox job. With Wait for Completion, polls its status until it is done or the wait is
 * over: the status as one item, or the job's results as items (docs/sigfox/api.md#bulk-jobs).
 */
export const runJob: ItemExecutor<'job'> = async function* (ctx, operation, itemIndex) {
	const { endpoint, statusEndpoint, results } = operation;
	const { params, qs, body } = buildRequest(ctx, operation, itemIndex);
	const started = await sigfoxRequest<IDataObject>(
		ctx,
		{ endpoint, params, qs, body },
		{ itemIndex, reconcile: async () => OUTCOME_UNKNOWN },
	);
	if (started.reconciled) {
		yield asItems([started.body]);
		return;
	}
	const jobId = String(started.body.jobId);
	const { wait, maxWaitMs } = waitOptions(ctx, itemIndex);
	if (!wait) {
		yield asItems([{ jobId, jobDone: false }]);
		return;
	}
	if (results) {
		const status = await pollJob(ctx, statusEndpoint, jobId, maxWaitMs, itemIndex);
		yield asItems(JOB_RESULTS[results](status, jobId));
		return;
	}
	const status = await pollJobUntilDone(ctx, statusEndpoint, jobId, maxWaitMs, itemIndex);
	yield asItems([status as unknown as IDataObject]);
};

/** Reads a job's status: the two status shapes as one, or the job's results as items. */
export const runJobStatus: ItemExecutor<'jobStatus'> = async function* (ctx, operation, itemIndex) {
	const { endpoint, results } = operation;
	const { params, qs, body } = buildRequest(ctx, operation, itemIndex);
	const { body: status } = await sigfoxRequest<IDataObject>(
		ctx,
		{ endpoint, params, qs, body },
		{ itemIndex },
	);
	const jobId = String(params.jobId);
	yield asItems(
		results
			? JOB_RESULTS[results](status, jobId)
			: [normaliseJobStatus(status, jobId) as unknown as IDataObject],
	);
};
