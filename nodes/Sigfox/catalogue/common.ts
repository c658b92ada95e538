import type { INodeProperties } from 'n8n-workflow';

export const deviceTypeLocator = (overrides: Partial<INodeProperties> = {}): INodeProperties => ({
	displayName: 'Device Type',
	name: 'deviceTypeId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchDeviceTypes', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 57309548171c857460043085',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '^[0-9a-fA-F]{24}$',
						errorMessage: 'A device type ID is 24 hexadecimal characters',
					},
				},
			],
		},
	],
	...overrides,
});

export const deviceLocator = (overrides: Partial<INodeProperties> = {}): INodeProperties => ({
	displayName: 'Device',
	name: 'deviceId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchDevices', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 007B480F',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '^[0-9a-fA-F]{1,8}$',
						errorMessage: 'A device ID is 1 to 8 hexadecimal characters',
					},
				},
			],
		},
	],
	...overrides,
});
