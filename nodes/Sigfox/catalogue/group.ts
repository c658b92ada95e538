import type { INodeProperties } from 'n8n-workflow';

import type { CatalogueField, CatalogueResource } from './types';
import {
	sortOption,
	authorizationsOption,
	choice,
	groupLocator,
	includeOption,
	readOptions,
	timeWindowField,
	collection,
	timezone,
} from './common';
import CHOICES from './choices.json';
import { ENDPOINTS } from '../../shared/endpoints';

const groupPath: CatalogueField = {
	in: 'path',
	apiName: 'id',
	format: 'objectId',
	property: groupLocator(),
};

const technicalEmail: INodeProperties = {
	displayName: 'Technical Email',
	name: 'technicalEmail',
	type: 'string',
	placeholder: 'name@email.com',
	default: '',
	description: 'Whom to contact about technical questions',
};

/** Group types (docs/sigfox/api.md#group-types); the type selects which fields a group has. */
const groupType = choice('groupType', {
	displayName: 'Type',
	name: 'type',
	default: 2,
	description: 'The kind of group; most customers create Basic groups',
});

const name: INodeProperties = {
	displayName: 'Name',
	name: 'name',
	type: 'string',
	default: '',
	description: 'The name of the group (3 to 100 characters)',
};

const description: INodeProperties = {
	displayName: 'Description',
	name: 'description',
	type: 'string',
	default: '',
	description: 'What the group is for (at most 300 characters)',
};

/**
 * The group types whose bodies take each type's own fields (docs/sigfox/api.md#group-types; the contract's
 * discriminated definitions SVNOCreate… BasicUpdate): SVNO and DIST groups resell the network of an operator,
 * SO and NIP groups run one in a country, the others (Basic, Partners, Channel, Starter, Partner) are billable.
 */
const TYPES = {
	reseller: [5, 8],
	country: [0, 7],
	billable: [2, 6, 9, 10, 11],
};
const onTypes = (types: number[]) => ({ show: { type: types } });

const countryISOAlpha3: CatalogueField = {
	in: 'body',
	property: {
		displayName: 'Country',
		name: 'countryISOAlpha3',
		type: 'string',
		default: '',
		placeholder: 'e.g. FRA',
		description:
			'The country where the operator runs its network, as its three-letter ISO 3166-1 alpha-3 code; only SO and NIP groups have one',
		displayOptions: onTypes(TYPES.country),
	},
};

/** billableGroup: the fields of Basic, Partners, Channel, Starter and Partner groups. */
const billable: INodeProperties = {
	displayName: 'Billable',
	name: 'billable',
	type: 'boolean',
	default: false,
	description: 'Whether Sigfox bills the group',
};

const maxPrototypeAllowed: INodeProperties = {
	displayName: 'Max Prototypes',
	name: 'maxPrototypeAllowed',
	type: 'number',
	default: 0,
	description:
		'How many prototype devices (not yet certified) the group may hold; Sigfox takes it only for groups under a Sigfox Operator (SO) group',
};

const billableFields = (options: INodeProperties[]): CatalogueField => ({
	in: 'body',
	property: {
		displayName: 'Billable Group Fields',
		name: 'billableFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'The fields only Basic, Partners, Channel, Starter and Partner groups have',
		displayOptions: onTypes(TYPES.billable),
		options,
	},
});

const action: INodeProperties = {
	displayName: 'Allowed Action',
	name: 'action',
	type: 'options',
	default: 'devices:create',
	description: 'Only groups in which the API user may do this',
	options: [
		{ name: 'Create Base Stations', value: 'base-stations:create' },
		{ name: 'Create Contracts', value: 'contract-infos:create' },
		{ name: 'Create Device Types', value: 'device-types:create' },
		{ name: 'Create Devices', value: 'devices:create' },
		{ name: 'Create Hosts', value: 'hosts:create' },
		{ name: 'Create Maintenances', value: 'maintenances:create' },
		{ name: 'Create Providers', value: 'providers:create' },
		{ name: 'Create Sites', value: 'sites:create' },
		{ name: 'Create Users', value: 'users:create' },
	],
};

