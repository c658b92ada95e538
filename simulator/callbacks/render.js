'use strict';

const { customDataVariables } = require('./custom-data');

/** `{lqi}` as real callbacks write it, indexed by the API's number (docs/sigfox/callbacks.md#lqi). */
const LQI_NAMES = ['Limit', 'Average', 'Good', 'Excellent', 'NA'];

/** Sigfox writes radio figures as text with two decimals: `-123.00`, `6.00` (docs/sigfox/callbacks.md#value-types). */
const twoDecimals = (value) => value.toFixed(2);
/** Coordinates as Sigfox writes them: a whole number keeps one decimal (`0.0`, `52.1`). */
const coordinate = (value) => (Number.isInteger(value) ? value.toFixed(1) : String(value));

/** Callback `{time}` is epoch seconds; the API's times are milliseconds (docs/sigfox/callbacks.md#time). */
const seconds = (ms) => Math.floor(ms / 1000);

/**
 * Replaces `{name}` and `{customData#name}` with their values; a variable without a value (a V0
 * device's seqNumber) renders empty, as Sigfox renders it. A variable the callback kind does not
 * have is left as written, so a template that uses it shows the mistake instead of hiding it.
 */
function render(template, variables, encode = String) {
	return template.replace(/\{([A-Za-z]+(?:#[A-Za-z0-9_-]+)?)\}/g, (written, name) =>
		Object.prototype.hasOwnProperty.call(variables, name)
			? encode(String(variables[name] ?? ''))
			: written,
	);
}

/** Variables of DATA callbacks: UPLINK, and BIDIR which adds ack and longPolling (docs/sigfox/callbacks.md#variables). */
function dataVariables(message, callback) {
	const reception = message.receptions[0];
	const variables = {
		time: seconds(message.time),
		device: message.device,
		deviceTypeId: message.deviceTypeId,
		data: message.data,
		seqNumber: message.seqNumber,
		rssi: twoDecimals(reception.rssi),
		snr: twoDecimals(reception.snr),
		avgSnr: twoDecimals(
			message.receptions.reduce((sum, { snr }) => sum + snr, 0) / message.receptions.length,
		),
		station: reception.station.id,
		...customDataVariables(callback.payloadConfig, message.data),
	};
	if (callback.callbackSubtype === 3) {
		variables.ack = message.ackRequired;
		variables.longPolling = false;
	}
	return variables;
}

/**
 * Variables of SERVICE/DATA_ADVANCED (docs/sigfox/callbacks.md#data-advanced); duplicates and computedLocation
 * are raw JSON, computedLocation `null` for a message without one.
 */
function dataAdvancedVariables(message, callback, device) {
	return {
		time: seconds(message.time),
		device: message.device,
		data: message.data,
		seqNumber: message.seqNumber,
		lqi: LQI_NAMES[message.lqi],
		linkQuality: message.lqi,
		fixedLat: coordinate(device?.lat ?? 0),
		fixedLng: coordinate(device?.lng ?? 0),
		operatorName: 'SIGFOX_Simulator',
		countryCode: 250,
		duplicates: JSON.stringify(
			message.receptions.map((reception) => ({
				bsId: reception.station.id,
				nbRep: reception.rep,
				rssi: Number(reception.rssi.toFixed(2)),
				snr: Number(reception.snr.toFixed(2)),
			})),
		),
		computedLocation: JSON.stringify(
			message.computedLocation ? { ...message.computedLocation, status: 1 } : null,
		),
		...customDataVariables(callback.payloadConfig, message.data),
	};
}

/** Variables of SERVICE/ACKNOWLEDGE (docs/sigfox/callbacks.md#acknowledge). */
function acknowledgeVariables(message, outcome) {
	return {
		time: seconds(Date.now()),
		device: message.device,
		infoCode: outcome.infoCode,
		infoMessage: outcome.infoMessage,
		downlinkAck: outcome.infoCode === 0,
		downlinkOverusage: outcome.infoCode === 3,
	};
}

/** Variables of ERROR callbacks (docs/sigfox/callbacks.md#error-callbacks): WARN for a network issue, ERROR for a missed keep-alive. */
function errorVariables(device, { severity, info }) {
	return { time: seconds(Date.now()), device: device.id, severity, info };
}

module.exports = {
	render,
	dataVariables,
	dataAdvancedVariables,
	acknowledgeVariables,
	errorVariables,
};
