'use strict';
/**
 * The repository's own Sigfox API v2 contract (contract/sigfox-api-v2.json): the structural facts of the official
 * Swagger 2.0 spec that the request check, the simulator's conformance test and the catalogue tests need — every
 * operation's method, path, parameters (name, place, type, enum, bounds, required), body and response schemas, and the
 * definitions they name, with discriminators (the callback channel variants). None of the spec's prose is kept:
 * no description, summary, title, example or tag.
 *
 *   npm run contract:update -- <path to openapi.json>   rewrites the committed contract from the spec
 *   npm run contract:check -- <path to openapi.json>    fails when the committed contract differs from the spec's
 *
 * The contract keeps the spec's own shape (paths → method → operation, definitions, $ref), so what reads a Swagger
 * document reads the contract. One operation or definition per line: a change of the spec is a readable diff.
 */
const fs = require('node:fs');
const path = require('node:path');

const CONTRACT_PATH = path.join(__dirname, '..', 'contract', 'sigfox-api-v2.json');

/** Keys that bound a value, in a schema and in a parameter alike. */
const VALUE_KEYS = [
	'type',
	'format',
	'enum',
	'default',
	'minimum',
	'maximum',
	'exclusiveMinimum',
	'exclusiveMaximum',
	'minLength',
	'maxLength',
	'pattern',
	'minItems',
	'maxItems',
];
/** Keys of a schema that state structure; `properties` and `items`, `allOf` hold schemas of their own. */
const SCHEMA_KEYS = [
	'$ref',
	...VALUE_KEYS,
	'uniqueItems',
	'readOnly',
	'required',
	'discriminator',
	'properties',
	'additionalProperties',
	'items',
	'allOf',
];
const PARAMETER_KEYS = [
	'name',
	'in',
	'required',
	...VALUE_KEYS,
	'collectionFormat',
	'items',
	'schema',
];
const OPERATION_KEYS = ['operationId', 'consumes', 'produces', 'parameters', 'responses'];
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

function pick(source, keys, project) {
	const result = {};
	for (const key of keys) {
		if (source[key] !== undefined) result[key] = project(key, source[key]);
	}
	return result;
}

function schema(value) {
	if (typeof value !== 'object' || value === null) return value;
	return pick(value, SCHEMA_KEYS, (key, field) => {
		switch (key) {
			case 'properties':
				return Object.fromEntries(Object.entries(field).map(([name, s]) => [name, schema(s)]));
			case 'items':
			case 'additionalProperties':
				return schema(field);
			case 'allOf':
				return field.map(schema);
			default:
				return field;
		}
	});
}

function parameter(value) {
	return pick(value, PARAMETER_KEYS, (key, field) =>
		key === 'schema' || key === 'items' ? schema(field) : field,
	);
}

function operation(value) {
	return pick(value, OPERATION_KEYS, (key, field) => {
		if (key === 'parameters') return field.map(parameter);
		if (key === 'responses') {
			// A status and its schema; a response without a body is an empty object.
			return Object.fromEntries(
				Object.entries(field).map(([status, response]) => [
					status,
					response.schema ? { schema: schema(response.schema) } : {},
				]),
			);
		}
		return field;
	});
}

/** The contract of a Swagger 2.0 document. */
function contractOf(spec) {
	if (spec?.swagger !== '2.0' || typeof spec.paths !== 'object') {
		throw new Error('Not a Swagger 2.0 document: expected "swagger": "2.0" and "paths"');
	}
	const paths = {};
	for (const [template, item] of Object.entries(spec.paths)) {
		paths[template] = {};
		if (item.parameters) paths[template].parameters = item.parameters.map(parameter);
		for (const method of METHODS) {
			if (item[method]) paths[template][method] = operation(item[method]);
		}
	}
	return {
		api: {
			version: spec.info?.version,
			basePath: spec.basePath,
			consumes: spec.consumes,
			produces: spec.produces,
		},
		paths,
		definitions: Object.fromEntries(
			Object.entries(spec.definitions ?? {}).map(([name, definition]) => [
				name,
				schema(definition),
			]),
		),
	};
}

