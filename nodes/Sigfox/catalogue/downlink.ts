import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { CatalogueResource } from './types';

const DEVICE_ID = /^[0-9a-fA-F]{1,8}$/;
const DOWNLINK_DATA = /^[0-9a-fA-F]{16}$/;

/**
 * Sigfox's answer to a bidirectional callback: `{ "<device>": { "downlinkData": "<16 hex>" } }`,
 * or `noData` (docs/sigfox/callbacks.md#bidir-answer). The first item's answer is sent to Sigfox at once, through
 * n8n's webhook response (the Sigfox Trigger's bidirectional webhook in "From the Workflow" mode,
 * or a Webhook node answering "Using 'Respond to Webhook' Node"): the device gets its downlink
 * while the nodes after this one still run, and in queue mode the worker hands the answer to the
 * webhook processor as soon as it is built rather than when the execution ends.
 */
async function buildAnswer(ctx: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const answer = answerOf(ctx, itemIndex);
	if (itemIndex === 0) {
		await ctx.sendResponse({
			body: answer,
			headers: { 'content-type': 'application/json' },
			statusCode: 200,
		});
	}
	return [answer];
}

function answerOf(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const deviceId = String(ctx.getNodeParameter('deviceId', itemIndex) ?? '').trim();
	const data = String(ctx.getNodeParameter('downlinkData', itemIndex) ?? '').trim();
	if (!DEVICE_ID.test(deviceId)) {
		throw new NodeOperationError(ctx.getNode(), `Device ID "${deviceId}" is not valid`, {
			itemIndex,
			description:
				'A Sigfox device ID is 1 to 8 hexadecimal characters, e.g. the deviceId of the trigger item.',
		});
	}
	if (data === '') return { [deviceId]: { noData: true } };
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
	return { [deviceId]: { downlinkData: data.toLowerCase() } };
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
				'Build the answer Sigfox expects to a bidirectional uplink and send it at once (Sigfox Trigger in "From the Workflow" mode)',
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
