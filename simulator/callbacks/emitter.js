'use strict';

const { request } = require('undici');
const {
	render,
	dataVariables,
	dataAdvancedVariables,
	acknowledgeVariables,
	errorVariables,
} = require('./render');
const { CALLBACK_SUBTYPE, CALLBACK_TYPE, DOWNLINK_DATA } = require('../data/model');
const { objectId } = require('../data/state');

// Delivery timing, docs/sigfox/callbacks.md#key-numbers. The deadline is never scaled: receivers get the real 10 s.
const DEADLINE_MS = 10_000;
const RETRY_DELAYS_MS = [60_000, 120_000, 240_000];
const DATA_ADVANCED_DELAY_MS = 30_000;
/** BATCH_URL groups the messages of about one second into one request (docs/sigfox/callbacks.md#channels); not scaled. */
const BATCH_WINDOW_MS = 1000;
/** Platinum's daily downlink quota; beyond it ACKNOWLEDGE reports OVERRUN_ERROR (docs/sigfox/callbacks.md#downlink-quota). */
const DOWNLINKS_PER_DAY = 4;
const DOWNLINK_MODE = { DIRECT: 0, CALLBACK: 1 };
const KEPT_ANSWER_CHARS = 2000;

/** ACKNOWLEDGE infoCodes the simulator produces (docs/sigfox/callbacks.md#acknowledge). */
const INFO = {
	ACKED: { infoCode: 0, infoMessage: 'Acked' },
	NO_ANSWER: { infoCode: 1, infoMessage: 'No answer' },
	INVALID_PAYLOAD: { infoCode: 2, infoMessage: 'Invalid payload' },
	OVERRUN_ERROR: { infoCode: 3, infoMessage: 'Overrun error' },
	INVALID_CONFIGURATION: { infoCode: 8, infoMessage: 'Invalid configuration' },
};

const KIND_NAMES = {
	[CALLBACK_SUBTYPE.UPLINK]: 'UPLINK',
	[CALLBACK_SUBTYPE.BIDIR]: 'BIDIR',
	[CALLBACK_SUBTYPE.ACKNOWLEDGE]: 'ACKNOWLEDGE',
	[CALLBACK_SUBTYPE.DATA_ADVANCED]: 'DATA_ADVANCED',
};
const ERROR_KIND = 'ERROR';

function isJsonContent(contentType) {
	return /\bjson\b/i.test(contentType ?? '');
}

function jsonProblem(httpRequest) {
	if (!isJsonContent(httpRequest.headers['content-type'])) return undefined;
	try {
		JSON.parse(httpRequest.body);
		return undefined;
	} catch {
		return 'JSON body could not be evaluated';
	}
}

/** What the BIDIR answer asks for (docs/sigfox/callbacks.md#bidir-answer); the first attempt's answer only. */
function readDownlinkAnswer(result, device) {
	if (result.status === undefined || result.status < 200 || result.status >= 300)
		return INFO.NO_ANSWER;
	if (result.status === 204 || !result.text.trim()) return INFO.NO_ANSWER;
	let answer;
	try {
		answer = JSON.parse(result.text);
	} catch {
		return INFO.INVALID_PAYLOAD;
	}
	const entry = answer?.[device];
	if (!entry || entry.noData === true) return INFO.NO_ANSWER;
	if (typeof entry.downlinkData !== 'string' || !DOWNLINK_DATA.test(entry.downlinkData))
		return INFO.INVALID_PAYLOAD;
	return { ...INFO.ACKED, downlinkData: entry.downlinkData };
}

/**
 * Sends callbacks like Sigfox: every enabled matching callback of the device type, rendered per
 * message, with the 10 s deadline, retries after 1, 2 and 4 minutes, undelivered records, the BIDIR
 * answer read into a downlink, ACKNOWLEDGE with its infoCode, and DATA_ADVANCED about 30 s later.
 */
