import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import type { Endpoint } from '../../nodes/shared/endpoints';
import { ENDPOINTS } from '../../nodes/shared/endpoints';
import type { SigfoxRequest } from '../../nodes/shared/transport';
import { sigfoxRequest } from '../../nodes/shared/transport';

/** The endpoint of the table a concrete `method path` calls, with its path parameters. */
function routeOf(method: IHttpRequestMethods, path: string): SigfoxRequest {
	// The most literal template first, so that `/devices/bulk` is not read as `/devices/{id}`.
	const literal = (e: Endpoint) => e.path.replace(/\{\w+\}/g, '').length;
	const endpoints: Endpoint[] = Object.values(ENDPOINTS).sort((a, b) => literal(b) - literal(a));
	for (const endpoint of endpoints.filter((e) => e.method === method)) {
		const names: string[] = [];
		const pattern = endpoint.path
			.replace(/[.*+?^$()|[\]\\]/g, '\\$&')
			.replace(/\\?\{(\w+)\\?\}/g, (_, name: string) => {
				names.push(name);
				return '([^/]+)';
			});
		const match = new RegExp(`^${pattern}$`).exec(path);
		if (match) {
			return {
				endpoint,
				params: Object.fromEntries(
					names.map((name, i) => [name, decodeURIComponent(match[i + 1])]),
				),
			};
		}
	}
	throw new RangeError(`No endpoint of the table is ${method} ${path}`);
}

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
						const { body: list } = await sigfoxRequest<{ data: IDataObject[] }>(
							this,
							routeOf('GET', reconcileFrom),
						);
						return list.data.find((entry) => entry.id === body?.id);
					}
				: undefined;
			const response = await sigfoxRequest<IDataObject>(
				this,
				{ ...routeOf(method, path), body },
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
