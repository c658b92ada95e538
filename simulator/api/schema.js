'use strict';

/**
 * A small subset of JSON Schema for request bodies: enough to reject what Sigfox rejects
 * (wrong types, missing required fields, unknown fields — docs/sigfox/api.md#unknown-fields).
 * The spec-conformance test compares these schemas with the official spec, field by field.
 */

const string = (rules = {}) => ({ type: 'string', ...rules });
const integer = (rules = {}) => ({ type: 'integer', ...rules });
const number = () => ({ type: 'number' });
const boolean = () => ({ type: 'boolean' });
/** A free-form object of string values, such as callback `headers`. */
const stringMap = () => ({ type: 'object', additionalProperties: { type: 'string' } });
const object = (properties, required = []) => ({ type: 'object', properties, required });
const arrayOf = (items) => ({ type: 'array', items });
/** A body whose shape depends on one field, like Swagger's `discriminator` (docs/sigfox/api.md#discriminators). */
const discriminated = (discriminator, variants) => ({ type: 'object', discriminator, variants });

const EXTRA_FIELD = 'extra fields not permitted';

function fieldError(field, message) {
	return { type: 'body', field, message };
}

function join(path, key) {
	return path ? `${path}.${key}` : key;
}

/**
 * Returns Sigfox-style `errors[]` entries for `value` against `schema`; empty when valid.
 * `allowNull` is for PUT bodies, where an explicit null unsets an optional field (docs/sigfox/api.md#put-semantics).
 */
function validate(schema, value, { allowNull = false } = {}, path = '') {
	if (value === null) {
		return allowNull && path ? [] : [fieldError(path, 'must not be null')];
	}
	switch (schema.type) {
		case 'string':
			if (typeof value !== 'string') return [fieldError(path, 'must be a string')];
			if (schema.maxLength !== undefined && value.length > schema.maxLength) {
				return [fieldError(path, `must be at most ${schema.maxLength} characters`)];
			}
			if (schema.enum && !schema.enum.includes(value)) {
				return [fieldError(path, `must be one of ${schema.enum.join(', ')}`)];
			}
			return [];
		case 'integer':
			if (!Number.isInteger(value)) return [fieldError(path, 'must be an integer')];
			if (schema.minimum !== undefined && value < schema.minimum) {
				return [fieldError(path, `must be at least ${schema.minimum}`)];
			}
			return [];
		case 'number':
			return typeof value === 'number' && Number.isFinite(value)
				? []
				: [fieldError(path, 'must be a number')];
		case 'boolean':
			return typeof value === 'boolean' ? [] : [fieldError(path, 'must be a boolean')];
		case 'array':
			if (!Array.isArray(value)) return [fieldError(path, 'must be an array')];
			return value.flatMap((item, index) => validate(schema.items, item, {}, `${path}[${index}]`));
		case 'object':
			return validateObject(schema, value, allowNull, path);
		default:
			throw new Error(`Unknown schema type ${schema.type}`);
	}
}

function validateObject(schema, value, allowNull, path) {
	if (typeof value !== 'object' || Array.isArray(value))
		return [fieldError(path, 'must be an object')];
	if (schema.additionalProperties) {
		return Object.entries(value).flatMap(([key, item]) =>
			validate(schema.additionalProperties, item, {}, join(path, key)),
		);
	}
	const errors = [];
	for (const [key, item] of Object.entries(value)) {
		const property = schema.properties[key];
		if (!property) errors.push(fieldError(join(path, key), EXTRA_FIELD));
		else errors.push(...validate(property, item, { allowNull }, join(path, key)));
	}
	for (const key of schema.required) {
		if (value[key] === undefined) errors.push(fieldError(join(path, key), 'is required'));
	}
	return errors;
}

module.exports = {
	string,
	integer,
	number,
	boolean,
	stringMap,
	object,
	arrayOf,
	discriminated,
	validate,
};
