import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	decoderFor,
	PayloadConfigError,
	PayloadDataError,
	type PayloadDecoder,
} from '../../shared/payload';
import type { CatalogueResource } from './types';

async function decodePayload(ctx: IExecuteFunctions, itemIndex: number) {
	const config = ctx.getNodeParameter('payloadConfig', itemIndex) as string;
	const data = ctx.getNodeParameter('data', itemIndex) as unknown;
	let decoder: PayloadDecoder;
	try {
		decoder = decoderFor(config);
	} catch (error) {
		if (!(error instanceof PayloadConfigError)) {
			throw new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
		}
		const count = error.issues.length;
		throw new NodeOperationError(
			ctx.getNode(),
			`The payload config has ${count === 1 ? 'an error' : `${count} errors`}`,
			{
				itemIndex,
				description: error.issues
					.map((issue) => `Field ${issue.position} "${issue.definition}": ${issue.message}`)
					.join('\n'),
			},
		);
	}
	try {
		return [{ ...ctx.getInputData()[itemIndex].json, decoded: decoder.decode(data as string) }];
	} catch (error) {
		if (!(error instanceof PayloadDataError)) {
			throw new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
		}
		throw new NodeOperationError(ctx.getNode(), error.message, {
			itemIndex,
			description:
				'The data must be the hexadecimal payload of the message (0 to 12 bytes), long enough for every field of the payload config.',
		});
	}
}

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
			run: decodePayload,
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
