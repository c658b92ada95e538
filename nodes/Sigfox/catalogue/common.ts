import type { INodeProperties } from 'n8n-workflow';

import { OWNER_HEADER } from '../../shared/callbacks/events';
import { objectId, objectIdProperty, sigfoxLocator } from '../../shared/locator';
import type { CatalogueField, ParameterLocation } from './types';
import CHOICES from './choices.json';
import type { Endpoint } from '../../shared/endpoints';
import { rulesOf } from '../../shared/endpoints/bounds';

export { deviceTypeLocator } from '../../shared/deviceType';

export const deviceLocator = (overrides: Partial<INodeProperties> = {}): INodeProperties =>
	sigfoxLocator(
		'Device',
		'deviceId',
		'searchDevices',
		{
			placeholder: 'e.g. 007B480F',
			regex: '^[0-9a-fA-F]{1,8}$',
			errorMessage: 'A device ID is 1 to 8 hexadecimal characters',
		},
		overrides,
	);

export const callbackLocator = (overrides: Partial<INodeProperties> = {}): INodeProperties =>
	sigfoxLocator(
		'Callback',
		'callbackId',
		'searchCallbacks',
		{ ...objectId('callback'), placeholder: 'e.g. 5f0c8e1a2b3c4d5e6f708199' },
		{
			description: 'A callback of the device type above',
			typeOptions: { loadOptionsDependsOn: ['deviceTypeId.value'] },
			...overrides,
		},
	);

/**
 * An options parameter over one of Sigfox's coded value lists, kept together in choices.json
 * (callback kinds: docs/sigfox/api.md#callback-create; device type modes:
 * docs/sigfox/api.md#device-type-enums; group types: docs/sigfox/api.md#group-types).
 */
export const choice = (
	list: Exclude<keyof typeof CHOICES, 'include'>,
	property: Omit<INodeProperties, 'type' | 'options'>,
): INodeProperties => ({ ...property, type: 'options', options: CHOICES[list] });

export const groupLocator = (overrides: Partial<INodeProperties> = {}): INodeProperties =>
	sigfoxLocator('Group', 'groupId', 'searchGroups', objectId('group'), overrides);

export const contractLocator = (overrides: Partial<INodeProperties> = {}): INodeProperties =>
	sigfoxLocator('Contract', 'contractId', 'searchContracts', objectId('contract'), overrides);

/** Profiles are listed per group: the group parameter of the operation, else the API user's own. */
export const profileLocator = (overrides: Partial<INodeProperties> = {}): INodeProperties =>
	sigfoxLocator('Profile', 'profileId', 'searchProfiles', objectId('profile'), overrides);

const COLLECTIONS = {
	filters: ['Filters', 'Add Filter'],
	options: ['Options', 'Add Option'],
	additionalFields: ['Additional Fields', 'Add Field'],
	updateFields: ['Update Fields', 'Add Field'],
	deviceFields: ['Device Fields', 'Add Field'],
} as const;

/**
 * A collection parameter of one of the node's standard kinds (Filters, Options, Additional Fields,
 * Update Fields, Device Fields) whose options go to `where`; `rest` adds option formats and encodings.
 */
export function collection(
	name: keyof typeof COLLECTIONS,
	where: ParameterLocation,
	options: INodeProperties[],
	{ description, ...rest }: Omit<CatalogueField, 'property' | 'in'> & { description?: string } = {},
): CatalogueField {
	const [displayName, placeholder] = COLLECTIONS[name];
	// Values picked from a list go to the query as one comma-separated text, as Sigfox's query lists do.
	const picked = Object.fromEntries(
		options
			.filter((option) => where === 'query' && option.type === 'multiOptions')
			.map((option) => [option.name, 'joined' as const]),
	);
	return {
		in: where,
		...rest,
		...(Object.keys(picked).length > 0
			? { optionEncodings: { ...picked, ...rest.optionEncodings } }
			: {}),
		property: {
			displayName,
			name,
			type: 'collection',
			placeholder,
			default: {},
			...(description ? { description } : {}),
			options,
		},
	};
}

/**
 * The `fields` option of a read (docs/sigfox/api.md#fields): the related objects Sigfox adds to each
 * result in the same request, as the route's contract lists them, sent comma-separated.
 */
export function includeOption(endpoint: Endpoint): INodeProperties {
	const values = rulesOf(endpoint).query?.fields?.enum ?? [];
	const labels: Record<string, string> = CHOICES.include;
	return {
		displayName: 'Include',
		name: 'fields',
		type: 'multiOptions',
		default: [],
		description: 'Related objects Sigfox adds to each result, in the same request',
		options: values
			.map((value) => ({ name: labels[value] ?? value, value }))
			.sort((a, b) => a.name.localeCompare(b.name)),
	};
}

