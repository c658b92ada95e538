'use strict';

const { string, number, boolean, integer, object, arrayOf } = require('./schema');
const { invalidField, notFound } = require('./errors');
const { RATE_LIMITS } = require('./rate-limits');
const { applyUpdate } = require('./resources');
const { locationErrors, productCertificate, singleDeviceFields } = require('./devices');
const { findDeviceType } = require('./device-types');
const { forget: forgetHistoryViews } = require('./history');
const { objectId } = require('../data/state');
const { DEVICE_ID, DEVICE_STATE, PAC, compact, newDevice } = require('../data/model');

/** How long a job runs before `jobDone` turns true, before time scaling. */
const JOB_DURATION_MS = 2000;
/** jobError.type (docs/sigfox/api.md#job-error-type). */
const ENTITY_ERROR = 0;

const asynchronousDeviceCreationJob = object(
	{
		deviceTypeId: string(),
		productCertificate,
		prototype: boolean(),
		prefix: string({ maxLength: 40 }),
		data: arrayOf(
			object(
				{
					id: string(),
					pac: string(),
					name: string(),
					lat: number(),
					lng: number(),
					automaticRenewal: boolean(),
					activable: boolean(),
				},
				['id'],
			),
		),
	},
	['deviceTypeId'],
);
const asynchronousDeviceEditionJob = object(
	{
		data: arrayOf(
			object({ ...singleDeviceFields, id: string(), name: string({ maxLength: 100 }) }, ['id']),
		),
	},
	['data'],
);
const asynchronousDeviceTransferJob = object(
	{
		deviceTypeId: string(),
		data: arrayOf(object({ id: string(), keepHistory: boolean(), activable: boolean() }, ['id'])),
	},
	['deviceTypeId'],
);
const deviceActionJob = object({ data: arrayOf(string()) }, ['data']);
const asynchronousDeviceReplacementJob = object({
	data: arrayOf(object({ deviceId: string(), targetDeviceId: string() })),
});
const bulkUnsubscribe = object({
	data: arrayOf(object({ id: string(), unsubscriptionTime: integer() })),
});

/**
 * Runs `apply` on each item after JOB_DURATION_MS (scaled): Sigfox answers the start at once with a
 * jobId and completes later (docs/sigfox/api.md#bulk-jobs). `apply` returns an error message or undefined.
 * `shape` picks the status model: 'registration' (registrationJobStatus) or 'action' (actionJob).
 */
function startJob({ state, later }, { kind, shape, items, idOf, apply }) {
	const job = {
		id: objectId(),
		kind,
		shape,
		jobDone: false,
		total: items.length,
		success: 0,
		errors: [],
	};
	state.jobs.set(job.id, job);
	later(() => {
		const seen = new Set();
		for (const item of items) {
			const entity = String(idOf(item)).toUpperCase();
			const message = seen.has(entity) ? 'duplicate device id in the request' : apply(item, entity);
			seen.add(entity);
			if (message) job.errors.push({ entity, message, type: ENTITY_ERROR });
			else job.success += 1;
		}
		job.jobDone = true;
	}, JOB_DURATION_MS);
	return job;
}

function presentJob(job) {
	if (job.shape === 'registration') {
		return {
			jobDone: job.jobDone,
			total: job.total,
			status: { success: job.success, errors: job.errors },
		};
	}
	return {
		jobDone: job.jobDone,
		status: {
			total: job.total,
			nbSuccess: job.success,
			nbErrors: job.errors.length,
			errors: job.errors,
		},
	};
}

function findJob(state, jobId, kinds) {
	const job = state.jobs.get(jobId);
	if (!job || !kinds.includes(job.kind)) throw notFound();
	return job;
}

/** `items` of a job whose body names the device type of its devices, which must exist. */
function itemsForDeviceType({ state, body }) {
	if (!state.deviceTypes.has(body.deviceTypeId))
		throw invalidField('body', 'deviceTypeId', 'unknown device type');
	return body.data ?? [];
}

