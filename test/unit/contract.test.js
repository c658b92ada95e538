'use strict';

const { readFileSync } = require('node:fs');
const contractScript = require('../../scripts/contract');

const { CONTRACT_PATH, BOUNDS_PATH, contractOf, format, differences } = contractScript;
const { boundsOf, formatBounds } = contractScript;

/** A small Swagger 2.0 document of our own, shaped like Sigfox's: prose beside structure. */
const SPEC = {
	swagger: '2.0',
	info: { title: 'Example', version: '2.0', description: 'prose' },
	basePath: '/v2',
	tags: [{ name: 'Devices', description: 'prose' }],
	paths: {
		'/devices/{id}': {
			get: {
				tags: ['Devices'],
				summary: 'Read a device',
				description: 'prose',
				operationId: 'getDevice',
				parameters: [
					{ name: 'id', in: 'path', required: true, type: 'string', description: 'prose' },
					{ name: 'limit', in: 'query', type: 'integer', minimum: 1, maximum: 100, default: 100 },
				],
				responses: {
					200: { description: 'OK', schema: { $ref: '#/definitions/device' } },
					401: { description: 'Unauthorized' },
				},
			},
		},
	},
	definitions: {
		device: {
			type: 'object',
			description: 'prose',
			required: ['id'],
			properties: {
				id: { type: 'string', example: '1A2B', description: 'prose' },
				// A field named like a prose key is structure, not prose.
				description: { type: 'string', maxLength: 300, title: 'prose' },
				lqi: { type: 'integer', enum: [0, 1, 2, 3, 4] },
			},
		},
		createCallback: {
			type: 'object',
			discriminator: 'channel',
			properties: { channel: { type: 'string' } },
		},
		URL: {
			required: ['url'],
			allOf: [
				{ $ref: '#/definitions/createCallback' },
				{ properties: { url: { type: 'string' } } },
			],
		},
	},
};

const PROSE = new Set(['summary', 'title', 'example', 'tags', 'externalDocs', 'info']);

/** Prose keys anywhere, except as the name of a property (a field called `description` is structure). */
function proseKeys(value, parent) {
	if (typeof value !== 'object' || value === null) return [];
	return Object.entries(value).flatMap(([key, field]) => [
		...((PROSE.has(key) || key === 'description') && parent !== 'properties' ? [key] : []),
		...proseKeys(field, key),
	]);
}

describe('the API contract derived from the official spec', () => {
	it('keeps methods, paths, parameters, bounds, enums, discriminators and response schemas', () => {
		const contract = contractOf(SPEC);
		expect(contract.paths['/devices/{id}'].get).toEqual({
			operationId: 'getDevice',
			parameters: [
				{ name: 'id', in: 'path', required: true, type: 'string' },
				{ name: 'limit', in: 'query', type: 'integer', default: 100, minimum: 1, maximum: 100 },
			],
			responses: { 200: { schema: { $ref: '#/definitions/device' } }, 401: {} },
		});
		expect(contract.definitions.device.properties.lqi.enum).toEqual([0, 1, 2, 3, 4]);
		expect(contract.definitions.device.properties.description).toEqual({
			type: 'string',
			maxLength: 300,
		});
		expect(contract.definitions.createCallback.discriminator).toBe('channel');
		expect(contract.definitions.URL.allOf[1].properties.url).toEqual({ type: 'string' });
	});

	it('keeps none of the spec prose', () => {
		expect(proseKeys(contractOf(SPEC))).toEqual([]);
	});

	it('names where a changed spec differs from the committed contract', () => {
		const changed = structuredClone(SPEC);
		changed.paths['/devices/{id}'].get.parameters[1].maximum = 1000;
		changed.paths['/devices/{id}'].get.description = 'other prose';
		expect(differences(contractOf(SPEC), contractOf(changed))).toEqual([
			'paths["/devices/{id}"].get.parameters[1].maximum: contract has 100, the spec gives 1000',
		]);
		const proseOnly = structuredClone(SPEC);
		proseOnly.definitions.device.properties.id.description = 'reworded';
		expect(format(contractOf(proseOnly))).toBe(format(contractOf(SPEC)));
	});

	it('refuses a document that is not Swagger 2.0', () => {
		expect(() => contractOf({ openapi: '3.0.0', paths: {} })).toThrow('Not a Swagger 2.0 document');
	});

	it('is committed in its canonical form, with no prose', () => {
		const text = readFileSync(CONTRACT_PATH, 'utf8');
		const committed = JSON.parse(text);
		expect(format(committed)).toBe(text);
		expect(proseKeys(committed)).toEqual([]);
		expect(Object.keys(committed.paths).length).toBeGreaterThan(0);
	});
});

describe('the bounds table the Sigfox node checks requests against', () => {
	const contract = JSON.parse(readFileSync(CONTRACT_PATH, 'utf8'));

	it('is what the committed contract gives (npm run contract:update rewrites both)', () => {
		expect(readFileSync(BOUNDS_PATH, 'utf8')).toBe(formatBounds(boundsOf(contract)));
	});

	it('holds the ranges, lengths, whole numbers and lists of the spec, merged across a discriminator', () => {
		const bounds = boundsOf(contract);
		expect(bounds['PUT /operators/{id}'].body.properties.alertTime).toEqual({
			type: 'integer',
			minimum: 300,
			maximum: 86400,
		});
		expect(bounds['POST /groups/'].body.properties.name).toEqual({
			type: 'string',
			minLength: 3,
			maxLength: 100,
		});
		expect(bounds['POST /device-types/{id}/callbacks'].body.properties.httpMethod.enum).toEqual([
			'GET',
			'PUT',
			'POST',
		]);
		expect(bounds['GET /devices/'].query.fields).toMatchObject({ separator: ',' });
	});

	it('reads the KMZ bounds, typed "integer, format double", as decimal degrees', () => {
		expect(boundsOf(contract)['GET /tiles/public-coverage/kmz/tiles.kmz'].query.north).toEqual({
			type: 'number',
			minimum: -90,
			maximum: 90,
		});
	});
});