/** One entry per line below each section, so that git shows which operation or definition changed. */
function format(contract) {
	const section = (entries, indent) =>
		entries
			.map(([key, value]) => `${indent}${JSON.stringify(key)}: ${JSON.stringify(value)}`)
			.join(',\n');
	const paths = Object.entries(contract.paths).map(
		([template, item]) =>
			`\t\t${JSON.stringify(template)}: {\n${section(Object.entries(item), '\t\t\t')}\n\t\t}`,
	);
	return [
		'{',
		`\t"api": ${JSON.stringify(contract.api)},`,
		'\t"paths": {',
		paths.join(',\n'),
		'\t},',
		'\t"definitions": {',
		section(Object.entries(contract.definitions), '\t\t'),
		'\t}',
		'}',
		'',
	].join('\n');
}

/** Readable lines naming where two JSON values differ, at most `limit` of them. */
function differences(committed, derived, where = '', limit = 20, found = []) {
	if (found.length >= limit) return found;
	const isObject = (v) => typeof v === 'object' && v !== null;
	if (
		isObject(committed) &&
		isObject(derived) &&
		Array.isArray(committed) === Array.isArray(derived)
	) {
		const keys = new Set([...Object.keys(committed), ...Object.keys(derived)]);
		for (const key of keys) {
			const step = Array.isArray(committed)
				? `[${key}]`
				: /^[A-Za-z_$][\w$]*$/.test(key)
					? `.${key}`
					: `[${JSON.stringify(key)}]`;
			differences(committed[key], derived[key], `${where}${step}`, limit, found);
		}
		return found;
	}
	if (JSON.stringify(committed) !== JSON.stringify(derived)) {
		found.push(
			`${where.replace(/^\./, '') || 'the whole contract'}: contract has ${JSON.stringify(committed) ?? 'nothing'}, the spec gives ${
				JSON.stringify(derived) ?? 'nothing'
			}`,
		);
	}
	return found;
}

/** Where the bounds table lives: the Sigfox node checks every request against it before sending. */
const BOUNDS_PATH = path.join(__dirname, '..', 'nodes', 'shared', 'endpoints', 'rules.json');

/** The keys of a value rule the node checks (docs/sigfox/api.md#bounds). */
const RULE_KEYS = ['minimum', 'maximum', 'minLength', 'maxLength', 'enum'];

const definitionOf = (contract, ref) => contract.definitions[ref.replace('#/definitions/', '')];

/** The properties of an object schema: its own, its allOf parts', and for a discriminator its variants'. */
function propertiesOf(contract, schema, name) {
	const properties = {};
	for (const part of schema.allOf ?? []) {
		Object.assign(
			properties,
			propertiesOf(contract, part.$ref ? definitionOf(contract, part.$ref) : part),
		);
	}
	Object.assign(properties, schema.properties ?? {});
	if (schema.discriminator && name) {
		for (const [variant, definition] of Object.entries(contract.definitions)) {
			if ((definition.allOf ?? []).some((part) => part.$ref === `#/definitions/${name}`)) {
				Object.assign(properties, propertiesOf(contract, definition, variant));
			}
		}
	}
	return properties;
}

/**
 * The checkable rule of a schema or parameter ($ref and allOf resolved, a discriminator's variants merged, as
 * for a callback's channels): whole numbers, bounds, lengths, enums, and the same inside arrays and objects.
 * Undefined when nothing about the value can be checked.
 */
function ruleOf(contract, node, name) {
	if (!node || typeof node !== 'object') return undefined;
	if (node.$ref) {
		const refName = node.$ref.replace('#/definitions/', '');
		return ruleOf(contract, contract.definitions[refName], refName);
	}
	const properties = propertiesOf(contract, node, name);
	// "integer, format double" (the KMZ bounds) is a decimal number: docs/sigfox/api.md#kmz.
	const decimal = node.type === 'integer' && ['double', 'float'].includes(node.format);
	const type = decimal
		? 'number'
		: (node.type ?? (Object.keys(properties).length > 0 ? 'object' : undefined));
	const rule = {};
	for (const key of RULE_KEYS) if (node[key] !== undefined) rule[key] = node[key];
	if (type === 'array') {
		const items = ruleOf(contract, node.items);
		if (items) rule.items = items;
	}
	if (type === 'object') {
		const checked = {};
		for (const key of Object.keys(properties).sort()) {
			const inner = ruleOf(contract, properties[key]);
			if (inner) checked[key] = inner;
		}
		if (Object.keys(checked).length > 0) rule.properties = checked;
	}
	if (Object.keys(rule).length === 0 && type !== 'integer') return undefined;
	return { type, ...rule };
}