function createCallbackEmitter({ state, later, dispatcher, signal: stopSignal }) {
	const batches = new Map();
	/** Aborted by a reset: callbacks in flight then stop, and record nothing in the emptied state. */
	let generation = new AbortController();

	function httpRequestOf(callback, variables, body) {
		const headers = Object.fromEntries(
			Object.entries(callback.headers ?? {}).map(([name, value]) => [
				name,
				render(value, variables),
			]),
		);
		// bodyTemplate and contentType apply to POST/PUT only (docs/sigfox/callbacks.md#templates).
		if (callback.httpMethod === 'GET') {
			return { method: 'GET', url: render(callback.url, variables, encodeURIComponent), headers };
		}
		const contentType =
			callback.contentType ??
			(callback.channel === 'BATCH_URL' ? 'text/plain' : 'application/x-www-form-urlencoded');
		return {
			method: callback.httpMethod,
			url: render(callback.url, variables, encodeURIComponent),
			headers: { ...headers, 'content-type': contentType },
			body,
		};
	}

	function newDelivery(callback, entries, httpRequest) {
		const [{ message }] = entries;
		const delivery = {
			id: objectId(),
			callbackId: callback.id,
			deviceTypeId: callback.deviceTypeId,
			device: message.device,
			seqNumber: message.seqNumber,
			messageTime: message.time,
			kind:
				callback.callbackType === CALLBACK_TYPE.ERROR
					? ERROR_KIND
					: (KIND_NAMES[callback.callbackSubtype] ??
						`${callback.callbackType}/${callback.callbackSubtype}`),
			channel: callback.channel,
			request: httpRequest,
			attempts: [],
			status: 'pending',
		};
		if (entries.length > 1) delivery.messages = entries.length;
		state.deliveries.push(delivery);
		return delivery;
	}

	async function send(httpRequest, signal) {
		const started = Date.now();
		const deadline = AbortSignal.timeout(DEADLINE_MS);
		try {
			const response = await request(httpRequest.url, {
				method: httpRequest.method,
				headers: httpRequest.headers,
				body: httpRequest.body,
				dispatcher,
				signal: AbortSignal.any([signal, deadline]),
			});
			const text = await response.body.text();
			return { status: response.statusCode, text, durationMs: Date.now() - started };
		} catch (error) {
			const reason = deadline.aborted ? 'no answer within 10 s' : error.message;
			return { error: reason, durationMs: Date.now() - started };
		}
	}

	function markDead(callback, dead) {
		const stored = state.callbacks.get(callback.id);
		if (stored) stored.dead = dead;
	}

	/** The records served by the callbacks-not-delivered routes (docs/sigfox/api.md#undelivered). */
	function recordUndelivered(delivery, callback, entries, result) {
		const { request: sent } = delivery;
		const medium = { url: sent.url, headers: sent.headers, method: sent.method };
		if (sent.body !== undefined)
			Object.assign(medium, { body: sent.body, contentType: sent.headers['content-type'] });
		if (result.error) medium.error = result.error;
		for (const { message, variables } of entries) {
			state.undelivered.push({
				callbackId: callback.id,
				deviceId: message.device,
				deviceTypeId: callback.deviceTypeId,
				time: message.time,
				data: message.data,
				status: result.status === undefined ? '' : String(result.status),
				message: result.error ?? `HTTP ${result.status}`,
				callback: medium,
				parameters: Object.fromEntries(
					Object.entries(variables).map(([name, value]) => [name, String(value)]),
				),
			});
		}
		delivery.status = 'undelivered';
		markDead(callback, true);
	}

	/** Sends, retrying on failure; resolves with the first attempt's result. */
	function deliver(delivery, callback, entries) {
		const problem = jsonProblem(delivery.request);
		if (problem) {
			// Sigfox does not send a JSON body it cannot evaluate; retrying would not help.
			const result = { error: problem, durationMs: 0 };
			delivery.attempts.push({ time: Date.now(), error: problem, durationMs: 0 });
			recordUndelivered(delivery, callback, entries, result);
			return Promise.resolve(result);
		}
		const signal = AbortSignal.any([stopSignal, generation.signal]);
		const attempt = async (retriesDone) => {
			const result = await send(delivery.request, signal);
			if (signal.aborted) return result;
			delivery.attempts.push({
				time: Date.now() - result.durationMs,
				status: result.status,
				error: result.error,
				durationMs: result.durationMs,
				answer: result.text?.slice(0, KEPT_ANSWER_CHARS),
			});
			if (result.status >= 200 && result.status < 300) {
				delivery.status = 'delivered';
				markDead(callback, false);
			} else if (retriesDone < RETRY_DELAYS_MS.length) {
				delivery.status = 'retrying';
				later(() => attempt(retriesDone + 1), RETRY_DELAYS_MS[retriesDone]);
			} else {
				recordUndelivered(delivery, callback, entries, result);
			}
			return result;
		};
		return attempt(0);
	}

	/** One message for a BATCH_URL callback; resolves when its batch's first attempt is done. */
	function addToBatch(callback, entry) {
		let batch = batches.get(callback.id);
		if (!batch) {
			batch = { entries: [] };
			batch.done = new Promise((resolve) => {
				batch.abandon = () => resolve({ delivery: undefined, result: {} });
				later(
					() => {
						batches.delete(callback.id);
						const lines = batch.entries.map(({ variables }) =>
							render(callback.linePattern ?? '', variables),
						);
						const httpRequest = httpRequestOf(
							callback,
							batch.entries[0].variables,
							lines.join('\n'),
						);
						const delivery = newDelivery(callback, batch.entries, httpRequest);
						deliver(delivery, callback, batch.entries).then((result) =>
							resolve({ delivery, result }),
						);
					},
					BATCH_WINDOW_MS,
					{ unscaled: true },
				);
			});
			batches.set(callback.id, batch);
		}
		batch.entries.push(entry);
		return batch.done;
	}

	/** Starts one callback for one message → { callback, done: Promise<{ delivery, result }> }. */
	function emit(callback, message, variables) {
		const entry = { message, variables };
		if (callback.channel === 'BATCH_URL') return { callback, done: addToBatch(callback, entry) };
		if (callback.channel === 'EMAIL') {
			// No mail is sent: the rendered e-mail is recorded as delivered.
			const delivery = newDelivery(callback, [entry], {
				recipient: callback.recipient,
				subject: render(callback.subject ?? '', variables),
				message: render(callback.message ?? '', variables),
			});
			delivery.status = 'delivered';
			return { callback, done: Promise.resolve({ delivery, result: { status: 200 } }) };
		}
		const httpRequest = httpRequestOf(
			callback,
			variables,
			render(callback.bodyTemplate ?? '', variables),
		);
		const delivery = newDelivery(callback, [entry], httpRequest);
		return {
			callback,
			done: deliver(delivery, callback, [entry]).then((result) => ({ delivery, result })),
		};
	}

	function takeDailyQuota(device) {
		const day = new Date().toISOString().slice(0, 10);
		const used = state.downlinkQuota.get(device);
		const count = used?.day === day ? used.count : 0;
		if (count >= DOWNLINKS_PER_DAY) return false;
		state.downlinkQuota.set(device, { day, count: count + 1 });
		return true;
	}

	/** The downlink outcome of an `ack` frame, or undefined when the device type sends no downlink. */
	async function downlinkOutcome(message, deviceType, started) {
		let outcome;
		if (deviceType.downlinkMode === DOWNLINK_MODE.DIRECT) {
			const data = deviceType.downlinkDataString;
			outcome =
				data && DOWNLINK_DATA.test(data)
					? { ...INFO.ACKED, downlinkData: data }
					: INFO.INVALID_PAYLOAD;
		} else if (deviceType.downlinkMode === DOWNLINK_MODE.CALLBACK) {
			const hook = started.find(
				({ callback }) =>
					callback.downlinkHook && callback.callbackSubtype === CALLBACK_SUBTYPE.BIDIR,
			);
			if (!hook) return INFO.INVALID_CONFIGURATION;
			const { delivery, result } = await hook.done;
			outcome = readDownlinkAnswer(result, message.device);
			delivery.downlink = outcome;
		} else {
			return undefined;
		}
		if (outcome.infoCode === INFO.ACKED.infoCode && !takeDailyQuota(message.device))
			return INFO.OVERRUN_ERROR;
		if (outcome.downlinkData) {
			message.downlinkAnswerStatus = {
				baseStation: {
					id: message.receptions[0].station.id,
					name: message.receptions[0].station.name,
				},
				plannedPower: 14,
				data: outcome.downlinkData.toLowerCase(),
				operator: 'SIGFOX_Simulator',
				country: 'FRA',
			};
		}
		return outcome;
	}

	function enabledCallbacks(message, callbackType, subtypes) {
		return [...state.callbacks.values()].filter(
			(callback) =>
				callback.deviceTypeId === message.deviceTypeId &&
				callback.enabled &&
				callback.callbackType === callbackType &&
				subtypes.includes(callback.callbackSubtype),
		);
	}

	return {
		/** Forgets pending batches and abandons every callback in flight (control reset). */
		reset() {
			generation.abort();
			generation = new AbortController();
			for (const batch of batches.values()) batch.abandon();
			batches.clear();
		},

		/**
		 * Emits the callbacks of one received message. Resolves once the first attempts of DATA and
		 * ACKNOWLEDGE callbacks are done; retries and DATA_ADVANCED follow on their own timers.
		 */
		async emitFrame(message) {
			const deviceType = state.deviceTypes.get(message.deviceTypeId);
			const device = state.devices.get(message.device);
			const started = enabledCallbacks(message, CALLBACK_TYPE.DATA, [
				CALLBACK_SUBTYPE.UPLINK,
				CALLBACK_SUBTYPE.BIDIR,
			]).map((callback) => emit(callback, message, dataVariables(message, callback)));
			const downlink = message.ackRequired
				? await downlinkOutcome(message, deviceType, started)
				: undefined;
			if (downlink) {
				for (const callback of enabledCallbacks(message, CALLBACK_TYPE.SERVICE, [
					CALLBACK_SUBTYPE.ACKNOWLEDGE,
				])) {
					started.push(emit(callback, message, acknowledgeVariables(message, downlink)));
				}
			}
			const advanced = enabledCallbacks(message, CALLBACK_TYPE.SERVICE, [
				CALLBACK_SUBTYPE.DATA_ADVANCED,
			]);
			if (advanced.length) {
				later(() => {
					for (const callback of advanced)
						emit(callback, message, dataAdvancedVariables(message, callback, device));
				}, DATA_ADVANCED_DELAY_MS);
			}
			const settled = await Promise.all(started.map(({ done }) => done));
			const deliveries = new Set(settled.map(({ delivery }) => delivery).filter(Boolean));
			return { downlink, deliveries: [...deliveries] };
		},

		/** Emits the ERROR callbacks of a device's device type, whatever their subtype (the spec lists none). */
		async emitDeviceError(device, error) {
			const message = { device: device.id, deviceTypeId: device.deviceTypeId, time: Date.now() };
			const started = [...state.callbacks.values()]
				.filter(
					(callback) =>
						callback.deviceTypeId === device.deviceTypeId &&
						callback.enabled &&
						callback.callbackType === CALLBACK_TYPE.ERROR,
				)
				.map((callback) => emit(callback, message, errorVariables(device, error)));
			const settled = await Promise.all(started.map(({ done }) => done));
			return { deliveries: settled.map(({ delivery }) => delivery).filter(Boolean) };
		},
	};
}

module.exports = { createCallbackEmitter };
