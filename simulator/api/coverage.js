'use strict';

const { deflateRawSync } = require('node:zlib');
const { string, number, object, arrayOf } = require('./schema');
const { invalidField } = require('./errors');
const { RATE_LIMITS } = require('./rate-limits');
const { findJob } = require('./bulk-jobs');
const { BASE_STATIONS } = require('../data/model');
const { objectId } = require('../data/state');

/**
 * Coverage predictions and coverage tiles (docs/sigfox/api.md#coverage). Coverage is a made-up function of the
 * distance to the simulated base stations; jobs finish after JOB_DURATION_MS (scaled).
 */

const JOB_DURATION_MS = 2000;
const KMZ_TYPE = 'application/vnd.google-earth.kmz';
const COVERAGE_MODES = [
	'OVERLAP_INDOOR',
	'OVERLAP_OUTDOOR',
	'OVERLAP_INDOOR_U1',
	'OVERLAP_OUTDOOR_U1',
	'OVERLAP_INDOOR_U2',
	'OVERLAP_OUTDOOR_U2',
	'OVERLAP_INDOOR_U3',
	'OVERLAP_OUTDOOR_U3',
];
const SITUATION_MARGIN = { OUTDOOR: 0, INDOOR: 20, UNDERGROUND: 30 };

const globalCoverageRequest = object(
	{
		locations: arrayOf(object({ lat: number(), lng: number() }, ['lat', 'lng'])),
		radius: number(),
		groupId: string(),
	},
	['locations'],
);
const kmzCreatePublicRequest = object({ coverageMode: string({ enum: COVERAGE_MODES }) });

function checkLocation(lat, lng, type = 'query') {
	if (!(lat >= -90 && lat <= 90)) throw invalidField(type, 'lat', 'must be between -90 and 90');
	if (!(lng >= -180 && lng <= 180)) throw invalidField(type, 'lng', 'must be between -180 and 180');
}

/** dB margins for 1, 2 and 3 base stations: each station adds less the farther it is. */
function prediction(lat, lng) {
	const margins = BASE_STATIONS.map((station) => {
		const km = Math.hypot(lat - Number(station.lat), lng - Number(station.lng)) * 111;
		return Math.max(0, Math.round(60 - km));
	}).sort((a, b) => b - a);
	return { locationCovered: margins[0] > 0, margins };
}

/** A KMZ is a zip holding doc.kml: one stored entry is enough for Google Earth and for tests. */
function kmz(name) {
	const kml = Buffer.from(
		`<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>${name}</name></Document></kml>`,
	);
	const data = deflateRawSync(kml);
	const fileName = Buffer.from('doc.kml');
	const local = Buffer.alloc(30);
	local.writeUInt32LE(0x04034b50, 0);
	local.writeUInt16LE(20, 4);
	local.writeUInt16LE(8, 8);
	local.writeUInt32LE(data.length, 18);
	local.writeUInt32LE(kml.length, 22);
	local.writeUInt16LE(fileName.length, 26);
	const central = Buffer.alloc(46);
	central.writeUInt32LE(0x02014b50, 0);
	central.writeUInt16LE(20, 4);
	// After its "version made by", a central directory entry repeats the local header's fields.
	local.copy(central, 6, 4, 30);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(1, 8);
	end.writeUInt16LE(1, 10);
	end.writeUInt32LE(central.length + fileName.length, 12);
	end.writeUInt32LE(local.length + fileName.length + data.length, 16);
	return Buffer.concat([local, fileName, data, central, fileName, end]);
}

/** zoom 0..11 and north/south −90..90, west/east −180..180, whole degrees as the spec declares. */
function checkKmzArea(query) {
	if (query.zoom < 0 || query.zoom > 11) throw invalidField('query', 'zoom', 'must be 0 to 11');
	for (const name of ['north', 'south']) {
		if (Math.abs(query[name]) > 90) throw invalidField('query', name, 'must be -90 to 90');
	}
	for (const name of ['west', 'east']) {
		if (Math.abs(query[name]) > 180) throw invalidField('query', name, 'must be -180 to 180');
	}
	if (query.south > query.north) throw invalidField('query', 'south', 'must be below north');
}

function kmzAnswer(name) {
	return { body: kmz(name), headers: { 'content-type': KMZ_TYPE } };
}

function tilesResponse(apiUrl, kind) {
	return {
		body: {
			baseImgUrl: `${apiUrl}/tiles/${kind}/img`,
			tmsTemplateUrl: `${apiUrl}/tiles/${kind}/{z}/{x}/{y}.png`,
			bounds: { sw: { lat: 41.3, lng: -5.1 }, ne: { lat: 51.1, lng: 9.6 } },
		},
	};
}

/** Starts a coverage job, answered at once with its jobId; `finish(job)` runs when it is done. */
function startCoverageJob({ state, later }, kind, fields, finish = () => {}) {
	const job = { id: objectId(), kind, ...fields, jobDone: false, time: Date.now() };
	state.jobs.set(job.id, job);
	later(() => {
		finish(job);
		job.jobDone = true;
	}, JOB_DURATION_MS);
	return { status: 201, body: { jobId: job.id } };
}