/**
 * The bounds table: for each operation ("GET /devices/"), the rules of its query parameters and of its body,
 * derived from the contract alone. The Sigfox node refuses a value outside them before any request.
 */
function boundsOf(contract) {
	const bounds = {};
	for (const [template, item] of Object.entries(contract.paths)) {
		for (const method of METHODS) {
			const operation = item[method];
			if (!operation) continue;
			const rules = {};
			for (const parameter of [...(item.parameters ?? []), ...(operation.parameters ?? [])]) {
				if (parameter.in === 'query') {
					const rule = ruleOf(contract, parameter);
					// `fields` names several related objects at once, comma-separated: docs/sigfox/api.md#fields.
					if (rule?.enum && parameter.name === 'fields') rule.separator = ',';
					if (rule) (rules.query ??= {})[parameter.name] = rule;
				} else if (parameter.in === 'body') {
					const rule = ruleOf(contract, parameter.schema);
					if (rule) rules.body = rule;
				}
			}
			if (Object.keys(rules).length > 0) bounds[`${method.toUpperCase()} ${template}`] = rules;
		}
	}
	return bounds;
}

/** One operation per line, like the contract. */
function formatBounds(bounds) {
	const lines = Object.entries(bounds).map(
		([route, rules]) => `\t${JSON.stringify(route)}: ${JSON.stringify(rules)}`,
	);
	return `{\n${lines.join(',\n')}\n}\n`;
}

function readSpec(specPath) {
	if (!specPath) {
		throw new Error(
			'Give the path of the official openapi.json: npm run contract:<update|check> -- <path>',
		);
	}
	return JSON.parse(fs.readFileSync(specPath, 'utf8'));
}

function main([command, specPath]) {
	const derived = format(contractOf(readSpec(specPath)));
	if (command === 'update') {
		fs.mkdirSync(path.dirname(CONTRACT_PATH), { recursive: true });
		fs.writeFileSync(CONTRACT_PATH, derived);
		const contract = JSON.parse(derived);
		fs.writeFileSync(BOUNDS_PATH, formatBounds(boundsOf(contract)));
		const operations = Object.values(contract.paths).flatMap((item) =>
			METHODS.filter((method) => item[method]),
		).length;
		process.stdout.write(
			`Wrote ${path.relative(process.cwd(), CONTRACT_PATH)}: ${operations} operations, ${
				Object.keys(contract.definitions).length
			} definitions\n`,
		);
		return 0;
	}
	if (command === 'check') {
		const committed = fs.existsSync(CONTRACT_PATH) ? fs.readFileSync(CONTRACT_PATH, 'utf8') : '';
		if (committed === derived) {
			process.stdout.write(`The committed contract matches ${specPath}\n`);
			return 0;
		}
		const lines = committed
			? differences(JSON.parse(committed), JSON.parse(derived))
			: ['contract/sigfox-api-v2.json is missing'];
		process.stderr.write(
			`The committed contract differs from what ${specPath} gives (npm run contract:update -- ${specPath} rewrites it):\n${
				lines.map((line) => `  ${line}`).join('\n') || '  (same content, different formatting)'
			}\n`,
		);
		return 1;
	}
	throw new Error('Usage: node scripts/contract.js <update|check> <path to openapi.json>');
}

if (require.main === module) {
	try {
		process.exitCode = main(process.argv.slice(2));
	} catch (error) {
		process.stderr.write(`${error.message}\n`);
		process.exitCode = 2;
	}
}

module.exports = {
	CONTRACT_PATH,
	BOUNDS_PATH,
	contractOf,
	format,
	differences,
	boundsOf,
	formatBounds,
};
