import type { INodeProperties } from 'n8n-workflow';

import type { CatalogueField, CatalogueResource } from './types';
import { choice, groupLocator, timeWindowField, collection, timezone } from './common';
import { ENDPOINTS } from '../../shared/endpoints';

const groupPath: CatalogueField = {
	in: 'path',
	apiName: 'id',
	format: 'objectId',
	property: groupLocator(),
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
				collection('additionalFields', 'body', [
					{
						displayName: 'Account ID',
						name: 'accountId',
						type: 'string',
						default: '',
						description: 'The account the group is linked to',
					},
					{
						displayName: 'Technical Email',
						name: 'technicalEmail',
						type: 'string',
						placeholder: 'name@email.com',
						default: '',
						description: 'Whom to contact about technical questions',
					},
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
			fields: [groupPath],
		},
		{
			value: 'update',
			name: 'Update',
			action: 'Update a group',
			description: 'Change the name, description or time zone of a group',
			kind: 'single',
			endpoint: ENDPOINTS.updateGroup,
			fields: [groupPath, collection('updateFields', 'body', [description, name, timezone])],
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
