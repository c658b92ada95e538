import type { CatalogueField, CatalogueResource } from './types';
import {
	authorizationsOption,
	includeOption,
	readOptions,
	confirmation,
	objectIdPath,
	groupLocator,
	profileLocator,
	collection,
	requiredName,
	timezone,
	groupIdsFilter,
} from './common';
import { ENDPOINTS } from '../../shared/endpoints';

const apiUserPath = objectIdPath(
	'API User ID',
	'apiUserId',
	'The ID of the API user (24 hexadecimal characters)',
);

const profileIdsDescription =
	'Comma-separated IDs of the profiles (24 hexadecimal characters each) that give the API user its rights';

const profileIdsField: CatalogueField = {
	in: 'body',
	format: 'objectIds',
	encoding: 'list',
	property: {
		displayName: 'Profile IDs',
		name: 'profileIds',
		type: 'string',
		default: '',
		required: true,
		description: profileIdsDescription,
	},
};

export const apiUser: CatalogueResource = {
	value: 'apiUser',
	name: 'API User',
	operations: [
		{
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many API users',
			description: 'List the API users the API user can see (their passwords are never shown)',
			kind: 'list',
			endpoint: ENDPOINTS.listApiUsers,

			output: 'withoutAccessToken',
			fields: [
				collection(
					'filters',
					'query',
					[
						groupIdsFilter('API users'),
						includeOption(ENDPOINTS.listApiUsers),
						authorizationsOption,
						{
							displayName: 'Profile ID',
							name: 'profileId',
							type: 'string',
							default: '',
							description: 'Only API users with this profile',
						},
					],
					{ optionFormats: { profileId: 'objectId' } },
				),
			],
		},
		{
			value: 'create',
			name: 'Create',
			action: 'Create an API user',
			description:
				'Create an API user in a group with the given profiles; read its password with Renew Credential',
			kind: 'single',
			endpoint: ENDPOINTS.createApiUser,
			fields: [
				requiredName('The name of the API user (at most 100 characters)'),
				{ in: 'body', format: 'objectId', property: groupLocator() },
				{ in: 'body', property: { ...timezone, required: true } },
				profileIdsField,
			],
		},
		{
			value: 'get',
			name: 'Get',
			action: 'Get an API user',
			description: 'Retrieve an API user with its group and profiles (its password is not shown)',
			kind: 'single',
			endpoint: ENDPOINTS.getApiUser,
			output: 'withoutAccessToken',
			fields: [apiUserPath, readOptions(ENDPOINTS.getApiUser, [authorizationsOption])],
		},
		{
			value: 'update',
			name: 'Update',
			action: 'Update an API user',
			description: 'Change the name, time zone or profiles of an API user',
			kind: 'single',
			endpoint: ENDPOINTS.updateApiUser,
			fields: [
				apiUserPath,
				collection(
					'updateFields',
					'body',
					[
						{
							displayName: 'Name',
							name: 'name',
							type: 'string',
							default: '',
							description: 'The new name (at most 100 characters)',
						},
						{
							displayName: 'Profile IDs',
							name: 'profileId',
							type: 'string',
							default: '',
							description: `${profileIdsDescription}; they replace the current ones`,
						},
						timezone,
					],
					{ optionFormats: { profileId: 'objectIds' }, optionEncodings: { profileId: 'list' } },
				),
			],
		},
		{
			value: 'delete',
			name: 'Delete',
			action: 'Delete an API user',
			description: 'Delete an API user; workflows using its login stop working',
			kind: 'single',
			endpoint: ENDPOINTS.deleteApiUser,
			fields: [apiUserPath],
		},
		{
			value: 'addProfiles',
			name: 'Add Profiles',
			action: 'Add profiles to an API user',
			description: 'Give an API user more profiles, keeping those it has',
			kind: 'single',
			endpoint: ENDPOINTS.addApiUserProfiles,
			fields: [
				apiUserPath,
				// The spec's schema names the field profileId here (docs/sigfox/api.md#administration).
				{ ...profileIdsField, apiName: 'profileId' },
			],
		},
		{
			value: 'removeProfile',
			name: 'Remove Profile',
			action: 'Remove a profile from an API user',
			description: 'Take one profile, and the rights it gives, away from an API user',
			kind: 'single',
			endpoint: ENDPOINTS.deleteApiUserProfile,
			fields: [apiUserPath, { in: 'path', format: 'objectId', property: profileLocator() }],
		},
		{
			value: 'renewCredential',
			name: 'Renew Credential',
			action: 'Renew the password of an API user',
			description:
				'Generate a new password for an API user and output it once as accessToken; the old password stops working',
			kind: 'single',
			endpoint: ENDPOINTS.renewApiUserCredential,
			fields: [
				apiUserPath,
				confirmation(
					'confirmRenewCredential',
					'Confirm the Old Password Stops Working',
					'the current password of the API user stops working at once, and workflows or credentials using it fail until they get the new one',
				),
			],
		},
	],
};
