'use strict';
/**
 * Action-node lists at fleet size: what n8n's memory does while one execution holds a whole list as items. Device → Get
 * Many (Return All) over the fleet the bulk case registered, and Device Type → Get Messages (Return All) over a window of
 * the backlog; each workflow ends in an Aggregate that answers one item, so only the items themselves are measured.
 * Each runs on a freshly started n8n (a heap grown by an earlier case would hide the growth); the RSS growth over the
 * settled RSS before, divided by the items, is the bytes an item costs in n8n.
 */
const { idleRss, log, rssOf, sampleRss, cpuMsOf } = require('./fleet-support');

async function measure(running, counter, { name, path, body, route }) {
	const { n8n } = running;
	const before = await idleRss(n8n.pid, { samples: 3 });
	const stopSampling = sampleRss(n8n.pid);
	const cpuBefore = cpuMsOf(n8n.pid);
	counter.take();
	const started = Date.now();
	const res = await fetch(`${n8n.url}/webhook/${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body ?? {}),
		signal: AbortSignal.timeout(30 * 60_000),
	});
	const text = await res.text();
	const wallMs = Date.now() - started;
	const peakRss = stopSampling();
	const { counts } = counter.take();
	if (res.status !== 200) throw new Error(`${name}: ${res.status} ${text.slice(0, 500)}`);
	const answer = JSON.parse(text);
	// The Aggregate's one field: the list of every item's ID.
	const items = Object.values(answer).find(Array.isArray)?.length ?? NaN;
	const requests = Object.values(counts[route] ?? {}).reduce((a, b) => a + b, 0);
	const result = {
		name,
		items,
		requests,
		answers: counts[route] ?? {},
		wallMs,
		n8nCpuMs: cpuMsOf(n8n.pid) - cpuBefore,
		rssBefore: before,
		peakRss,
		rssAfter: rssOf(n8n.pid),
		bytesPerItem: (peakRss - before) / items,
	};
	log(
		`  ${name}: ${items} items, ${requests} requests, ${(wallMs / 1000).toFixed(1)} s, RSS ${Math.round(before / 2 ** 20)} → ${Math.round(peakRss / 2 ** 20)} MiB (${Math.round(result.bytesPerItem)} bytes an item)`,
	);
	return result;
}

async function fleetLists({ running, counter, window, restart }) {
	log('3. action-node lists at fleet size: Return All held in one execution, each on a fresh n8n');
	await restart();
	const devices = await measure(running, counter, {
		name: 'Device → Get Many, Return All',
		path: 'fleet-list-devices',
		route: 'GET /devices/',
	});
	if (window) await restart();
	const messages = window
		? await measure(running, counter, {
				name: 'Device Type → Get Messages, Return All',
				path: 'fleet-type-messages',
				body: window,
				route: 'GET /device-types/{id}/messages',
			})
		: undefined;
	return { devices, messages, window };
}

module.exports = { fleetLists };
