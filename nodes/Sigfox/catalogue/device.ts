import type { CatalogueResource } from './types';
import { deviceLocator, deviceTypeLocator } from './common';

export const device: CatalogueResource = {
	value: 'device',
	name: 'Device',
	operations: [
		{
			value: 'get',
			name: 'Get',
			action: 'Get a device',
			description: 'Retrieve a device with its state, token and last communication',
			request: { method: 'GET', path: '/devices/{id}' },
			fields: [{ property: deviceLocator(), in: 'path', apiName: 'id', format: 'deviceId' }],
		},
		{
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many devices',
			description: 'List devices, optionally of one device type',
			request: { method: 'GET', path: '/devices/' },
			list: true,
			fields: [
				{
					in: 'query',
					optionFormats: { deviceTypeId: 'objectId', id: 'deviceId' },
					property: {
						displayName: 'Filters',
						name: 'filters',
						type: 'collection',
						placeholder: 'Add Filter',
						default: {},
						options: [
							deviceTypeLocator({
								required: false,
								description: 'Only devices of this device type',
							}),
							{
								displayName: 'Group IDs',
								name: 'groupIds',
								type: 'string',
								default: '',
								description: 'Comma-separated IDs of the groups whose devices to list',
							},
							{
								displayName: 'Include Subgroups',
								name: 'deep',
								type: 'boolean',
								default: false,
								description: 'Whether to include the devices of the subgroups of the groups',
							},
							{
								displayName: 'Device ID',
								name: 'id',
								type: 'string',
								default: '',
								placeholder: 'e.g. 007B480F',
								description: 'Only the device with this ID',
							},
							{
								displayName: 'Sort',
								name: 'sort',
								type: 'options',
								default: 'name',
								options: [
									{ name: 'ID', value: 'id' },
									{ name: 'ID (Descending)', value: '-id' },
									{ name: 'Last Communication', value: 'lastCom' },
									{ name: 'Last Communication (Descending)', value: '-lastCom' },
									{ name: 'Name', value: 'name' },
									{ name: 'Name (Descending)', value: '-name' },
								],
							},
						],
					},
				},
			],
		},
	],
};
