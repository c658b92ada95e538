'use strict';

const { string, number, boolean, integer, object, arrayOf } = require('./schema');
const { invalidField, notFound } = require('./errors');
const { RATE_LIMITS } = require('./rate-limits');
const { applyUpdate } = require('./resources');
const { locationErrors, productCertificate, singleDeviceFields } = require('./devices');
const { findDeviceType } = require('./device-types');
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

function requireDeviceType(state, deviceTypeId) {
	if (!state.deviceTypes.has(deviceTypeId))
		throw invalidField('body', 'deviceTypeId', 'unknown device type');
}

const MISSING_DEVICE = "the device doesn't exist";

/** restart / suspend / resume: a list of device ids and a state change (docs/sigfox/api.md#bulk-bodies). */
function actionRoutes(action, operationIds, apply) {
	return [
		{
			method: 'POST',
			path: `/devices/bulk/${action}`,
			operationId: operationIds.start,
			body: deviceActionJob,
			query: { groupId: 'string' },
			handle(ctx) {
				const job = startJob(ctx, {
					kind: action,
					shape: 'action',
					items: ctx.body.data,
					idOf: (id) => id,
					apply: (id, entity) => {
						const device = ctx.state.devices.get(entity);
						if (!device) return MISSING_DEVICE;
						apply(device);
						return undefined;
					},
				});
				return { body: { jobId: job.id } };
			},
		},
		{
			method: 'GET',
			path: `/devices/bulk/${action}/{jobId}`,
			operationId: operationIds.status,
			handle({ state, params }) {
				return { body: presentJob(findJob(state, params.jobId, [action])) };
			},
		},
	];
}

const bulkJobRoutes = [
	{
		method: 'POST',
		path: '/devices/bulk',
		operationId: 'createBulkDevice',
		body: asynchronousDeviceCreationJob,
		rateLimit: RATE_LIMITS.bulk,
		handle(ctx) {
			const { state, body, login } = ctx;
			requireDeviceType(state, body.deviceTypeId);
			const items = body.data ?? [];
			const job = startJob(ctx, {
				kind: 'create',
				shape: 'registration',
				items,
				idOf: (item) => item.id,
				apply: (item, entity) => {
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
			});
			return { body: { total: job.total, jobId: job.id } };
		},
	},
	{
		method: 'PUT',
		path: '/devices/bulk',
		operationId: 'deviceBulkEditAsync',
		body: asynchronousDeviceEditionJob,
		query: { groupId: 'string' },
		rateLimit: RATE_LIMITS.bulk,
		handle(ctx) {
			const { state, body, login } = ctx;
			const job = startJob(ctx, {
				kind: 'edit',
				shape: 'registration',
				items: body.data,
				idOf: (item) => item.id,
				apply: (item, entity) => {
					const device = state.devices.get(entity);
					if (!device) return MISSING_DEVICE;
					if (locationErrors(item).length) return 'invalid location';
					const { id, ...changes } = item;
					applyUpdate(device, { ...changes, lastEditionTime: Date.now(), lastEditedBy: login });
					return undefined;
				},
			});
			return { body: { total: job.total, jobId: job.id } };
		},
	},
	{
		method: 'GET',
		path: '/devices/bulk/{jobId}',
		operationId: 'getBulkJobForDevice',
		handle({ state, params }) {
			return { body: presentJob(findJob(state, params.jobId, ['create', 'edit', 'transfer'])) };
		},
	},
	{
		method: 'POST',
		path: '/devices/bulk/transfer',
		operationId: 'deviceBulkTransfer',
		body: asynchronousDeviceTransferJob,
		rateLimit: RATE_LIMITS.bulk,
		handle(ctx) {
			const { state, body } = ctx;
			requireDeviceType(state, body.deviceTypeId);
			const job = startJob(ctx, {
				kind: 'transfer',
				shape: 'registration',
				items: body.data ?? [],
				idOf: (item) => item.id,
				apply: (item, entity) => {
					const device = state.devices.get(entity);
					if (!device) return MISSING_DEVICE;
					device.deviceTypeId = body.deviceTypeId;
					if (!item.keepHistory) {
						const kept = state.messages.filter((message) => message.device !== entity);
						state.messages.splice(0, state.messages.length, ...kept);
					}
					for (const message of state.messages) {
						if (message.device === entity) message.deviceTypeId = body.deviceTypeId;
					}
					return undefined;
				},
			});
			return { body: { total: job.total, jobId: job.id } };
		},
	},
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
	...actionRoutes(
		'restart',
		{ start: 'devicesBulkRestart', status: 'getBulkRestartJob' },
		(device) => {
			device.state = DEVICE_STATE.OK;
		},
	),
	...actionRoutes(
		'suspend',
		{ start: 'devicesBulkSuspend', status: 'getBulkSuspendJob' },
		(device) => {
			device.state = DEVICE_STATE.SUSPENDED;
		},
	),
	...actionRoutes(
		'resume',
		{ start: 'devicesBulkResume', status: 'getBulkResumeJob' },
		(device) => {
			device.state = DEVICE_STATE.OK;
		},
	),
	{
		method: 'POST',
		path: '/devices/bulk/unsubscribe',
		operationId: 'deviceBulkUnsubscribe',
		body: bulkUnsubscribe,
		query: { groupId: 'string' },
		handle(ctx) {
			const job = startJob(ctx, {
				kind: 'unsubscribe',
				shape: 'action',
				items: ctx.body.data ?? [],
				idOf: (item) => item.id,
				apply: (item, entity) => {
					const device = ctx.state.devices.get(entity);
					if (!device) return MISSING_DEVICE;
					device.unsubscriptionTime = item.unsubscriptionTime ?? Date.now();
					return undefined;
				},
			});
			return { body: { jobId: job.id } };
		},
	},
	{
		method: 'GET',
		path: '/devices/bulk/unsubscribe/{jobId}',
		operationId: 'getDeviceUnsubscribeJob',
		handle({ state, params }) {
			return { body: presentJob(findJob(state, params.jobId, ['unsubscribe'])) };
		},
	},
	{
		method: 'POST',
		path: '/device-types/{id}/bulk/restart',
		operationId: 'deviceTypeBulkRestart',
		handle(ctx) {
			const deviceType = findDeviceType(ctx.state, ctx.params.id);
			const devices = [...ctx.state.devices.values()].filter(
				(device) => device.deviceTypeId === deviceType.id,
			);
			const job = startJob(ctx, {
				kind: 'deviceTypeRestart',
				shape: 'action',
				items: devices,
				idOf: (device) => device.id,
				apply: (device) => {
					device.state = DEVICE_STATE.OK;
					return undefined;
				},
			});
			return { body: { jobId: job.id } };
		},
	},
	{
		method: 'GET',
		path: '/device-types/bulk/restart/{jobId}',
		operationId: 'getDeviceTypeBulkRestartJob',
		handle({ state, params }) {
			return { body: presentJob(findJob(state, params.jobId, ['deviceTypeRestart'])) };
		},
	},
];

module.exports = { bulkJobRoutes, startJob, presentJob, findJob };
