import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { sigfoxRequest } from '../../nodes/shared/transport';

/**
 * A test node that sends one Sigfox request per item through the shared transport, for the
 * transport's own behaviour (POST reconciliation, pacing) before the operations that need it exist.
 * With `reconcileFrom`, a POST of unknown outcome looks for the created item in that list by `id`.
 */
export class TransportProbe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Transport Probe',
		name: 'transportProbe',
		group: ['transform'],
		version: 1,
		description: 'Sends one Sigfox request per item',
		defaults: { name: 'Transport Probe' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'sigfoxApi', required: true }],
		properties: [
			{ displayName: 'Method', name: 'method', type: 'string', default: 'GET' },
			{ displayName: 'Path', name: 'path', type: 'string', default: '/' },
			{ displayName: 'Body', name: 'body', type: 'json', default: '' },
			{ displayName: 'Reconcile From', name: 'reconcileFrom', type: 'string', default: '' },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const output: INodeExecutionData[] = [];
		for (let i = 0; i < this.getInputData().length; i++) {
			const method = this.getNodeParameter('method', i) as IHttpRequestMethods;
			const path = this.getNodeParameter('path', i) as string;
			const rawBody = this.getNodeParameter('body', i) as string;
			const body = rawBody ? (JSON.parse(rawBody) as IDataObject) : undefined;
			const reconcileFrom = this.getNodeParameter('reconcileFrom', i) as string;
			const reconcile = reconcileFrom
				? async () => {
						const { body: list } = await sigfoxRequest<{ data: IDataObject[] }>(this, {
							method: 'GET',
							path: reconcileFrom,
						});
						return list.data.find((entry) => entry.id === body?.id);
					}
				: undefined;
			const response = await sigfoxRequest<IDataObject>(
				this,
				{ method, path, body },
				{ itemIndex: i, reconcile },
			);
			output.push({
				json: { ...response.body, reconciled: !!response.reconciled },
				pairedItem: { item: i },
			});
		}
		return [output];
	}
}
