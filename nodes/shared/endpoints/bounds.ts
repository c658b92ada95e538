import table from './rules.json';
import type { Endpoint } from './index';

/**
 * What the API contract states about one value (docs/sigfox/api.md#bounds): a whole number, a range, a
 * length, a list of allowed values (several, comma-separated, where `separator` is set), and the same for
 * the elements of an array and the fields of an object.
 */
export interface ValueRule {
	type?: string;
	minimum?: number;
	maximum?: number;
	minLength?: number;
	maxLength?: number;
	enum?: string[];
	separator?: string;
	items?: ValueRule;
	properties?: Record<string, ValueRule>;
}

interface EndpointRules {
	query?: Record<string, ValueRule>;
	body?: ValueRule;
}

/** A value outside its rule: where it is (API names, array indexes), the value, and what Sigfox takes. */
export interface OutOfBounds {
	path: Array<string | number>;
	value: unknown;
	allowed: string;
}

const BOUNDS = table as Record<string, EndpointRules>;

/** The rules of an endpoint's query parameters and body, derived from the API contract (scripts/contract.js). */
export function rulesOf(endpoint: Endpoint): EndpointRules {
	return BOUNDS[`${endpoint.method} ${endpoint.path}`] ?? {};
}

function range(rule: ValueRule, unit = ''): string {
	const { minimum: min, maximum: max } = rule;
	if (min !== undefined && max !== undefined) return `from ${min} to ${max}${unit}`;
	if (min !== undefined) return `at least ${min}${unit}`;
	return `at most ${max}${unit}`;
}

/** What a rule allows, in words, for an error message. */
export function allowedBy(rule: ValueRule): string {
	if (rule.enum) {
		return `${rule.separator ? 'one or more of' : 'one of'} ${rule.enum.join(', ')}`;
	}
	if (rule.minLength !== undefined || rule.maxLength !== undefined) {
		return range({ minimum: rule.minLength, maximum: rule.maxLength }, ' characters');
	}
	const whole = rule.type === 'integer' ? 'a whole number' : 'a number';
	return rule.minimum === undefined && rule.maximum === undefined
		? whole
		: `${whole} ${range(rule)}`;
}

function numeric(value: unknown): number | undefined {
	if (typeof value === 'number') return value;
	if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
		return Number(value);
	}
	return undefined;
}

/** The parts of a list such as `deviceType(name),group(name,type)`: commas inside parentheses stay. */
function parts(text: string, separator: string): string[] {
	const found: string[] = [];
	let depth = 0;
	let start = 0;
	for (let i = 0; i < text.length; i++) {
		if (text[i] === '(') depth++;
		else if (text[i] === ')') depth--;
		else if (text[i] === separator && depth === 0) {
			found.push(text.slice(start, i));
			start = i + 1;
		}
	}
	return [...found, text.slice(start)];
}

function breaks(rule: ValueRule, value: unknown): boolean {
	if (rule.enum) {
		const given = rule.separator ? parts(String(value), rule.separator) : [String(value)];
		return given.some((part) => !rule.enum!.includes(part.trim()));
	}
	if (rule.minLength !== undefined || rule.maxLength !== undefined) {
		const length = String(value).length;
		return length < (rule.minLength ?? 0) || length > (rule.maxLength ?? Infinity);
	}
	if (rule.type === 'integer' || rule.minimum !== undefined || rule.maximum !== undefined) {
		const number = numeric(value);
		if (number === undefined) return true;
		if (rule.type === 'integer' && !Number.isInteger(number)) return true;
		return number < (rule.minimum ?? -Infinity) || number > (rule.maximum ?? Infinity);
	}
	return false;
}

/** The first part of `value` outside `rule`, looking into arrays and objects; undefined when all fit. */
export function outOfBounds(
	rule: ValueRule | undefined,
	value: unknown,
	path: Array<string | number> = [],
): OutOfBounds | undefined {
	if (!rule || value === undefined || value === null) return undefined;
	if (Array.isArray(value)) {
		if (!rule.items) return undefined;
		for (const [index, element] of value.entries()) {
			const found = outOfBounds(rule.items, element, [...path, index]);
			if (found) return found;
		}
		return undefined;
	}
	if (typeof value === 'object') {
		for (const [name, inner] of Object.entries(value)) {
			const found = outOfBounds(rule.properties?.[name], inner, [...path, name]);
			if (found) return found;
		}
		return undefined;
	}
	return breaks(rule, value) ? { path, value, allowed: allowedBy(rule) } : undefined;
}

/** The first query parameter or body value of a request outside the endpoint's rules. */
export function requestOutOfBounds(
	endpoint: Endpoint,
	request: { qs?: Record<string, unknown>; body?: unknown },
): OutOfBounds | undefined {
	const rules = rulesOf(endpoint);
	for (const [name, value] of Object.entries(request.qs ?? {})) {
		const found = outOfBounds(rules.query?.[name], value, [name]);
		if (found) return found;
	}
	return outOfBounds(rules.body, request.body);
}