const MISSING_DEVICE = "the device doesn't exist";

/**
 * POST that starts a job and answers at once (docs/sigfox/api.md#bulk-jobs): `{ total, jobId }` for a
 * registration job, `{ jobId }` for an action job. `items(ctx)` are picked at the start; later,
 * `apply(item, entity, ctx)` acts on each and returns its error message, if any.
 */
function jobRoute({ kind, shape, items, idOf = (item) => item.id, apply, ...fields }) {
	return {
		method: 'POST',
		...fields,
		handle(ctx) {
			const job = startJob(ctx, {
				kind,
				shape,
				items: items(ctx),
				idOf,
				apply: (item, entity) => apply(item, entity, ctx),
			});
			return {
				body: shape === 'registration' ? { total: job.total, jobId: job.id } : { jobId: job.id },
			};
		},
	};
}

/** GET of the status of a job of one of `kinds`. */
function jobStatusRoute({ kinds, ...fields }) {
	return {
		method: 'GET',
		...fields,
		handle({ state, params }) {
			return { body: presentJob(findJob(state, params.jobId, kinds)) };
		},
	};
}

/** `apply` for items that name a device: `change(device, item, ctx)`, or the error of a missing device. */
function onDevice(change) {
	return (item, entity, ctx) => {
		const device = ctx.state.devices.get(entity);
		return device ? change(device, item, ctx) : MISSING_DEVICE;
	};
}

/** What restart and resume do to a device: back to the OK state. */
const restart = (device) => {
	device.state = DEVICE_STATE.OK;
};

/** restart / suspend / resume: a list of device ids and a state change (docs/sigfox/api.md#bulk-bodies). */
function deviceActionRoutes(action, operationIds, change) {
	return [
		jobRoute({
			path: `/devices/bulk/${action}`,
			operationId: operationIds.start,
			body: deviceActionJob,
			query: { groupId: 'string' },
			kind: action,
			shape: 'action',
			items: ({ body }) => body.data,
			idOf: (id) => id,
			apply: onDevice(change),
		}),
		jobStatusRoute({
			path: `/devices/bulk/${action}/{jobId}`,
			operationId: operationIds.status,
			kinds: [action],
		}),
	];
}

