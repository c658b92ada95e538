'use strict';

const { loadContract, flatten } = require('./contract');

/**
 * Checks a request against the API contract (the official spec's structure), as the real API judges it: method and
 * path of a spec operation, only declared query parameters of the right type, and a body whose
 * schemas are closed (Sigfox answers "extra fields not permitted": docs/sigfox/api.md#unknown-fields), callback bodies
 * against the sub-schema their `channel` selects (docs/sigfox/api.md#discriminators).
 */

const spec = loadContract();

/** Spec operations, most literal path first, so `/device-types/project-id:{id}` wins over `/device-types/{id}`. */
const operations = Object.entries(spec.paths)
	.flatMap(([template, item]) =>
		Object.entries(item)
			.filter(([method]) => method !== 'parameters')
			.map(([method, operation]) => {
				const names = [];
				const pattern = template
					.split(/(\{\w+\})/)
					.map((part) => {
						const name = /^\{(\w+)\}$/.exec(part)?.[1];
						if (!name) return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
						names.push(name);
						return '([^/]+)';
					})
					.join('');
				return {
					label: `${method.toUpperCase()} ${template}`,
					method: method.toUpperCase(),
					template,
					operation,
					names,
					regex: new RegExp(`^${pattern}$`),
					literalChars: template.replace(/\{\w+\}/g, '').length,
				};
			}),
	)
	.sort((a, b) => b.literalChars - a.literalChars);

/**
 * The values of a string parameter: `fields` is a comma-separated list whose nested fields go in parentheses
 * (docs/sigfox/api.md#fields), so commas inside parentheses belong to one value.
 */
function listed(parameter, text) {
	if (parameter.name !== 'fields') return [text];
	const values = [];
	let depth = 0;
	let start = 0;
	for (let i = 0; i < text.length; i++) {
		if (text[i] === '(') depth++;
		else if (text[i] === ')') depth--;
		else if (text[i] === ',' && depth === 0) {
			values.push(text.slice(start, i));
			start = i + 1;
		}
	}
	return [...values, text.slice(start)];
}

function typeErrors(parameter, value, where) {
	const text = String(value);
	switch (parameter.type) {
		case 'integer':
			return /^-?\d+$/.test(text) ? [] : [`${where} must be an integer, got "${text}"`];
		case 'number':
			return Number.isFinite(Number(text)) && text !== ''
				? []
				: [`${where} must be a number, got "${text}"`];
		case 'boolean':
			return text === 'true' || text === 'false'
				? []
				: [`${where} must be true or false, got "${text}"`];
		case 'string':
			return parameter.enum && !listed(parameter, text).every((v) => parameter.enum.includes(v))
				? [`${where} must be one of ${parameter.enum.join(', ')}, got "${text}"`]
				: [];
		default:
			// `array` parameters are sent comma-separated (collectionFormat csv).
			return [];
	}
}

/** Group `type` values and the subtypes they select (docs/sigfox/api.md#group-types). */
const GROUP_TYPES = {
	0: 'SO',
	2: 'Basic',
	5: 'SVNO',
	6: 'Partners',
	7: 'NIP',
	8: 'DIST',
	9: 'Channel',
	10: 'Starter',
	11: 'Partner',
};

/**
 * The concrete schema of a discriminated body: the subtype its `channel` names (URL, BATCH_URL,
 * EMAIL), or its group `type` (BasicCreate, BasicUpdate…).
 */
function variantOf(flat, value, where) {
	const key = (name) => name.toLowerCase().replace(/_|update|callback|create$/g, '');
	const raw = value?.[flat.discriminator ?? 'channel'];
	const channel = typeof raw === 'number' ? GROUP_TYPES[raw] : raw;
	const subtype =
		typeof channel === 'string' &&
		flat.subtypes.find((candidate) => key(candidate.name) === key(channel));
	if (!subtype) {
		return {
			errors: [
				`${where}: "${channel}" selects none of ${flat.subtypes.map((s) => s.name).join(', ')}`,
			],
		};
	}
	return { schema: subtype };
}