const kmzArea = {
	zoom: 'integer',
	north: 'integer',
	south: 'integer',
	west: 'integer',
	east: 'integer',
};
const kmzAreaRequired = ['zoom', 'north', 'south', 'west', 'east'];

const coverageRoutes = [
	{
		method: 'GET',
		path: '/coverages/global/predictions',
		query: { lat: 'number', lng: 'number', radius: 'number', groupId: 'string' },
		requiredQuery: ['lat', 'lng'],
		rateLimit: RATE_LIMITS.coveragePrediction,
		handle({ query }) {
			checkLocation(query.lat, query.lng);
			return { body: prediction(query.lat, query.lng) };
		},
	},
	{
		method: 'POST',
		path: '/coverages/global/predictions/bulk',
		operationId: 'globalPredictionBulkPost',
		body: globalCoverageRequest,
		rateLimit: RATE_LIMITS.coverageBulk,
		handle(ctx) {
			const { locations } = ctx.body;
			locations.forEach(({ lat, lng }) => checkLocation(lat, lng, 'body'));
			return startCoverageJob(ctx, 'coveragePrediction', {}, (job) => {
				job.results = locations.map(({ lat, lng }) => ({ lat, lng, ...prediction(lat, lng) }));
			});
		},
	},
	{
		method: 'GET',
		path: '/coverages/global/predictions/bulk/{jobId}',
		operationId: 'globalPredictionBulkGet',
		rateLimit: RATE_LIMITS.coverageBulkRead,
		handle({ state, params }) {
			const job = findJob(state, params.jobId, ['coveragePrediction']);
			return {
				body: {
					jobDone: job.jobDone,
					time: job.time,
					...(job.jobDone ? { results: job.results } : {}),
				},
			};
		},
	},
	{
		method: 'GET',
		path: '/coverages/operators/redundancy',
		query: {
			lat: 'number',
			lng: 'number',
			operatorId: 'string',
			deviceSituation: 'string',
			deviceClassId: 'number',
		},
		requiredQuery: ['lat', 'lng'],
		handle({ query }) {
			checkLocation(query.lat, query.lng);
			const situation = query.deviceSituation ?? 'INDOOR';
			if (!(situation in SITUATION_MARGIN))
				throw invalidField('query', 'deviceSituation', 'must be OUTDOOR, INDOOR or UNDERGROUND');
			const { margins } = prediction(query.lat, query.lng);
			const redundancy = margins.filter((margin) => margin > SITUATION_MARGIN[situation]).length;
			return { body: { redundancy } };
		},
	},
	{
		method: 'GET',
		path: '/tiles/public-coverage',
		handle({ apiUrl }) {
			return tilesResponse(apiUrl, 'public-coverage');
		},
	},
	{
		method: 'GET',
		path: '/tiles/public-coverage/kmz/tiles.kmz',
		operationId: 'kmzFilePublicCoverage',
		produces: KMZ_TYPE,
		query: kmzArea,
		requiredQuery: kmzAreaRequired,
		handle({ query }) {
			checkKmzArea(query);
			return kmzAnswer(`Sigfox public coverage, zoom ${query.zoom}`);
		},
	},
	{
		method: 'GET',
		path: '/tiles/monarch',
		handle({ apiUrl }) {
			return tilesResponse(apiUrl, 'monarch');
		},
	},
	{
		method: 'POST',
		path: '/tiles/monarch/kmz',
		operationId: 'kmzCreateMonarch',
		body: kmzCreatePublicRequest,
		handle(ctx) {
			const coverageMode = ctx.body.coverageMode ?? 'OVERLAP_OUTDOOR';
			return startCoverageJob(ctx, 'monarchKmz', { coverageMode });
		},
	},
	{
		method: 'GET',
		path: '/tiles/monarch/kmz/{jobId}',
		operationId: 'kmzStatusMonarch',
		handle({ state, params }) {
			const job = findJob(state, params.jobId, ['monarchKmz']);
			return { body: { jobDone: job.jobDone, time: job.time } };
		},
	},
	{
		method: 'GET',
		path: '/tiles/monarch/kmz/{jobId}/tiles.kmz',
		operationId: 'kmzFileMonarch',
		produces: KMZ_TYPE,
		query: kmzArea,
		requiredQuery: kmzAreaRequired,
		handle({ state, params, query }) {
			const job = findJob(state, params.jobId, ['monarchKmz']);
			if (!job.jobDone) throw invalidField('path', 'jobId', 'the job is not done');
			checkKmzArea(query);
			return kmzAnswer(`Sigfox Monarch coverage ${job.coverageMode}, zoom ${query.zoom}`);
		},
	},
];

module.exports = { coverageRoutes, KMZ_TYPE };
