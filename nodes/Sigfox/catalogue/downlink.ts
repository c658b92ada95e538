import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { CatalogueResource } from './types';

const DEVICE_ID = /^[0-9a-fA-F]{1,8}$/;
const DOWNLINK_DATA = /^[0-9a-fA-F]{16}$/;

/**
 * Sigfox's answer to a bidirectional callback: `{ "<device>": { "downlinkData": "<16 hex>" } }`,
 * or `noData` (sigfox-callbacks.md §4). The Sigfox Trigger in "From the Workflow" mode sends the
 * last node's first item as that answer.
 */
async function buildAnswer(ctx: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const deviceId = String(ctx.getNodeParameter('deviceId', itemIndex) ?? '').trim();
	const data = String(ctx.getNodeParameter('downlinkData', itemIndex) ?? '').trim();
	if (!DEVICE_ID.test(deviceId)) {
		throw new NodeOperationError(ctx.getNode(), `Device ID "${deviceId}" is not valid`, {
			itemIndex,
			description:
				'A Sigfox device ID is 1 to 8 hexadecimal characters, e.g. the deviceId of the trigger item.',
		});
	}
	if (data === '') return [{ [deviceId]: { noData: true } }];
	if (!DOWNLINK_DATA.test(data)) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Downlink data "${data}" is not 8 bytes of hexadecimal`,
			{
				itemIndex,
				description:
					'A Sigfox downlink is exactly 8 bytes: 16 characters 0-9, a-f, e.g. 0102030405060708. Leave it empty to send no downlink.',
			},
		);
	}
	return [{ [deviceId]: { downlinkData: data.toLowerCase() } }];
}

export const downlink: CatalogueResource = {
	value: 'downlink',
	name: 'Downlink',
	operations: [
		{
			value: 'buildAnswer',
			name: 'Build Answer',
			action: 'Build a downlink answer',
			description:
				'Build the answer Sigfox expects to a bidirectional uplink; make it the last node of a Sigfox Trigger workflow in "From the Workflow" mode',
			run: buildAnswer,
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
