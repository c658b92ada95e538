import type { INodeProperties } from 'n8n-workflow';

import type { CatalogueField, CatalogueResource } from './types';
import {
	sortOption,
	authorizationsOption,
	choice,
	contractLocator,
	deviceTypeLocator,
	includeOption,
	readOptions,
	jobIdField,
	sentences,
	timeWindowField,
	TRAPS,
	collection,
	COSTS,
	requiredName,
	toolConfirmation,
} from './common';
import { ENDPOINTS } from '../../shared/endpoints';
import { objectIdProperty } from '../../shared/locator';
import { payloadConfigProperty } from '../../shared/payload';

const deviceTypePath: CatalogueField = {
	property: deviceTypeLocator(),
	in: 'path',
	apiName: 'id',
	format: 'objectId',
};

const projectIdPath: CatalogueField = {
	in: 'path',
	apiName: 'id',
	property: {
		displayName: 'Project ID',
		name: 'projectId',
		type: 'string',
		default: '',
		required: true,
		description: 'The project ID of the device type (its projectId field)',
	},
};

/** downlinkMode and payloadType (docs/sigfox/api.md#device-type-enums). */
const downlinkMode = choice('downlinkMode', {
	displayName: 'Downlink Mode',
	name: 'downlinkMode',
	default: 2,
	description:
		'How devices of this type get downlinks. Callback lets a BIDIR callback (the Sigfox Trigger) answer; it applies to every device of the type.',
});

const payloadType = choice('payloadType', {
	displayName: 'Payload Type',
	name: 'payloadType',
	default: 2,
	description: 'How Sigfox shows the payload of the messages',
});

/** The fields a device type's creation and update share (baseDeviceType). */
const deviceTypeOptions: INodeProperties[] = [
	{
		displayName: 'Alert Email',
		name: 'alertEmail',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		description: 'Where Sigfox sends alerts about the devices of this type',
	},
	{
		displayName: 'Automatic Renewal',
		name: 'automaticRenewal',
		type: 'boolean',
		default: true,
		description: sentences(
			'Whether the tokens of the devices of this type may renew automatically.',
			TRAPS.renewalAlone,
		),
	},
	{
		displayName: 'Downlink Data',
		name: 'downlinkDataString',
		type: 'string',
		default: '',
		placeholder: 'e.g. 0102030405060708',
		description: 'The 8-byte downlink (16 hexadecimal characters) sent in Direct downlink mode',
	},
	{
		displayName: 'Keep Alive (Seconds)',
		name: 'keepAlive',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description:
			'How long a device may stay silent before Sigfox raises an alert: 0 for never, else at least 1800',
	},
	payloadConfigProperty(
		'The custom grammar of the payload, required when the payload type is Custom Grammar',
		{ placeholder: 'e.g. temp::int:16:little-endian hum::uint:8' },
	),
];

