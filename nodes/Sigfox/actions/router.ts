import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { errorItemJson, itemError } from '../../shared/errors';
import { findOperation } from '../catalogue';
import { runBinary } from '../executors/binary';
import { runBulk } from '../executors/bulk';
import { runJob, runJobStatus } from '../executors/job';
import { runList } from '../executors/list';
import { runLocal } from '../executors/local';
import { runsAsTool } from '../executors/parameters';
import { runSingle } from '../executors/single';
import type { ItemExecutor, OperationKind } from '../executors/types';

/** The executor of each kind of operation that runs item by item (bulk takes all items at once). */
const ITEM_EXECUTORS: { [K in Exclude<OperationKind, 'bulk'>]: ItemExecutor<K> } = {
	single: runSingle,
	list: runList,
	job: runJob,
	jobStatus: runJobStatus,
	binary: runBinary,
	local: runLocal,
};

/** Runs the chosen operation for every input item; each output item is paired with its input. */
export async function route(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	// Resource and operation are not expressions: every item runs the same operation.
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = findOperation(resource, operationName);
	if (!operation) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operationName}" of "${resource}" is not supported`,
		);
	}
	if (operation.notAsTool && runsAsTool(this)) {
		throw new NodeOperationError(this.getNode(), `${operation.name} does not work as a tool`, {
			description: operation.notAsTool,
		});
	}
	if (operation.kind === 'bulk') return [await runBulk(this, operation)];
	const execute = ITEM_EXECUTORS[operation.kind] as ItemExecutor<typeof operation.kind>;
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			for await (const page of execute(this, operation as never, itemIndex)) {
				for (const item of page) output.push({ ...item, pairedItem: { item: itemIndex } });
			}
		} catch (error) {
			if (!this.continueOnFail()) throw itemError(this.getNode(), error, itemIndex);
			output.push({ json: errorItemJson(error), pairedItem: { item: itemIndex } });
		}
	}
	return [output];
}
