import type { CatalogueResource } from './types';

export const deviceType: CatalogueResource = {
	value: 'deviceType',
	name: 'Device Type',
	operations: [
		{
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many device types',
			description: 'List the device types the API user can see',
			request: { method: 'GET', path: '/device-types/' },
			list: true,
			fields: [
				{
					in: 'query',
					property: {
						displayName: 'Filters',
						name: 'filters',
						type: 'collection',
						placeholder: 'Add Filter',
						default: {},
						options: [
							{
								displayName: 'Name',
								name: 'name',
								type: 'string',
								default: '',
								description: 'Only device types whose name contains this text',
							},
							{
								displayName: 'Group IDs',
								name: 'groupIds',
								type: 'string',
								default: '',
								description: 'Comma-separated IDs of the groups whose device types to list',
							},
							{
								displayName: 'Include Subgroups',
								name: 'deep',
								type: 'boolean',
								default: false,
								description: 'Whether to include the device types of the subgroups of the groups',
							},
						],
					},
				},
			],
		},
	],
};
