import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { catalogueProperties } from './actions/description';
import { route } from './actions/router';
import * as listSearch from './methods/listSearch';
import { sigfoxNodeHeader } from '../shared/nodeHeader';

export class Sigfox implements INodeType {
	description: INodeTypeDescription = {
		...sigfoxNodeHeader(
			'Sigfox',
			'sigfox',
			'transform',
			'Administer Sigfox devices (one by one or in bulk jobs), device types, callbacks, messages, groups, users, API users, contracts, coverage and tiles through the Sigfox API v2, and decode payloads',
		),
		icon: { light: 'file:../../icons/sigfox.svg', dark: 'file:../../icons/sigfox.dark.svg' },
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'sigfoxApi',
				required: true,
				// Decoding a payload and building a downlink answer call no API.
				displayOptions: { hide: { resource: ['payload', 'downlink'] } },
			},
		],
		properties: catalogueProperties(),
	};

	methods = { listSearch: { ...listSearch } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return route.call(this);
	}
}
