import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { endpointPath } from '../../shared/endpoints';
import { errorItemJson, itemError } from '../../shared/errors';
import { sigfoxPages, sigfoxRequest } from '../../shared/transport';
import { findOperation } from '../catalogue';
import type { CatalogueOperation } from '../catalogue/types';
import { runBulk } from '../operations/bulk';
import { downloadFile } from '../operations/download';
import { normaliseJobStatus, pollJob, pollJobUntilDone, waitOptions } from '../operations/jobs';
import { buildRequest } from './request';

/** What `reconcile` answers for a job start whose outcome is unknown: nothing is sent again. */
const OUTCOME_UNKNOWN = {
	outcomeUnknown: true,
	error:
		'The connection to Sigfox dropped while the job was started; it was not started again. Check in Sigfox before running it again.',
};

async function* runOperation(
	ctx: IExecuteFunctions,
	operation: CatalogueOperation,
	itemIndex: number,
): AsyncGenerator<IDataObject[]> {
	if (operation.run) {
		yield await operation.run(ctx, itemIndex);
		return;
	}
	const endpoint = operation.endpoint!;
	const { method } = endpoint;
	const { params, qs, body } = buildRequest(ctx, operation, itemIndex);
	const path = endpointPath(endpoint, params);
	const shown = (elements: IDataObject[]) =>
		operation.output ? elements.map((e) => operation.output!(e, { path })) : elements;
	if (operation.list === true) {
		const returnAll = ctx.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = returnAll ? undefined : (ctx.getNodeParameter('limit', itemIndex, 50) as number);
		const request = { endpoint, params, qs, body };
		for await (const page of sigfoxPages(ctx, request, { limit, itemIndex })) {
			yield shown(page);
		}
		return;
	}
	const response = await sigfoxRequest<IDataObject>(
		ctx,
		{ endpoint, params, qs, body },
		{
			itemIndex,
			reconcile: operation.statusEndpoint ? async () => OUTCOME_UNKNOWN : undefined,
		},
	);
	const result = response.body;
	if (operation.list === 'unpaged') {
		yield shown(Array.isArray(result.data) ? (result.data as IDataObject[]) : []);
		return;
	}
	if (operation.jobStatus) {
		yield [normaliseJobStatus(result, params.jobId as string) as unknown as IDataObject];
		return;
	}
	if (operation.jobResult && !operation.statusEndpoint) {
		yield operation.jobResult(result, String(params.jobId));
		return;
	}
	if (operation.statusEndpoint && !response.reconciled) {
		const jobId = String(result.jobId);
		const { wait, maxWaitMs } = waitOptions(ctx, itemIndex);
		if (!wait) {
			yield [{ jobId, jobDone: false }];
			return;
		}
		if (operation.jobResult) {
			const raw = await pollJob(ctx, operation.statusEndpoint, jobId, maxWaitMs, itemIndex);
			yield operation.jobResult(raw, jobId);
			return;
		}
		const status = await pollJobUntilDone(
			ctx,
			operation.statusEndpoint,
			jobId,
			maxWaitMs,
			itemIndex,
		);
		yield [status as unknown as IDataObject];
		return;
	}
	const empty = typeof result !== 'object' || result === null || Object.keys(result).length === 0;
	// A 204 (update, delete, disengage…) says only that it worked; a read that found nothing is empty.
	yield shown([empty ? (method === 'GET' ? {} : { success: true, ...params }) : result]);
}

/** Runs the chosen operation for every input item; each output item is paired with its input. */
export async function route(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const bulkOperation = findOperation(
		this.getNodeParameter('resource', 0) as string,
		this.getNodeParameter('operation', 0) as string,
	);
	if (bulkOperation?.bulk) return [await runBulk(this, bulkOperation)];
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const resource = this.getNodeParameter('resource', itemIndex) as string;
		const operationName = this.getNodeParameter('operation', itemIndex) as string;
		const operation = findOperation(resource, operationName);
		if (!operation) {
			throw new NodeOperationError(
				this.getNode(),
				`The operation "${operationName}" of "${resource}" is not supported`,
				{ itemIndex },
			);
		}
		try {
			if (operation.binary) {
				const file = await downloadFile(this, operation, itemIndex);
				output.push({ ...file, pairedItem: { item: itemIndex } });
				continue;
			}
			for await (const page of runOperation(this, operation, itemIndex)) {
				for (const json of page) output.push({ json, pairedItem: { item: itemIndex } });
			}
		} catch (error) {
			if (this.continueOnFail()) {
				output.push({ json: errorItemJson(error), pairedItem: { item: itemIndex } });
				continue;
			}
			throw itemError(this.getNode(), error, itemIndex);
		}
	}
	return [output];
}
