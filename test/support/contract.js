'use strict';

const { readFileSync } = require('node:fs');
const { join } = require('node:path');

/**
 * The repository's Sigfox API v2 contract: the official spec's structure in the spec's own shape, regenerated and
 * checked against the spec by scripts/contract.js (npm run contract:update / contract:check).
 */
const CONTRACT_PATH = join(__dirname, '..', '..', 'contract', 'sigfox-api-v2.json');

function loadContract() {
	return JSON.parse(readFileSync(CONTRACT_PATH, 'utf8'));
}

function definitionName(ref) {
	return ref.replace('#/definitions/', '');
}

/** Definitions that extend `name` through allOf: the concrete schemas of a Swagger discriminator. */
function subtypesOf(spec, name) {
	return Object.entries(spec.definitions)
		.filter(([, definition]) =>
			(definition.allOf ?? []).some((part) => part.$ref === `#/definitions/${name}`),
		)
		.map(([subtype]) => subtype);
}

/**
 * A schema with $ref and allOf resolved: { type, properties, required, items, name, subtypes }.
 * `subtypes` lists the flattened concrete schemas when the definition has a discriminator.
 */
function flatten(spec, schema, name, { withSubtypes = true } = {}) {
	if (schema.$ref) {
		const refName = definitionName(schema.$ref);
		return flatten(spec, spec.definitions[refName], refName, { withSubtypes });
	}
	const flat = {
		type: schema.type,
		properties: {},
		required: new Set(schema.required ?? []),
		name,
	};
	for (const part of schema.allOf ?? []) {
		// A subtype's allOf names its base; the base's own subtypes are not part of it.
		const resolved = flatten(spec, part, undefined, { withSubtypes: false });
		Object.assign(flat.properties, resolved.properties);
		for (const field of resolved.required) flat.required.add(field);
		flat.type ??= resolved.type;
	}
	Object.assign(flat.properties, schema.properties);
	if (schema.items) flat.items = schema.items;
	if (schema.allOf || schema.properties) flat.type ??= 'object';
	if (schema.discriminator && name && withSubtypes) {
		flat.subtypes = subtypesOf(spec, name).map((subtype) =>
			flatten(spec, { $ref: `#/definitions/${subtype}` }),
		);
	}
	return flat;
}

function operationOf(spec, method, path) {
	return spec.paths[path]?.[method.toLowerCase()];
}

function bodySchemaOf(spec, operation) {
	const parameter = (operation.parameters ?? []).find((candidate) => candidate.in === 'body');
	return parameter && flatten(spec, parameter.schema);
}

module.exports = { CONTRACT_PATH, loadContract, flatten, operationOf, bodySchemaOf };