/** The names of the fields Sigfox sorts lists by (docs/sigfox/api.md#paging). */
const SORT_LABELS: Record<string, string> = {
	id: 'ID',
	name: 'Name',
	lastCom: 'Last Communication',
	email: 'Email',
};

/** The `sort` option of a list: the orders its route's contract lists, each field either way. */
export function sortOption(
	endpoint: Endpoint,
	defaultOrder: string,
	description?: string,
): INodeProperties {
	const orders = rulesOf(endpoint).query?.sort?.enum ?? [];
	const label = (order: string) =>
		order.startsWith('-')
			? `${SORT_LABELS[order.slice(1)] ?? order.slice(1)} (Descending)`
			: (SORT_LABELS[order] ?? order);
	return {
		displayName: 'Sort',
		name: 'sort',
		type: 'options',
		default: defaultOrder,
		...(description ? { description } : {}),
		options: orders
			.map((order) => ({ name: label(order), value: order }))
			.sort((a, b) => a.name.localeCompare(b.name)),
	};
}

/** The `authorizations` option of a read: the API user's rights on each result. */
export const authorizationsOption: INodeProperties = {
	displayName: 'Include Authorizations',
	name: 'authorizations',
	type: 'boolean',
	default: false,
	description: 'Whether Sigfox adds, to each result, what the API user is allowed to do with it',
};

/** The Options of a read: Include, when its route takes `fields`, then the options given. */
export const readOptions = (endpoint: Endpoint, extra: INodeProperties[] = []): CatalogueField =>
	collection('options', 'query', [
		...(rulesOf(endpoint).query?.fields ? [includeOption(endpoint)] : []),
		...extra,
	]);

/** A required position or bound in decimal degrees (coverage locations, KMZ areas). */
export const degrees = (
	where: ParameterLocation,
	displayName: string,
	name: string,
	range: string,
): CatalogueField => ({
	in: where,
	property: {
		displayName,
		name,
		type: 'number',
		typeOptions: { numberPrecision: 6 },
		default: 0,
		required: true,
		description: `In degrees (${range})`,
	},
});

/** The required name of an object Sigfox creates (device, device type, API user…). */
export const requiredName = (description: string): CatalogueField => ({
	in: 'body',
	property: {
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		description,
	},
});

/** A user's or group's time zone, as Sigfox takes it. */
export const timezone: INodeProperties = {
	displayName: 'Timezone',
	name: 'timezone',
	type: 'string',
	default: 'Europe/Paris',
	placeholder: 'e.g. America/Costa_Rica',
	description: 'A full Java time zone ID such as Europe/Paris',
};

/** A list filter on the groups of what is listed (`groupIds`, comma-separated). */
export const groupIdsFilter = (what: string): INodeProperties => ({
	displayName: 'Group IDs',
	name: 'groupIds',
	type: 'string',
	default: '',
	description: `Comma-separated IDs of the groups whose ${what} to list`,
});

/** The group an operation applies to, when the API user sees several. */
export const groupOption = (description: string): CatalogueField =>
	collection(
		'options',
		'query',
		[{ displayName: 'Group ID', name: 'groupId', type: 'string', default: '', description }],
		{ optionFormats: { groupId: 'objectId' } },
	);

/** A job ID as Sigfox answered it when the job started. */
export const jobIdField: CatalogueField = {
	in: 'path',
	format: 'objectId',
	property: {
		displayName: 'Job ID',
		name: 'jobId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 5f0c8e1a2b3c4d5e6f7081a0',
		description:
			'The ID Sigfox gave the job when it started (the jobId of the operation that started it)',
	},
};

/** `since`/`before` of Sigfox's time-window lists, as n8n date-times sent in ms (docs/sigfox/api.md#time). */
export function timeWindowField(what: string, extra: INodeProperties[] = []): CatalogueField {
	return collection(
		'filters',
		'query',
		[
			{
				displayName: 'Before',
				name: 'before',
				type: 'dateTime',
				default: '',
				description: `Only ${what} before this date and time`,
			},
			{
				displayName: 'Since',
				name: 'since',
				type: 'dateTime',
				default: '',
				description: `Only ${what} from this date and time on`,
			},
			...extra,
		],
		{ optionEncodings: { since: 'epochMs', before: 'epochMs' } },
	);
}

/** The trigger's shared-secret header: its value never appears in an output. */
export const MASKED_HEADER = OWNER_HEADER;