export const group: CatalogueResource = {
	value: 'group',
	name: 'Group',
	operations: [
		{
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many groups',
			description: 'List the groups the API user can see',
			kind: 'list',
			endpoint: ENDPOINTS.listGroups,

			fields: [
				collection('filters', 'query', [
					action,
					includeOption(ENDPOINTS.listGroups),
					authorizationsOption,
					{
						displayName: 'Include Subgroups',
						name: 'deep',
						type: 'boolean',
						default: false,
						description: 'Whether to include the subgroups of the parent groups, at every level',
					},
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						description: 'Only groups whose name contains this text',
					},
					{
						displayName: 'Parent IDs',
						name: 'parentIds',
						type: 'string',
						default: '',
						description: 'Comma-separated IDs of the groups whose subgroups to list',
					},
					sortOption(ENDPOINTS.listGroups, 'name', 'The order of the groups'),
					{
						displayName: 'Types',
						name: 'types',
						type: 'multiOptions',
						default: [],
						description: 'Only groups of these types',
						options: CHOICES.groupType,
					},
				]),
			],
		},
		{
			value: 'create',
			name: 'Create',
			action: 'Create a group',
			description: 'Create a group below a parent group',
			kind: 'single',
			endpoint: ENDPOINTS.createGroup,
			fields: [
				{ in: 'body', property: { ...name, required: true } },
				{ in: 'body', property: { ...description, required: true } },
				{ in: 'body', property: { ...groupType, required: true } },
				{ in: 'body', property: { ...timezone, required: true } },
				{
					in: 'body',
					format: 'objectId',
					property: groupLocator({
						displayName: 'Parent Group',
						name: 'parentId',
						description: 'The group the new group belongs to',
					}),
				},
				{
					in: 'body',
					format: 'objectId',
					property: groupLocator({
						displayName: 'Network Operator Group',
						name: 'networkOperatorId',
						// Not required in the UI: a Type given by an expression shows every type's fields.
						required: false,
						description:
							'The SO or NIP group of the operator whose network the SVNO or DIST group uses; Sigfox needs it for these two types',
						displayOptions: onTypes(TYPES.reseller),
					}),
				},
				countryISOAlpha3,
				billableFields([billable, maxPrototypeAllowed]),
				collection('additionalFields', 'body', [
					{
						displayName: 'Account ID',
						name: 'accountId',
						type: 'string',
						default: '',
						description: 'The account the group is linked to',
					},
					technicalEmail,
				]),
			],
		},
		{
			value: 'get',
			name: 'Get',
			action: 'Get a group',
			description: 'Retrieve a group with its type, time zone and place in the hierarchy',
			kind: 'single',
			endpoint: ENDPOINTS.getGroup,
			fields: [groupPath, readOptions(ENDPOINTS.getGroup, [authorizationsOption])],
		},
		{
			value: 'update',
			name: 'Update',
			action: 'Update a group',
			description: "Change a group's name, description, time zone or the fields its type has",
			kind: 'single',
			endpoint: ENDPOINTS.updateGroup,
			fields: [
				groupPath,
				collection('updateFields', 'body', [description, name, timezone]),
				{
					in: 'body',
					property: {
						displayName: 'Type',
						name: 'type',
						type: 'options',
						default: '',
						description:
							'The type of the group, to change the fields only groups of that type have: Sigfox reads the body by it. Not sent when not given.',
						options: [{ name: 'Not Given (Common Fields Only)', value: '' }, ...CHOICES.groupType],
					},
				},
				countryISOAlpha3,
				billableFields([billable, maxPrototypeAllowed, technicalEmail]),
			],
		},
		{
			value: 'delete',
			name: 'Delete',
			action: 'Delete a group',
			description: 'Delete a group that holds nothing any more',
			kind: 'single',
			endpoint: ENDPOINTS.deleteGroup,
			fields: [groupPath],
		},
		{
			value: 'getUndeliveredCallbacks',
			name: 'Get Undelivered Callbacks',
			action: 'Get the undelivered callbacks of a group',
			description:
				'List the callbacks Sigfox failed to deliver for the devices of a group (secret headers masked)',
			kind: 'list',
			endpoint: ENDPOINTS.listUndeliveredCallbacksForGroup,

			output: 'secretsMasked',
			fields: [groupPath, timeWindowField('failures')],
		},
		{
			value: 'getGeolocationPayloads',
			name: 'Get Geolocation Payloads',
			action: 'Get the geolocation payloads of a group',
			description:
				'List the geolocation payload configurations of a group: the IDs a device type’s Geolocation Payload Config ID takes',
			kind: 'list',
			endpoint: ENDPOINTS.listGeolocationPayloads,

			fields: [groupPath],
		},
	],
};
