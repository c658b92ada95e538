'use strict';

const FAULT_SHARES = ['rate429', 'rate500', 'rateDrop', 'rateSlow'];

/** mulberry32: a tiny seeded generator, so a seeded fault run repeats exactly. */
function seededRandom(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Validates a PUT /control/faults body; returns an error text or undefined. */
function checkFaults(body) {
	if (typeof body !== 'object' || body === null || Array.isArray(body))
		return 'faults must be an object';
	for (const [key, value] of Object.entries(body)) {
		if (FAULT_SHARES.includes(key)) {
			if (typeof value !== 'number' || value < 0 || value > 1)
				return `${key} must be a share between 0 and 1`;
		} else if (key === 'slowMs') {
			if (!Number.isInteger(value) || value < 0)
				return 'slowMs must be a whole number of milliseconds';
		} else if (key === 'seed') {
			if (!Number.isInteger(value)) return 'seed must be an integer';
		} else {
			return `unknown fault setting ${key}; use ${[...FAULT_SHARES, 'slowMs', 'seed'].join(', ')}`;
		}
	}
	const total = (body.rate429 ?? 0) + (body.rate500 ?? 0) + (body.rateDrop ?? 0);
	if (total > 1) return 'rate429 + rate500 + rateDrop must not exceed 1';
	return undefined;
}

/**
 * Fault injection for API requests: each request draws one outcome (429, 500, dropped connection or
 * normal) and, separately, whether it is answered slowly.
 */
function createFaults() {
	let settings;
	let random;
	const faults = {
		set(body) {
			settings = { rate429: 0, rate500: 0, rateDrop: 0, rateSlow: 0, slowMs: 5000, ...body };
			random = body.seed === undefined ? Math.random : seededRandom(body.seed);
			return faults.settings;
		},
		get settings() {
			return { ...settings };
		},
		/** → { outcome: 'none' | '429' | '500' | 'drop', delayMs } */
		draw() {
			const roll = random();
			let outcome = 'none';
			if (roll < settings.rate429) outcome = '429';
			else if (roll < settings.rate429 + settings.rate500) outcome = '500';
			else if (roll < settings.rate429 + settings.rate500 + settings.rateDrop) outcome = 'drop';
			const delayMs = random() < settings.rateSlow ? settings.slowMs : 0;
			return { outcome, delayMs };
		},
	};
	faults.set({});
	return faults;
}

module.exports = { createFaults, checkFaults, seededRandom };