const bulkJobRoutes = [
	jobRoute({
		path: '/devices/bulk',
		operationId: 'createBulkDevice',
		body: asynchronousDeviceCreationJob,
		rateLimit: RATE_LIMITS.bulk,
		kind: 'create',
		shape: 'registration',
		items: itemsForDeviceType,
		apply(item, entity, { state, body, login }) {
			if (!DEVICE_ID.test(entity)) return 'invalid device id';
			if (state.devices.get(entity)) return 'the device already exists';
			if (!PAC.test(item.pac ?? '')) return 'invalid PAC';
			if (locationErrors(item).length) return 'invalid location';
			const fields = {
				prototype: body.prototype,
				productCertificate: body.productCertificate,
				...item,
				id: entity,
				name: item.name ?? `${body.prefix ?? ''}${entity}`,
				deviceTypeId: body.deviceTypeId,
			};
			state.devices.set(entity, newDevice(compact(fields), { createdBy: login }));
			return undefined;
		},
	}),
	jobRoute({
		path: '/devices/bulk',
		method: 'PUT',
		operationId: 'deviceBulkEditAsync',
		body: asynchronousDeviceEditionJob,
		query: { groupId: 'string' },
		rateLimit: RATE_LIMITS.bulk,
		kind: 'edit',
		shape: 'registration',
		items: ({ body }) => body.data,
		apply: onDevice((device, item, { login }) => {
			if (locationErrors(item).length) return 'invalid location';
			const { id, ...changes } = item;
			applyUpdate(device, { ...changes, lastEditionTime: Date.now(), lastEditedBy: login });
			return undefined;
		}),
	}),
	jobStatusRoute({
		path: '/devices/bulk/{jobId}',
		operationId: 'getBulkJobForDevice',
		kinds: ['create', 'edit', 'transfer'],
	}),
	jobRoute({
		path: '/devices/bulk/transfer',
		operationId: 'deviceBulkTransfer',
		body: asynchronousDeviceTransferJob,
		rateLimit: RATE_LIMITS.bulk,
		kind: 'transfer',
		shape: 'registration',
		items: itemsForDeviceType,
		apply: onDevice((device, item, { state, body }) => {
			device.deviceTypeId = body.deviceTypeId;
			if (!item.keepHistory) {
				// In place: spreading a fleet's history into one call overflows the stack.
				let kept = 0;
				for (const message of state.messages) {
					if (message.device !== device.id) state.messages[kept++] = message;
				}
				state.messages.length = kept;
			}
			for (const message of state.messages) {
				if (message.device === device.id) message.deviceTypeId = body.deviceTypeId;
			}
			forgetHistoryViews(state.messages);
			return undefined;
		}),
	}),
	{
		method: 'POST',
		path: '/devices/bulk/replace',
		operationId: 'devicesBulkReplace',
		body: asynchronousDeviceReplacementJob,
		// Synchronous: the answer is the outcome, a replaceResponse (docs/sigfox/api.md#job-status).
		handle({ state, body }) {
			const items = body.data ?? [];
			const errors = [];
			for (const { deviceId = '', targetDeviceId = '' } of items) {
				const source = state.devices.get(deviceId.toUpperCase());
				const target = state.devices.get(targetDeviceId.toUpperCase());
				const message = !source
					? MISSING_DEVICE
					: !target
						? "the target device doesn't exist"
						: undefined;
				if (message) {
					errors.push({ entity: deviceId.toUpperCase(), message, type: ENTITY_ERROR });
					continue;
				}
				target.tokenEnd = source.tokenEnd;
				source.activable = false;
			}
			return {
				body: { total: items.length, status: { success: items.length - errors.length, errors } },
			};
		},
	},
	...deviceActionRoutes(
		'restart',
		{ start: 'devicesBulkRestart', status: 'getBulkRestartJob' },
		restart,
	),
	...deviceActionRoutes(
		'suspend',
		{ start: 'devicesBulkSuspend', status: 'getBulkSuspendJob' },
		(device) => {
			device.state = DEVICE_STATE.SUSPENDED;
		},
	),
	...deviceActionRoutes(
		'resume',
		{ start: 'devicesBulkResume', status: 'getBulkResumeJob' },
		restart,
	),
	jobRoute({
		path: '/devices/bulk/unsubscribe',
		operationId: 'deviceBulkUnsubscribe',
		body: bulkUnsubscribe,
		query: { groupId: 'string' },
		kind: 'unsubscribe',
		shape: 'action',
		items: ({ body }) => body.data ?? [],
		apply: onDevice((device, item) => {
			device.unsubscriptionTime = item.unsubscriptionTime ?? Date.now();
		}),
	}),
	jobStatusRoute({
		path: '/devices/bulk/unsubscribe/{jobId}',
		operationId: 'getDeviceUnsubscribeJob',
		kinds: ['unsubscribe'],
	}),
	jobRoute({
		path: '/device-types/{id}/bulk/restart',
		operationId: 'deviceTypeBulkRestart',
		kind: 'deviceTypeRestart',
		shape: 'action',
		items({ state, params }) {
			const deviceType = findDeviceType(state, params.id);
			return [...state.devices.values()].filter((device) => device.deviceTypeId === deviceType.id);
		},
		apply: restart,
	}),
	jobStatusRoute({
		path: '/device-types/bulk/restart/{jobId}',
		operationId: 'getDeviceTypeBulkRestartJob',
		kinds: ['deviceTypeRestart'],
	}),
];

module.exports = { bulkJobRoutes, jobRoute, jobStatusRoute, findJob, restart };
