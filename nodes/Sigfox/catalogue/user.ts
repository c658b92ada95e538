import type { INodeProperties } from 'n8n-workflow';

import type { CatalogueField, CatalogueResource } from './types';
import {
	sortOption,
	authorizationsOption,
	includeOption,
	profileLocator,
	readOptions,
	collection,
	entryList,
	groupOption,
	groupIdsFilter,
} from './common';
import { ENDPOINTS } from '../../shared/endpoints';

const userPath: CatalogueField = {
	in: 'path',
	apiName: 'id',
	property: {
		displayName: 'User',
		name: 'userId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 57309548171c857460043085 or name@email.com',
		description: 'The ID or the email address of the user',
	},
};

/** userRoles: a profile on a group (docs/sigfox/api.md#administration). */
const userRoles = entryList(
	{
		displayName: 'Roles',
		name: 'userRoles',
		placeholder: 'Add Role',
		description: 'The rights of the user: each a profile on a group',
	},
	{ displayName: 'Role', name: 'role' },
	[
		{
			displayName: 'Group ID',
			name: 'groupId',
			type: 'string',
			default: '',
			description: 'The group where the profile applies (24 hexadecimal characters)',
		},
		{
			displayName: 'Profile ID',
			name: 'profileId',
			type: 'string',
			default: '',
			description: 'The profile giving the rights (24 hexadecimal characters)',
		},
	],
);

const rolesField: CatalogueField = {
	in: 'body',
	encoding: 'userRoles',
	property: { ...userRoles, required: true },
};

const userOptions: INodeProperties[] = [
	{
		displayName: 'First Name',
		name: 'firstName',
		type: 'string',
		default: '',
		description: 'At most 100 characters',
	},
	{
		displayName: 'Last Name',
		name: 'lastName',
		type: 'string',
		default: '',
		description: 'At most 100 characters',
	},
	{
		displayName: 'Timezone',
		name: 'timezone',
		type: 'string',
		default: 'Europe/Paris',
		description: 'A full Java time zone ID such as Europe/Paris',
	},
];

/** Rights lists of operator users (docs/sigfox/api.md#administration), each tied to the roles sent with it. */
const baseStations: INodeProperties = {
	displayName: 'Base Station IDs',
	name: 'baseStations',
	type: 'string',
	default: '',
	placeholder: 'e.g. 1A2B,0C3D',
	description:
		'Operator accounts: comma-separated hexadecimal IDs of the base stations the user may reach, for the roles of limited base station access',
};

const MAINTENANCES =
	'Operator accounts only: the IDs of maintenance sites, which no route of the Sigfox API lists or reads, so a workflow has no maintenance ID to give.';

export const user: CatalogueResource = {
	value: 'user',
	name: 'User',
	operations: [
		{
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many users',
			description: 'List the users of the portal the API user can see',
			kind: 'list',
			endpoint: ENDPOINTS.listUsers,

			fields: [
				collection(
					'filters',
					'query',
					[
						groupIdsFilter('users'),
						includeOption(ENDPOINTS.listUsers),
						authorizationsOption,
						{
							displayName: 'Include Subgroups',
							name: 'deep',
							type: 'boolean',
							default: false,
							description: 'Whether to include the users of the subgroups of the groups',
						},
						{
							displayName: 'Profile ID',
							name: 'profileId',
							type: 'string',
							default: '',
							description: 'Only users with this profile',
						},
						sortOption(ENDPOINTS.listUsers, 'name', 'The order of the users'),
						{
							displayName: 'Text',
							name: 'text',
							type: 'string',
							default: '',
							description: 'Only users whose name or email contains this text',
						},
					],
					{ optionFormats: { profileId: 'objectId' } },
				),
			],
		},
		{
			value: 'create',
			name: 'Create',
			action: 'Create a user',
			description: 'Create a portal user with roles (a profile on a group each)',
			kind: 'single',
			endpoint: ENDPOINTS.createUser,
			fields: [
				{
					in: 'body',
					property: {
						displayName: 'Email',
						name: 'email',
						type: 'string',
						placeholder: 'name@email.com',
						default: '',
						required: true,
						description: 'The email address the user logs in with (at most 250 characters)',
					},
				},
				{ in: 'body', property: { ...userOptions[0], required: true } },
				{ in: 'body', property: { ...userOptions[1], required: true } },
				rolesField,
				collection('additionalFields', 'body', [
					baseStations,
					{
						displayName: 'Send Welcome Email',
						name: 'sendWelcomeEmail',
						type: 'boolean',
						default: true,
						description: 'Whether Sigfox emails the user an invitation',
					},
					userOptions[2],
				]),
			],
			notOffered: { maintenances: MAINTENANCES },
		},
		{
			value: 'get',
			name: 'Get',
			action: 'Get a user',
			description: 'Retrieve a user, by ID or email, with their roles',
			kind: 'single',
			endpoint: ENDPOINTS.getUser,
			fields: [userPath, readOptions(ENDPOINTS.getUser, [authorizationsOption])],
		},
		{
			value: 'update',
			name: 'Update',
			action: 'Update a user',
			description: 'Change the name, time zone, roles or base stations of a user',
			kind: 'single',
			endpoint: ENDPOINTS.updateUser,
			fields: [
				userPath,
				collection(
					'updateFields',
					'body',
					[
						baseStations,
						...userOptions.slice(0, 2),
						{
							...userRoles,
							description:
								'The rights of the user, each a profile on a group: they replace the current ones (to add roles, use Add Profiles)',
						},
						userOptions[2],
					],
					{ optionEncodings: { userRoles: 'userRoles' } },
				),
			],
			notOffered: { maintenances: MAINTENANCES },
		},
		{
			value: 'delete',
			name: 'Delete',
			action: 'Delete a user',
			description: 'Delete a portal user and their access',
			kind: 'single',
			endpoint: ENDPOINTS.deleteUser,
			fields: [userPath],
		},
		{
			value: 'addProfiles',
			name: 'Add Profiles',
			action: 'Add profiles to a user',
			description: 'Give a user more roles (a profile on a group each)',
			kind: 'single',
			endpoint: ENDPOINTS.addUserRoles,
			fields: [userPath, rolesField, collection('additionalFields', 'body', [baseStations])],
			notOffered: { maintenances: MAINTENANCES },
		},
		{
			value: 'removeProfile',
			name: 'Remove Profile',
			action: 'Remove a profile from a user',
			description: 'Take a profile away from a user, on one group or on all of them',
			kind: 'single',
			endpoint: ENDPOINTS.deleteUserRole,
			fields: [
				userPath,
				{ in: 'path', format: 'objectId', property: profileLocator() },
				groupOption('Only on this group; without it the profile goes on every group'),
			],
		},
	],
};
