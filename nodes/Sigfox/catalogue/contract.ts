import type { CatalogueField, CatalogueResource } from './types';
import { choice, contractLocator, jobIdField, collection } from './common';
import { ENDPOINTS } from '../../shared/endpoints';

const contractPath: CatalogueField = {
	in: 'path',
	apiName: 'id',
	format: 'objectId',
	property: contractLocator(),
};

export const contract: CatalogueResource = {
	value: 'contract',
	name: 'Contract',
	operations: [
		{
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many contracts',
			description:
				'List the contracts (orders of tokens) the API user can see, with their token counts and options',
			kind: 'list',
			endpoint: ENDPOINTS.listContractInfos,

			fields: [
				collection(
					'filters',
					'query',
					[
						{
							displayName: 'Group ID',
							name: 'groupId',
							type: 'string',
							default: '',
							description: 'Only contracts of this group',
						},
						{
							displayName: 'Include Subgroups',
							name: 'deep',
							type: 'boolean',
							default: false,
							description: 'Whether to include the contracts of the subgroups of the group',
						},
						{
							displayName: 'Name',
							name: 'name',
							type: 'string',
							default: '',
							description: 'Only contracts whose name contains this text',
						},
						choice('subscriptionPlan', {
							displayName: 'Subscription Plan',
							name: 'subscriptionPlan',
							default: 1,
						}),
					],
					{ optionFormats: { groupId: 'objectId' } },
				),
			],
		},
		{
			value: 'get',
			name: 'Get',
			action: 'Get a contract',
			description:
				'Retrieve a contract: its tokens in use, token duration, renewal and options such as network metadata',
			kind: 'single',
			endpoint: ENDPOINTS.getContractInfo,
			fields: [contractPath],
		},
		{
			value: 'getDevices',
			name: 'Get Devices',
			action: 'Get the devices of a contract',
			description: 'List the devices holding a token on a contract',
			kind: 'list',
			endpoint: ENDPOINTS.listContractDevices,

			fields: [
				contractPath,
				collection(
					'filters',
					'query',
					[
						{
							displayName: 'Device Type ID',
							name: 'deviceTypeId',
							type: 'string',
							default: '',
							description: 'Only the devices of this device type',
						},
					],
					{ optionFormats: { deviceTypeId: 'objectId' } },
				),
			],
		},
		{
			value: 'restartDevices',
			name: 'Restart Devices',
			action: 'Restart the devices of a contract',
			description:
				'Start a Sigfox job restarting every device holding a token on the contract, and optionally wait for its result',
			kind: 'job',
			endpoint: ENDPOINTS.restartContractDevices,
			statusEndpoint: ENDPOINTS.getContractBulkRestartJob,
			fields: [contractPath],
		},
		{
			value: 'getRestartJobStatus',
			name: 'Get Restart Job Status',
			action: 'Get the status of a contract restart job',
			description: 'Read whether a contract restart job is done, with its successes and errors',
			kind: 'jobStatus',
			endpoint: ENDPOINTS.getContractBulkRestartJob,

			fields: [jobIdField],
		},
	],
};
