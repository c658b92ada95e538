import type { INodeParameters, INodeProperties } from 'n8n-workflow';

import { catalogue } from '../../nodes/Sigfox/catalogue';
import type { CatalogueField, CatalogueOperation } from '../../nodes/Sigfox/catalogue/types';
import type { ValueRule } from '../../nodes/shared/endpoints/bounds';
import { allowedBy, rulesOf } from '../../nodes/shared/endpoints/bounds';
import { useScriptedServer } from '../support/scripted-server';
import { credentialsFor } from './fixtures';
import { runSigfoxNode } from './harness';

/**
 * One value outside each bound the API contract states, given through an expression to the parameter that sends
 * it: the node refuses it with the parameter, the value and the allowed range, and Sigfox receives nothing.
 */

type Requesting = Extract<CatalogueOperation, { endpoint: unknown }>;

/** Values of each format that pass the node's own checks, for the required parameters around the one tested. */
const SAMPLES: Record<string, string> = {
	deviceId: '1A2B03',
	objectId: '5f0c8e1a2b3c4d5e6f708199',
	objectIds: '5f0c8e1a2b3c4d5e6f708199',
	pac: '585CB3B42AC98BD4',
};

function validValue(field: CatalogueField): unknown {
	const property = field.property;
	if (field.confirms) return true;
	if (property.type === 'resourceLocator') {
		return { __rl: true, mode: 'id', value: SAMPLES[field.format ?? 'objectId'] };
	}
	if (field.format) return SAMPLES[field.format];
	if (property.type === 'dateTime') return '2026-11-26T08:00:00';
	if (property.type === 'string' && property.default === '') return 'Sample';
	return property.default;
}

/** Values just outside a rule: one per stated bound. */
function outside(rule: ValueRule): unknown[] {
	if (rule.enum) return ['not-a-sigfox-value'];
	if (rule.minLength !== undefined || rule.maxLength !== undefined) {
		return [
			...(rule.minLength !== undefined && rule.minLength > 1
				? ['x'.repeat(rule.minLength - 1)]
				: []),
			...(rule.maxLength !== undefined ? ['x'.repeat(rule.maxLength + 1)] : []),
		];
	}
	const values: unknown[] = [];
	if (rule.minimum !== undefined) values.push(rule.minimum - 1);
	if (rule.maximum !== undefined) values.push(rule.maximum + 1);
	if (rule.type === 'integer') values.push((rule.minimum ?? 0) + 0.5);
	return values;
}

interface BoundCase {
	title: string;
	parameters: INodeParameters;
	label: string;
	value: unknown;
	allowed: string;
}

function ruleFor(operation: Requesting, field: CatalogueField, name: string) {
	const rules = rulesOf(operation.endpoint);
	if (field.in === 'query') return rules.query?.[name];
	if (field.in === 'body') return rules.body?.properties?.[name];
	return undefined;
}

function casesOf(resource: string, operation: Requesting): BoundCase[] {
	const base: INodeParameters = { resource, operation: operation.value };
	for (const field of operation.fields) {
		if (field.property.type === 'notice' || field.property.type === 'collection') continue;
		if (field.property.required || field.confirms) {
			base[field.property.name] = validValue(field) as INodeParameters[string];
		}
	}
	const cases: BoundCase[] = [];
	for (const field of operation.fields) {
		const targets: Array<[INodeProperties, string, (v: unknown) => INodeParameters]> =
			field.property.type === 'collection'
				? ((field.property.options ?? []) as INodeProperties[]).map((option) => [
						option,
						option.name,
						(v) => ({ [field.property.name]: { [option.name]: v } }) as INodeParameters,
					])
				: [
						[
							field.property,
							field.apiName ?? field.property.name,
							(v) => ({ [field.property.name]: v }) as INodeParameters,
						],
					];
		for (const [property, apiName, place] of targets) {
			const rule = ruleFor(operation, field, apiName);
			// A date is sent as whole milliseconds by the node's own encoding: no value of it breaks `integer`.
			if (!rule || field.encoding === 'epochMs' || field.optionEncodings?.[apiName] === 'epochMs') {
				continue;
			}
			// The parameter shows for one channel or one type: choose it.
			const shownBy = Object.fromEntries(
				Object.entries(field.property.displayOptions?.show ?? {}).map(([key, values]) => [
					key,
					(values as unknown[])[0],
				]),
			) as INodeParameters;
			for (const value of outside(rule)) {
				cases.push({
					title: `${resource} ${operation.name}: ${[field.property, property]
						.filter((p, i, all) => i === 0 || p !== all[0])
						.map((p) => p.displayName)
						.join(' → ')} = ${JSON.stringify(value).slice(0, 20)}`,
					parameters: { ...base, ...shownBy, ...place(`={{ ${JSON.stringify(value)} }}`) },
					label: property.displayName,
					value,
					allowed: allowedBy(rule),
				});
			}
		}
	}
	return cases;
}

const cases = catalogue.flatMap((resource) =>
	resource.operations
		.filter((o): o is Requesting => 'endpoint' in o && o.kind !== 'bulk')
		.flatMap((operation) => casesOf(resource.value, operation)),
);

describe('values outside the bounds of the API contract', () => {
	const server = useScriptedServer();

	it('cover every bound the contract states on a parameter the node offers', () => {
		expect(cases.length).toBeGreaterThan(40);
	});

	it.each(cases.map((c) => [c.title, c] as const))('refuses %s before sending', async (_t, c) => {
		const { error, requests } = await runSigfoxNode(c.parameters, {
			credentials: credentialsFor(server),
		});

		expect(requests).toHaveLength(0);
		expect(error?.message).toBe(
			`${c.label} ${JSON.stringify(c.value)} is out of range: Sigfox takes ${c.allowed}`,
		);
		expect(error?.description).toContain('nothing was sent to Sigfox');
	});
});