function schemaErrors(schema, value, where, { allowNull }) {
	const flat = flatten(spec, schema);
	if (value === null) return allowNull ? [] : [`${where} must not be null`];
	const type = flat.type ?? (Object.keys(flat.properties ?? {}).length ? 'object' : undefined);
	switch (type) {
		case 'string':
			if (typeof value !== 'string') return [`${where} must be a string`];
			if (schema.maxLength !== undefined && value.length > schema.maxLength)
				return [`${where} is longer than ${schema.maxLength}`];
			if (schema.enum && !schema.enum.includes(value))
				return [`${where} must be one of ${schema.enum.join(', ')}`];
			return [];
		case 'integer':
			return Number.isInteger(value) ? [] : [`${where} must be an integer`];
		case 'number':
			return typeof value === 'number' && Number.isFinite(value)
				? []
				: [`${where} must be a number`];
		case 'boolean':
			return typeof value === 'boolean' ? [] : [`${where} must be a boolean`];
		case 'array':
			if (!Array.isArray(value)) return [`${where} must be an array`];
			return value.flatMap((item, index) =>
				schemaErrors(flat.items, item, `${where}[${index}]`, { allowNull: false }),
			);
		case 'object': {
			if (typeof value !== 'object' || Array.isArray(value)) return [`${where} must be an object`];
			let concrete = flat;
			const discriminator = schemaDiscriminator(schema);
			// A group update without `type` keeps the group's own: only the common fields apply.
			const keepsType =
				discriminator === 'type' && value.type === undefined && !flat.required.has('type');
			if (flat.subtypes?.length && !keepsType) {
				const variant = variantOf({ ...flat, discriminator }, value, where);
				if (variant.errors) return variant.errors;
				concrete = variant.schema;
			}
			const properties = concrete.properties ?? {};
			// An object the spec leaves open (callback headers): string values only.
			if (Object.keys(properties).length === 0) {
				return Object.entries(value)
					.filter(([, item]) => typeof item !== 'string')
					.map(([key]) => `${where}.${key} must be a string`);
			}
			const errors = [];
			for (const [key, item] of Object.entries(value)) {
				if (!properties[key]) errors.push(`${where}.${key}: extra fields not permitted`);
				else errors.push(...schemaErrors(properties[key], item, `${where}.${key}`, { allowNull }));
			}
			for (const key of concrete.required ?? []) {
				if (value[key] === undefined) errors.push(`${where}.${key} is required`);
			}
			return errors;
		}
		default:
			return [];
	}
}

function schemaDiscriminator(schema) {
	const name = schema.$ref?.replace('#/definitions/', '');
	return (name && spec.definitions[name]?.discriminator) || 'channel';
}

/**
 * → { operation: 'METHOD /template' | undefined, errors: string[] } for a request as sent:
 * `path` below the base URL, `query` as strings (or values), `body` parsed JSON or undefined.
 */
function checkRequest({ method, path, query = {}, body }) {
	const candidates = operations.filter((candidate) => candidate.regex.test(path));
	const found = candidates.find((candidate) => candidate.method === method);
	if (!found) {
		const methods = candidates.map((candidate) => candidate.method);
		return {
			operation: undefined,
			errors: [
				`${method} ${path}: no spec operation${methods.length ? ` (the spec has ${methods.join(', ')})` : ''}`,
			],
		};
	}
	const errors = [];
	const declared = found.operation.parameters ?? [];
	const values = found.regex.exec(path).slice(1);
	found.names.forEach((name, index) => {
		const parameter = declared.find((p) => p.in === 'path' && p.name === name);
		const value = decodeURIComponent(values[index]);
		if (!value) errors.push(`path parameter ${name} is empty`);
		else if (parameter) errors.push(...typeErrors(parameter, value, `path parameter ${name}`));
	});
	for (const [name, value] of Object.entries(query)) {
		const parameter = declared.find((p) => p.in === 'query' && p.name === name);
		if (!parameter) errors.push(`query parameter ${name} is not in the spec`);
		else errors.push(...typeErrors(parameter, value, `query parameter ${name}`));
	}
	for (const parameter of declared.filter((p) => p.in === 'query' && p.required)) {
		if (query[parameter.name] === undefined)
			errors.push(`query parameter ${parameter.name} is required`);
	}
	const bodyParameter = declared.find((p) => p.in === 'body');
	if (!bodyParameter) {
		if (body !== undefined && body !== '')
			errors.push(`the spec declares no body, got ${JSON.stringify(body).slice(0, 200)}`);
	} else if (body === undefined) {
		if (bodyParameter.required) errors.push('the body is required');
	} else {
		errors.push(
			...schemaErrors(bodyParameter.schema, body, 'body', { allowNull: method === 'PUT' }),
		);
	}
	return { operation: found.label, errors };
}

/** Every operation of the spec (90): the node must send each; a new one in the spec is missing at once. */
const SPEC_OPERATIONS = operations.map((candidate) => candidate.label).sort();

module.exports = { checkRequest, SPEC_OPERATIONS };
