import { payloadConfigProperty } from '../../shared/payload';
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
					property: payloadConfigProperty(
						'The custom payload config, in the grammar of the Sigfox portal: space-separated name:byte_index:type:params',
						{ required: true },
					),
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
