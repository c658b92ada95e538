import type { CatalogueResource } from './types';

export const downlink: CatalogueResource = {
	value: 'downlink',
	name: 'Downlink',
	operations: [
		{
			value: 'buildAnswer',
			name: 'Build Answer',
			action: 'Build a downlink answer',
			description:
				'Build the answer Sigfox expects to a bidirectional uplink and send it at once (Sigfox Trigger in "From the Workflow" mode)',
			kind: 'local',
			behaviour: 'buildDownlinkAnswer',
			notAsTool:
				'It answers the bidirectional callback that started the workflow (the Sigfox Trigger in "From the Workflow" mode), which a tool call does not have: the answer would reach no device, and could answer the webhook that started the agent instead. Use it as a node after the Sigfox Trigger.',
			fields: [
				{
					property: {
						displayName: 'Device ID',
						name: 'deviceId',
						type: 'string',
						required: true,
						default: '={{ $json.deviceId }}',
						description: 'The device that asked for the downlink, as the Sigfox Trigger outputs it',
					},
				},
				{
					property: {
						displayName: 'Downlink Data',
						name: 'downlinkData',
						type: 'string',
						default: '',
						placeholder: 'e.g. 0102030405060708',
						description: '8 bytes as 16 hexadecimal characters; empty sends no downlink (noData)',
					},
				},
			],
		},
	],
};