export const deviceType: CatalogueResource = {
	value: 'deviceType',
	name: 'Device Type',
	operations: [
		{
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many device types',
			description: 'List the device types the API user can see',
			kind: 'list',
			endpoint: ENDPOINTS.listDeviceTypes,

			fields: [
				collection(
					'filters',
					'query',
					[
						{
							displayName: 'Name',
							name: 'name',
							type: 'string',
							default: '',
							description: 'Only device types whose name contains this text',
						},
						{
							displayName: 'Group IDs',
							name: 'groupIds',
							type: 'string',
							default: '',
							description: 'Comma-separated IDs of the groups whose device types to list',
						},
						{
							displayName: 'Include Subgroups',
							name: 'deep',
							type: 'boolean',
							default: false,
							description: 'Whether to include the device types of the subgroups of the groups',
						},
						contractLocator({
							required: false,
							description: 'Only device types attached to this contract',
						}),
						{
							displayName: 'Project IDs',
							name: 'projectIds',
							type: 'string',
							default: '',
							placeholder: 'e.g. my-tracker,my-sensor',
							description:
								'Comma-separated project IDs: only the device types with one of them (their projectId field)',
						},
						{
							...payloadType,
							default: 2,
							description: 'Only device types whose messages have this payload type',
						},
						sortOption(ENDPOINTS.listDeviceTypes, 'id'),
						includeOption(ENDPOINTS.listDeviceTypes),
						authorizationsOption,
					],
					{ optionFormats: { contractId: 'objectId' } },
				),
			],
		},
		{
			value: 'create',
			name: 'Create',
			action: 'Create a device type',
			description: 'Create a device type in a group',
			kind: 'single',
			endpoint: ENDPOINTS.createDeviceType,
			fields: [
				requiredName('The name of the device type (at most 100 characters)'),
				{
					in: 'body',
					property: {
						displayName: 'Description',
						name: 'description',
						type: 'string',
						default: '',
						required: true,
						description: 'What the device type is for (at most 300 characters)',
					},
				},
				{
					in: 'body',
					format: 'objectId',
					property: objectIdProperty('Group ID', 'groupId', {
						description: 'The group the device type belongs to (24 hexadecimal characters)',
					}),
				},
				{
					in: 'body',
					format: 'objectId',
					property: {
						displayName: 'Geolocation Payload Config ID',
						name: 'geolocPayloadConfigId',
						type: 'string',
						default: '',
						required: true,
						description:
							"Sigfox requires it although it matters only for the Geolocation payload type: one of the group's geolocation payload IDs",
					},
				},
				{ in: 'body', property: { ...downlinkMode, required: true } },
				{ in: 'body', property: { ...payloadType, required: true } },
				collection('additionalFields', 'body', deviceTypeOptions),
			],
		},
		{
			value: 'get',
			name: 'Get',
			action: 'Get a device type',
			description: 'Retrieve a device type with its contracts, downlink mode and payload settings',
			kind: 'single',
			endpoint: ENDPOINTS.getDeviceType,
			fields: [deviceTypePath, readOptions(ENDPOINTS.getDeviceType, [authorizationsOption])],
		},
		{
			value: 'update',
			name: 'Update',
			action: 'Update a device type',
			description: 'Change the settings of a device type; they apply to all its devices',
			kind: 'single',
			endpoint: ENDPOINTS.updateDeviceType,
			fields: [
				deviceTypePath,
				collection(
					'updateFields',
					'body',
					[
						...deviceTypeOptions,
						{
							displayName: 'Description',
							name: 'description',
							type: 'string',
							default: '',
							description: 'What the device type is for (at most 300 characters)',
						},
						downlinkMode,
						{
							displayName: 'Geolocation Payload Config ID',
							name: 'geolocPayloadConfigId',
							type: 'string',
							default: '',
							description: "One of the group's geolocation payload IDs",
						},
						{
							displayName: 'Name',
							name: 'name',
							type: 'string',
							default: '',
							description: 'The new name of the device type (at most 100 characters)',
						},
						payloadType,
					],
					{ optionFormats: { geolocPayloadConfigId: 'objectId' } },
				),
			],
		},
		{
			value: 'delete',
			name: 'Delete',
			action: 'Delete a device type',
			description: 'Delete a device type that has no devices left',
			kind: 'single',
			endpoint: ENDPOINTS.deleteDeviceType,
			fields: [deviceTypePath],
		},
		{
			value: 'getByProjectId',
			name: 'Get by Project ID',
			action: 'Get a device type by project ID',
			description: 'Retrieve a device type from its project ID instead of its ID',
			kind: 'single',
			endpoint: ENDPOINTS.getDeviceTypeByProject,
			fields: [
				projectIdPath,
				readOptions(ENDPOINTS.getDeviceTypeByProject, [authorizationsOption]),
			],
		},
		{
			value: 'deleteByProjectId',
			name: 'Delete by Project ID',
			action: 'Delete a device type by project ID',
			description: 'Delete a device type, named by its project ID, that has no devices left',
			kind: 'single',
			endpoint: ENDPOINTS.deleteDeviceTypeByProject,
			fields: [projectIdPath],
		},
		{
			value: 'getMessages',
			name: 'Get Messages',
			action: 'Get the messages of a device type',
			description:
				'List the uplink messages of all devices of a device type, newest first, with ISO time and the message ID the trigger uses',
			kind: 'list',
			endpoint: ENDPOINTS.listDeviceTypeMessages,

			output: 'message',
			fields: [
				deviceTypePath,
				timeWindowField('messages received', [
					includeOption(ENDPOINTS.listDeviceTypeMessages),
					authorizationsOption,
				]),
			],
		},
		{
			value: 'getUndeliveredCallbacks',
			name: 'Get Undelivered Callbacks',
			action: 'Get the undelivered callbacks of a device type',
			description:
				'List the callbacks Sigfox failed to deliver for the devices of a device type (secret headers masked)',
			kind: 'list',
			endpoint: ENDPOINTS.listUndeliveredCallbacksForDeviceType,

			output: 'secretsMasked',
			fields: [deviceTypePath, timeWindowField('failures')],
		},
		{
			value: 'disengage',
			name: 'Disengage Sequence Number',
			action: 'Disengage the sequence number check of a device type',
			description:
				'Accept the next message of every device of the type whatever its sequence number',
			kind: 'single',
			endpoint: ENDPOINTS.disengageDeviceType,
			fields: [deviceTypePath],
		},
		{
			value: 'restartDevices',
			name: 'Restart Devices',
			action: 'Restart the devices of a device type',
			description:
				'Start a Sigfox job restarting every device of the type (the way out of OFF_CONTRACT), and optionally wait for its result',
			kind: 'job',
			endpoint: ENDPOINTS.restartDeviceTypeDevices,
			statusEndpoint: ENDPOINTS.getDeviceTypeBulkRestartJob,
			fields: [
				deviceTypePath,
				toolConfirmation('confirmRestart', 'Confirm Restart', COSTS.restart),
			],
		},
		{
			value: 'getRestartJobStatus',
			name: 'Get Restart Job Status',
			action: 'Get the status of a device type restart job',
			description: 'Read whether a device type restart job is done, with its successes and errors',
			kind: 'jobStatus',
			endpoint: ENDPOINTS.getDeviceTypeBulkRestartJob,

			fields: [jobIdField],
		},
	],
};
