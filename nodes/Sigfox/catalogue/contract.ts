import type { CatalogueField, CatalogueResource } from './types';
import {
	authorizationsOption,
	choice,
	contractLocator,
	includeOption,
	jobIdField,
	readOptions,
	collection,
	COSTS,
	toolConfirmation,
} from './common';
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
							displayName: 'Active After',
							name: 'fromTime',
							type: 'dateTime',
							default: '',
							description:
								'Only contracts whose communication end time is at or after this date and time (still running then)',
						},
						{
							displayName: 'External Contract IDs',
							name: 'contractIds',
							type: 'string',
							default: '',
							description:
								'Comma-separated contract IDs of Sigfox’s billing system (a contract’s contractId, not its ID)',
						},
						choice('geolocationMode', {
							displayName: 'Geolocation Mode',
							name: 'geolocationMode',
							default: 1,
							description: 'Only contracts with this geolocation service level (Atlas)',
						}),
						{
							displayName: 'Group ID',
							name: 'groupId',
							type: 'string',
							default: '',
							description: 'Only contracts of this group',
						},
						choice('contractGroupType', {
							displayName: 'Group Type',
							name: 'groupType',
							default: 2,
							description: 'Only contracts of groups of this type',
						}),
						includeOption(ENDPOINTS.listContractInfos),
						authorizationsOption,
						{
							displayName: 'Include Parent Groups',
							name: 'up',
							type: 'boolean',
							default: false,
							description:
								'Whether to include the contracts of the groups above the group, up to the top',
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
						{
							displayName: 'Order IDs',
							name: 'orderIds',
							type: 'string',
							default: '',
							description:
								'Comma-separated IDs of the orders whose contracts to list (the order a contract’s Get shows)',
						},
						choice('pricingModel', {
							displayName: 'Pricing Model',
							name: 'pricingModel',
							default: 1,
							description: 'Only contracts with this version of Sigfox’s pricing model',
						}),
						{
							displayName: 'Started Before',
							name: 'toTime',
							type: 'dateTime',
							default: '',
							description: 'Only contracts whose start time is before this date and time',
						},
						choice('subscriptionPlan', {
							displayName: 'Subscription Plan',
							name: 'subscriptionPlan',
							default: 1,
						}),
						{
							displayName: 'Token Duration',
							name: 'tokenDuration',
							type: 'number',
							default: 12,
							description: 'Only contracts whose tokens last this many months',
						},
					],
					{
						optionFormats: { groupId: 'objectId', orderIds: 'objectIds' },
						optionEncodings: { fromTime: 'epochMs', toTime: 'epochMs' },
					},
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
			fields: [contractPath, readOptions(ENDPOINTS.getContractInfo, [authorizationsOption])],
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
						includeOption(ENDPOINTS.listContractDevices),
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
			fields: [contractPath, toolConfirmation('confirmRestart', 'Confirm Restart', COSTS.restart)],
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
