import type { CatalogueResource } from './types';

export const payload: CatalogueResource = {
	value: 'payload',
	name: 'Payload',
	operations: [
		{
			value: 'decode',
			name: 'Decode',
			action: 'Decode a payload',
			description:
				"Decode a message's hexadecimal data with a Sigfox custom payload config, without calling Sigfox",
			kind: 'local',
			behaviour: 'decodePayload',
			fields: [
				{
					property: {
						displayName: 'Payload Config',
						name: 'payloadConfig',
						type: 'string',
						default: '',
						required: true,
						placeholder: 'e.g. temp::int:16:little-endian hum::uint:8 flag::bool:7',
						description:
							'The custom payload config, in the grammar of the Sigfox portal: space-separated name:byte_index:type:params',
					},
				},
				{
					property: {
						displayName: 'Data',
						name: 'data',
						type: 'string',
						default: '={{ $json.data }}',
						required: true,
						description: 'The hexadecimal payload to decode, e.g. the data of a message',
					},
				},
			],
		},
	],
};
