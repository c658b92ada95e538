import type { INodeProperties } from 'n8n-workflow';

import { catalogue } from '../catalogue';
import type { CatalogueField, CatalogueOperation, CatalogueResource } from '../catalogue/types';
import type { ValueRule } from '../../shared/endpoints/bounds';
import { rulesOf } from '../../shared/endpoints/bounds';
import { toolDescription } from './toolDescription';

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);

function listProperties(show: { resource: string[]; operation: string[] }): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: { show },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { ...show, returnAll: [false] } },
		},
	];
}

function jobProperties(
	show: { resource: string[]; operation: string[] },
	bulk: boolean,
): INodeProperties[] {
	const properties: INodeProperties[] = [
		{
			displayName: 'Wait for Completion',
			name: 'waitForCompletion',
			type: 'boolean',
			default: true,
			description: bulk
				? 'Whether to wait until Sigfox has finished each job and output every device with its success or error; otherwise output each device with its job ID at once'
				: 'Whether to wait until Sigfox has finished the job and output its result; otherwise output the job ID at once',
			displayOptions: { show },
		},
		{
			displayName: 'Max Wait (Minutes)',
			name: 'maxWaitMinutes',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 30,
			description:
				'How long to wait for a job at most; a job still running then comes out with its job ID, to read later with Get Job Status',
			displayOptions: { show: { ...show, waitForCompletion: [true] } },
		},
	];
	if (bulk) {
		properties.unshift({
			displayName: 'Job Size',
			name: 'jobSize',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 10000,
			description:
				'Most devices sent in one Sigfox job; more input items make several jobs. Sigfox allows 5 bulk jobs per 10 minutes and sets no size limit, so prefer large jobs.',
			displayOptions: { show },
		});
	}
	return properties;
}

/** The contract's rule of a value, by where the field sends it. */
function ruleFor(
	operation: CatalogueOperation,
	field: CatalogueField,
	apiName: string,
): ValueRule | undefined {
	if (!('endpoint' in operation)) return undefined;
	const rules = rulesOf(operation.endpoint);
	if (field.in === 'query') return rules.query?.[apiName];
	if (field.in === 'body') return rules.body?.properties?.[apiName];
	if (field.in === 'device') return rules.body?.properties?.data?.items?.properties?.[apiName];
	return undefined;
}

/** A number parameter with the range and whole-number rule of its contract shown in the UI. */
function withBounds(property: INodeProperties, rule: ValueRule | undefined): INodeProperties {
	if (property.type !== 'number' || !rule) return property;
	const shown = {
		...(rule.minimum !== undefined ? { minValue: rule.minimum } : {}),
		...(rule.maximum !== undefined ? { maxValue: rule.maximum } : {}),
		...(rule.type === 'integer' ? { numberPrecision: 0 } : {}),
	};
	return Object.keys(shown).length > 0
		? { ...property, typeOptions: { ...shown, ...property.typeOptions } }
		: property;
}

/** A field's parameter as the UI shows it: for a collection, each option with its own bounds. */
function shownProperty(operation: CatalogueOperation, field: CatalogueField): INodeProperties {
	const property = field.property;
	if (property.type === 'collection') {
		return {
			...property,
			options: (property.options as INodeProperties[] | undefined)?.map((option) =>
				withBounds(option, ruleFor(operation, field, option.name)),
			),
		};
	}
	return withBounds(property, ruleFor(operation, field, field.apiName ?? property.name));
}

/**
 * The description Sigfox Tool gives the model for one operation, editable: n8n reads `toolDescription` when a
 * node declares it, instead of adding its own "<action> in Sigfox" (README: Use with AI agents and MCP).
 */
function toolDescriptionProperty(
	resource: CatalogueResource,
	operation: CatalogueOperation,
): INodeProperties {
	return {
		displayName: 'Description',
		name: 'toolDescription',
		type: 'string',
		typeOptions: { rows: 4 },
		default: toolDescription(resource, operation),
		required: true,
		description:
			'What the AI model reads about this tool: what it does, what it returns, what it needs the user to agree to',
		displayOptions: {
			show: { '@tool': [true], resource: [resource.value], operation: [operation.value] },
		},
	};
}

const firstResource = catalogue[0].value;

/** The node's parameters, derived from the catalogue: resource, operation, then each operation's fields. */
export function catalogueProperties(): INodeProperties[] {
	const properties: INodeProperties[] = [
		...catalogue.flatMap((resource) =>
			resource.operations.map((operation) => toolDescriptionProperty(resource, operation)),
		),
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: catalogue.map((r) => ({ name: r.name, value: r.value })).sort(byName),
			default: firstResource,
		},
	];
	for (const resource of catalogue) {
		const firstOperation = resource.operations[0].value;
		properties.push({
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource.value] } },
			options: resource.operations
				.map((o) => ({
					name: o.name,
					value: o.value,
					action: o.action,
					description: o.description,
				}))
				.sort(byName),
			default: firstOperation,
		});
	}
	for (const resource of catalogue) {
		for (const operation of resource.operations) {
			const show = { resource: [resource.value], operation: [operation.value] };
			for (const field of operation.fields) {
				const own = field.property.displayOptions?.show ?? {};
				properties.push({
					...shownProperty(operation, field),
					displayOptions: { show: { ...own, ...show } },
				});
			}
			if (operation.kind === 'list' && operation.endpoint.paged) {
				properties.push(...listProperties(show));
			}
			if (operation.kind === 'job') properties.push(...jobProperties(show, false));
			if (operation.kind === 'bulk') {
				const jobs = jobProperties(show, true);
				// Without a status route (replace), a job cannot be waited for: only its size is asked.
				properties.push(...(operation.statusEndpoint ? jobs : jobs.slice(0, 1)));
			}
		}
	}
	return properties;
}
