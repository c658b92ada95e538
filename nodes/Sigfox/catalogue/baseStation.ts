import type { CatalogueResource } from './types';
import { includeOption, timeWindowField } from './common';
import { ENDPOINTS } from '../../shared/endpoints';

export const baseStation: CatalogueResource = {
	value: 'baseStation',
	name: 'Base Station',
	operations: [
		{
			value: 'getMessages',
			name: 'Get Messages',
			action: 'Get the messages received by a base station',
			description:
				'List the uplink messages a base station received, newest first, with ISO time and the message ID the trigger uses',
			kind: 'list',
			endpoint: ENDPOINTS.listBaseStationMessages,

			output: 'message',
			fields: [
				{
					in: 'path',
					apiName: 'id',
					property: {
						displayName: 'Base Station ID',
						name: 'baseStationId',
						type: 'string',
						default: '',
						required: true,
						placeholder: 'e.g. 1A2B',
						description: 'The hexadecimal ID of the base station (as in a message’s rinfos)',
					},
				},
				timeWindowField('messages received', [includeOption(ENDPOINTS.listBaseStationMessages)]),
			],
		},
	],
};
