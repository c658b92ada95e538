import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { errorItemJson, itemError } from '../../shared/errors';
import { sigfoxRequest } from '../../shared/transport';
import type { JobStatus } from './jobs';
import { JOB_ERROR_TYPES, normaliseJobStatus, pollJobUntilDone, waitOptions } from './jobs';
import type { BuiltRequest } from './parameters';
import { buildDeviceElement, buildRequest } from './parameters';
import type { OperationOf } from './types';

/** One input item as a device of a job. */
interface Device {
	itemIndex: number;
	deviceId: string;
	element: IDataObject | string;
}

interface Job {
	request: BuiltRequest;
	devices: Device[];
}

/** What `reconcile` answers for a job start whose outcome is unknown: nothing is sent again. */
const OUTCOME_UNKNOWN = { outcomeUnknown: true };

/** Sigfox's answer for each device of a finished job; devices it does not name succeeded. */
export function deviceOutcomes(
	devices: Array<{ deviceId: string }>,
	status: JobStatus,
): IDataObject[] {
	const byEntity = new Map<string, typeof status.errors>();
	for (const error of status.errors) {
		const entity = String(error.entity ?? '').toUpperCase();
		byEntity.set(entity, [...(byEntity.get(entity) ?? []), error]);
	}
	const unnamed = devices.filter((d) => !byEntity.has(d.deviceId.toUpperCase()));
	// Counts that do not add up mean Sigfox failed devices without naming them (e.g. a SYSTEM error).
	const unaccounted =
		status.success !== undefined && status.success < unnamed.length
			? status.errors.filter(
					(e) =>
						!devices.some((d) => d.deviceId.toUpperCase() === String(e.entity ?? '').toUpperCase()),
				)
			: undefined;
	return devices.map((device) => {
		const errors = byEntity.get(device.deviceId.toUpperCase());
		if (errors) {
			return {
				success: false,
				error: errors.map((e) => e.message ?? 'failed').join('; '),
				errorType: JOB_ERROR_TYPES[errors[0].type ?? 0] ?? errors[0].type,
			};
		}
		if (unaccounted) {
			const said = unaccounted
				.map((e) => e.message)
				.filter(Boolean)
				.join('; ');
			return {
				outcomeUnknown: true,
				error: `Sigfox counted ${status.success} successes for ${unnamed.length} devices without naming the failures${said ? ` (${said})` : ''}; check this device in Sigfox`,
			};
		}
		return { success: true };
	});
}

/**
 * Runs a bulk operation: every input item is one device; items that share the job-level parameters
 * are sent together in jobs of at most "Job Size" devices. Each device comes out as one item paired
 * with its input, with its own success or Sigfox error: per-device failures are results, not node errors.
 */
export async function runBulk(
	ctx: IExecuteFunctions,
	operation: OperationOf<'bulk'>,
): Promise<INodeExecutionData[]> {
	const bulk = operation.devices;
	const items = ctx.getInputData();
	const output: INodeExecutionData[] = [];
	const emit = (itemIndex: number, json: IDataObject) =>
		output.push({ json, pairedItem: { item: itemIndex } });

	const groups = new Map<string, Job>();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		let request: BuiltRequest;
		try {
			request = buildRequest(ctx, operation, itemIndex);
		} catch (error) {
			if (!ctx.continueOnFail()) throw itemError(ctx.getNode(), error, itemIndex);
			emit(itemIndex, errorItemJson(error));
			continue;
		}
		let element: IDataObject;
		try {
			element = buildDeviceElement(ctx, operation, itemIndex);
		} catch (error) {
			// An unusable device is that device's result, like a device Sigfox refuses.
			emit(itemIndex, { success: false, ...errorItemJson(error) });
			continue;
		}
		const deviceId = String(element[bulk.idField]).toUpperCase();
		// A device listed twice goes to another job: Sigfox names failures by device ID only.
		const jobKey = JSON.stringify([request.params, request.qs, request.body]);
		let occurrence = 0;
		while (groups.get(`${jobKey}#${occurrence}`)?.devices.some((d) => d.deviceId === deviceId)) {
			occurrence++;
		}
		const key = `${jobKey}#${occurrence}`;
		const group = groups.get(key) ?? { request, devices: [] };
		group.devices.push({
			itemIndex,
			deviceId,
			element: bulk.element === 'id' ? deviceId : { ...element, [bulk.idField]: deviceId },
		});
		groups.set(key, group);
	}

	const jobSize = Math.max(1, ctx.getNodeParameter('jobSize', 0, 10000) as number);
	for (const { request, devices } of groups.values()) {
		for (let start = 0; start < devices.length; start += jobSize) {
			const job = { request, devices: devices.slice(start, start + jobSize) };
			for (const result of await runJob(ctx, operation, job)) {
				emit(result.itemIndex, result.json);
			}
		}
	}
	output.sort(
		(a, b) => (a.pairedItem as { item: number }).item - (b.pairedItem as { item: number }).item,
	);
	return output;
}

async function runJob(
	ctx: IExecuteFunctions,
	operation: OperationOf<'bulk'>,
	{ request, devices }: Job,
): Promise<Array<{ itemIndex: number; json: IDataObject }>> {
	const firstItem = devices[0].itemIndex;
	const each = (outcome: (device: Device, index: number) => IDataObject) =>
		devices.map((device, index) => ({
			itemIndex: device.itemIndex,
			json: { deviceId: device.deviceId, ...outcome(device, index) },
		}));
	let answer: IDataObject;
	let reconciled: boolean | undefined;
	try {
		({ body: answer, reconciled } = await sigfoxRequest<IDataObject>(
			ctx,
			{
				endpoint: operation.endpoint,
				params: request.params,
				qs: request.qs,
				body: { ...request.body, data: devices.map((d) => d.element) as IDataObject[] },
			},
			{ itemIndex: firstItem, reconcile: async () => OUTCOME_UNKNOWN },
		));
	} catch (error) {
		if (!ctx.continueOnFail()) throw itemError(ctx.getNode(), error, firstItem);
		return each(() => errorItemJson(error));
	}
	if (reconciled) {
		return each(() => ({
			outcomeUnknown: true,
			error:
				'The connection to Sigfox dropped while the job was sent; it was not sent again. Check these devices in Sigfox before running them again.',
		}));
	}
	if (!operation.statusEndpoint) {
		const status = normaliseJobStatus(answer);
		const outcomes = deviceOutcomes(devices, status);
		return each((_, index) => outcomes[index]);
	}
	const jobId = String(answer.jobId);
	const { wait, maxWaitMs } = waitOptions(ctx, firstItem);
	if (!wait) return each(() => ({ jobId, jobDone: false }));
	let status: JobStatus;
	try {
		status = await pollJobUntilDone(ctx, operation.statusEndpoint, jobId, maxWaitMs, firstItem);
	} catch (error) {
		if (!ctx.continueOnFail()) throw itemError(ctx.getNode(), error, firstItem);
		return each(() => ({ jobId, ...errorItemJson(error) }));
	}
	if (!status.jobDone) {
		return each(() => ({
			jobId,
			jobDone: false,
			message: `The job was still running after ${Math.round(maxWaitMs / 60_000)} minutes; read it later with Get Job Status`,
		}));
	}
	const outcomes = deviceOutcomes(devices, status);
	return each((_, index) => ({ jobId, jobDone: true, ...outcomes[index] }));
}
