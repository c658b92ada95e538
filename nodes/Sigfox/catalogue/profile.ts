import type { CatalogueResource } from './types';
import {
	authorizationsOption,
	groupLocator,
	includeOption,
	profileLocator,
	readOptions,
	collection,
} from './common';
import { ENDPOINTS } from '../../shared/endpoints';

export const profile: CatalogueResource = {
	value: 'profile',
	name: 'Profile',
	operations: [
		{
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many profiles',
			description: 'List the profiles of a group: the sets of rights given to users and API users',
			kind: 'list',
			endpoint: ENDPOINTS.listProfiles,

			fields: [
				{ in: 'query', format: 'objectId', property: groupLocator() },
				collection('filters', 'query', [
					includeOption(ENDPOINTS.listProfiles),
					authorizationsOption,
					{
						displayName: 'Inherit',
						name: 'inherit',
						type: 'boolean',
						default: false,
						description: 'Whether to include the profiles the group inherits from its parents',
					},
				]),
			],
		},
		{
			value: 'get',
			name: 'Get',
			action: 'Get a profile',
			description: 'Retrieve a profile with its group and roles',
			kind: 'single',
			endpoint: ENDPOINTS.getProfile,
			fields: [
				{ in: 'path', apiName: 'id', format: 'objectId', property: profileLocator() },
				readOptions(ENDPOINTS.getProfile, [authorizationsOption]),
			],
		},
	],
};