/** A warning shown in the node's UI; never sent. */
export function notice(name: string, text: string): CatalogueField {
	return { property: { displayName: text, name, type: 'notice', default: '' } };
}

/** The explicit yes an irreversible operation needs, so that neither a user nor an AI agent runs it by accident. */
export function confirmation(
	name: string,
	displayName: string,
	consequence: string,
): CatalogueField {
	return {
		confirms: consequence,
		property: {
			displayName,
			name,
			type: 'boolean',
			default: false,
			required: true,
			description: `Whether you accept that ${consequence}. The operation is not sent unless this is true.`,
		},
	};
}

/**
 * The explicit yes an operation that spends money needs when an AI agent or an MCP client runs it: a parameter
 * of the tool variant ("Sigfox Tool") only, through n8n's `@tool` display option, so that workflows built by
 * hand run as before.
 */
export function toolConfirmation(
	name: string,
	displayName: string,
	consequence: string,
): CatalogueField {
	const field = confirmation(name, displayName, consequence);
	return {
		...field,
		property: { ...field.property, displayOptions: { show: { '@tool': [true] } } },
	};
}

/** Billing traps of the subscription operations (docs/sigfox/api.md#subscription-traps). */
/** When a device's token ends (Unsubscribe, one device or each device of a bulk job). */
export const unsubscriptionTime = (
	where: 'body' | 'device',
	description: string,
): CatalogueField => ({
	in: where,
	encoding: 'epochMs',
	property: {
		displayName: 'Unsubscription Time',
		name: 'unsubscriptionTime',
		type: 'dateTime',
		default: '',
		required: true,
		description,
	},
});

/** A list the user fills entry by entry ("Add Header", "Add Role"), each entry with the same fields. */
export const entryList = (
	list: { displayName: string; name: string; placeholder: string; description: string },
	entry: { displayName: string; name: string },
	values: INodeProperties[],
): INodeProperties => ({
	...list,
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	default: {},
	options: [{ ...entry, values }],
});

/** The `{id}` of a route, typed as a Sigfox object ID where no searchable list exists. */
export const objectIdPath = (
	displayName: string,
	name: string,
	description: string,
): CatalogueField => ({
	in: 'path',
	apiName: 'id',
	format: 'objectId',
	property: objectIdProperty(displayName, name, { description }),
});

export const TRAPS = {
	renewalAlone:
		'Turning off automatic renewal alone does not stop billing: set an unsubscription date (Device → Unsubscribe) to end the subscription.',
	suspendedBilled:
		'Suspended devices are still billed and their tokens keep running: suspending only stops message processing. Unsubscribe to stop billing.',
	transferLosesToken:
		'A transfer to a device type of another order loses the token for good (the device needs a new one). Check token availability at the destination first.',
	oneEditPerHour:
		'Sigfox allows one update or deletion per device per hour: to change many devices use Device Bulk → Update.',
	unsubscribe:
		'Unsubscribing ends the token at the date given and cannot be undone. With several contracts, an unsubscribed device reactivates on another one unless its automatic renewal is off.',
};

/** What the operations that spend money cost, as their tool confirmations say it. */
export const COSTS = {
	register: 'the device takes a token of the contract, which is billed, when it first communicates',
	registerMany:
		'each device takes a token of the contract, which is billed, when it first communicates',
	restart:
		'each restarted device whose token has ended takes a new token of the contract, which is billed',
};

/** A description made of several sentences, some shared (e.g. the traps above). */
export function sentences(...parts: string[]): string {
	return parts.join(' ');
}

/** What can be changed of a device, one by one or in bulk (docs/sigfox/api.md#device-create). */
export const DEVICE_SETTINGS: INodeProperties[] = [
	{
		displayName: 'Activable',
		name: 'activable',
		type: 'boolean',
		default: true,
		description: 'Whether the device can take a token (be activated)',
	},
	{
		displayName: 'Automatic Renewal',
		name: 'automaticRenewal',
		type: 'boolean',
		default: true,
		description: sentences(
			'Whether the token renews automatically at its end.',
			TRAPS.renewalAlone,
		),
	},
	{
		displayName: 'Latitude',
		name: 'lat',
		type: 'number',
		typeOptions: { minValue: -90, maxValue: 90, numberPrecision: 7 },
		default: 0,
		description: 'The fixed location of the device: latitude in degrees',
	},
	{
		displayName: 'Longitude',
		name: 'lng',
		type: 'number',
		typeOptions: { minValue: -180, maxValue: 180, numberPrecision: 7 },
		default: 0,
		description: 'The fixed location of the device: longitude in degrees',
	},
];
