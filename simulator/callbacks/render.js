'use strict';

const { customDataVariables } = require('./custom-data');

const LQI_NAMES = ['LIMIT', 'AVERAGE', 'GOOD', 'EXCELLENT', 'NA'];

/** Callback `{time}` is epoch seconds; the API's times are milliseconds (docs/sigfox/callbacks.md#time). */
const seconds = (ms) => Math.floor(ms / 1000);

/**
 * Replaces `{name}` and `{customData#name}` with their values. A variable the callback kind does not
 * have is left as written, so a template that uses it shows the mistake instead of hiding it.
 */
function render(template, variables, encode = String) {
	return template.replace(/\{([A-Za-z]+(?:#[A-Za-z0-9_-]+)?)\}/g, (written, name) =>
		Object.prototype.hasOwnProperty.call(variables, name)
			? encode(String(variables[name]))
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
		rssi: reception.rssi.toFixed(2),
		snr: reception.snr.toFixed(2),
		station: reception.station.id,
		...customDataVariables(callback.payloadConfig, message.data),
	};
	if (callback.callbackSubtype === 3) {
		variables.ack = message.ackRequired;
		variables.longPolling = false;
	}
	return variables;
}

/** Variables of SERVICE/DATA_ADVANCED (docs/sigfox/callbacks.md#data-advanced); duplicates and computedLocation are raw JSON. */
function dataAdvancedVariables(message, callback, device) {
	return {
		time: seconds(message.time),
		device: message.device,
		data: message.data,
		seqNumber: message.seqNumber,
		lqi: LQI_NAMES[message.lqi],
		linkQuality: message.lqi,
		fixedLat: device?.lat ?? 0,
		fixedLng: device?.lng ?? 0,
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
		computedLocation: JSON.stringify({
			lat: device?.lat ?? 0,
			lng: device?.lng ?? 0,
			radius: 2000,
			source: 2,
			status: 1,
		}),
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
