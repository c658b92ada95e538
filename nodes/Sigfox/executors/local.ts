import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { downlinkAnswer } from '../../shared/downlink';
import { isFormat } from '../../shared/ids';
import {
	decoderFor,
	PayloadConfigError,
	PayloadDataError,
	type PayloadDecoder,
} from '../../shared/payload';
import type { LocalBehaviour } from '../catalogue/types';
import type { ItemExecutor } from './types';

/** Payload → Decode: the input item with the message's data decoded by a custom payload config. */
async function decodePayload(ctx: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
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

function answerOf(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const deviceId = String(ctx.getNodeParameter('deviceId', itemIndex) ?? '').trim();
	const data = String(ctx.getNodeParameter('downlinkData', itemIndex) ?? '').trim();
	if (!isFormat('deviceId', deviceId)) {
		throw new NodeOperationError(ctx.getNode(), `Device ID "${deviceId}" is not valid`, {
			itemIndex,
			description:
				'A Sigfox device ID is 1 to 8 hexadecimal characters, e.g. the deviceId of the trigger item.',
		});
	}
	if (data === '') return downlinkAnswer(deviceId, undefined);
	if (!isFormat('downlinkData', data)) {
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
	return downlinkAnswer(deviceId, data);
}

/**
 * Downlink → Build Answer: Sigfox's answer to a bidirectional uplink. The first item's answer is sent
 * at once through n8n's webhook response (the Sigfox Trigger's bidirectional webhook in "From the
 * Workflow" mode, or a Webhook node answering "Using 'Respond to Webhook' Node"): the device gets its
 * downlink while the nodes after this one still run, and in queue mode the worker hands the answer to
 * the webhook processor as soon as it is built rather than when the execution ends.
 */
async function buildDownlinkAnswer(
	ctx: IExecuteFunctions,
	itemIndex: number,
): Promise<IDataObject[]> {
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

const BEHAVIOURS: Record<
	LocalBehaviour,
	(ctx: IExecuteFunctions, itemIndex: number) => Promise<IDataObject[]>
> = { decodePayload, buildDownlinkAnswer };

/** An operation that sends no request. */
export const runLocal: ItemExecutor<'local'> = async function* (ctx, operation, itemIndex) {
	yield (await BEHAVIOURS[operation.behaviour](ctx, itemIndex)).map((json) => ({ json }));
};
