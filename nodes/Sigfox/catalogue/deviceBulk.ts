import type { INodeProperties } from 'n8n-workflow';

import type { BulkBehaviour, CatalogueField, CatalogueOperation, CatalogueResource } from './types';
import {
	confirmation,
	COSTS,
	toolConfirmation,
	deviceTypeLocator,
	jobIdField,
	notice,
	TRAPS,
	unsubscriptionTime,
	sentences,
	collection,
	groupOption,
	DEVICE_SETTINGS,
} from './common';
import type { Endpoint } from '../../shared/endpoints';
import { ENDPOINTS } from '../../shared/endpoints';

/** The device of one input item: its `id` field unless mapped otherwise. */
const deviceIdField: CatalogueField = {
	in: 'device',
	apiName: 'id',
	format: 'deviceId',
	property: {
		displayName: 'Device ID',
		name: 'deviceId',
		type: 'string',
		default: '={{ $json.id }}',
		required: true,
		description:
			'The ID of the device of each input item (1 to 8 hexadecimal characters); one item is one device',
	},
};

const groupIdOption = groupOption(
	'The group the devices belong to, when the API user sees several groups',
);

const editableOptions = DEVICE_SETTINGS;

const productCertificate: INodeProperties = {
	displayName: 'Product Certificate Key',
	name: 'productCertificate',
	type: 'string',
	default: '',
	placeholder: 'e.g. P_0003_71CF_01',
	description: 'The key of the Sigfox Ready product certificate of the devices',
};

const objects: BulkBehaviour = { element: 'object', idField: 'id' };
const ids: BulkBehaviour = { element: 'id', idField: 'id' };

const jobStatus = (
	value: string,
	name: string,
	what: string,
	endpoint: Endpoint,
): CatalogueOperation => ({
	value,
	name,
	action: `Get the status of a ${what} job`,
	description: sentences(
		'Read whether a',
		what,
		'job is done, with its successes and each failed device',
	),
	kind: 'jobStatus',
	endpoint,

	fields: [jobIdField],
});

const action = (
	value: string,
	name: string,
	[endpoint, statusEndpoint]: [Endpoint, Endpoint],
	description: string,
	fields: CatalogueField[] = [],
): CatalogueOperation => ({
	value,
	name,
	action: `${name} devices`,
	description: sentences(
		description,
		'Each input item is one device; outputs one item per device with its success or Sigfox error.',
	),
	kind: 'bulk',
	endpoint,
	statusEndpoint,
	devices: ids,
	fields: [...fields, deviceIdField, groupIdOption],
});

export const deviceBulk: CatalogueResource = {
	value: 'deviceBulk',
	name: 'Device Bulk',
	operations: [
		{
			value: 'create',
			name: 'Create',
			action: 'Create devices in bulk',
			description:
				'Register many devices in one device type: each input item is one device (ID, PAC, name). Outputs one item per device with its success or Sigfox error.',
			kind: 'bulk',
			endpoint: ENDPOINTS.createBulkDevice,
			statusEndpoint: ENDPOINTS.getBulkDeviceJob,
			devices: objects,
			fields: [
				{
					in: 'body',
					format: 'objectId',
					property: deviceTypeLocator({ description: 'The device type the devices join' }),
				},
				deviceIdField,
				{
					// Not checked here: Sigfox reports a wrong PAC as that device's error, and the others go on.
					in: 'device',
					property: {
						displayName: 'PAC',
						name: 'pac',
						type: 'string',
						default: '={{ $json.pac }}',
						required: true,
						description:
							'The Porting Access Code of the device of each input item (16 hexadecimal characters)',
					},
				},
				{
					in: 'device',
					property: {
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '={{ $json.name }}',
						description:
							'The name of the device of each input item; when empty Sigfox names it Prefix + ID',
					},
				},
				collection('deviceFields', 'device', editableOptions, {
					defaultsFromItem: true,
					description:
						"Fields of each device, evaluated per input item; a field not added here is taken from the item's own field of the same name (e.g. lat, activable) when it has one",
				}),
				collection(
					'options',
					'body',
					[
						{
							displayName: 'Name Prefix',
							name: 'prefix',
							type: 'string',
							default: '',
							description:
								'Put before the ID to name the devices without a name (at most 40 characters)',
						},
						productCertificate,
						{
							displayName: 'Prototype',
							name: 'prototype',
							type: 'boolean',
							default: false,
							description: 'Whether the devices are prototypes',
						},
					],
					{ optionEncodings: { productCertificate: 'certificateKey' } },
				),
				toolConfirmation('confirmRegistration', 'Confirm Registration', COSTS.registerMany),
			],
		},
		{
			value: 'update',
			name: 'Update',
			action: 'Update devices in bulk',
			description:
				'Change the name, location, renewal or activability of many devices: each input item is one device. Not limited to one change per device per hour like Device → Update.',
			kind: 'bulk',
			endpoint: ENDPOINTS.updateBulkDevice,
			statusEndpoint: ENDPOINTS.getBulkDeviceJob,
			devices: objects,
			fields: [
				deviceIdField,
				collection(
					'updateFields',
					'device',
					[
						...editableOptions,
						{
							displayName: 'Name',
							name: 'name',
							type: 'string',
							default: '',
							description: 'The new name of the device (at most 100 characters)',
						},
						productCertificate,
						{
							displayName: 'Prototype',
							name: 'prototype',
							type: 'boolean',
							default: false,
							description: 'Whether the device is a prototype',
						},
					],
					{
						optionEncodings: { productCertificate: 'certificateKey' },
						description: 'Fields to change on each device, evaluated per input item',
					},
				),
				groupIdOption,
			],
		},
		jobStatus(
			'getJobStatus',
			'Get Job Status',
			'bulk create, update or transfer',
			ENDPOINTS.getBulkDeviceJob,
		),
		{
			value: 'transfer',
			name: 'Transfer',
			action: 'Transfer devices to another device type',
			description: sentences(
				'Move many devices to another device type: each input item is one device. Irreversible token loss across orders: needs Confirm Token Loss Risk.',
				TRAPS.transferLosesToken,
			),
			kind: 'bulk',
			endpoint: ENDPOINTS.transferBulkDevice,
			statusEndpoint: ENDPOINTS.getBulkDeviceJob,
			devices: objects,
			fields: [
				notice('transferNotice', TRAPS.transferLosesToken),
				{
					in: 'body',
					format: 'objectId',
					property: deviceTypeLocator({ description: 'The device type the devices move to' }),
				},
				deviceIdField,
				collection(
					'deviceFields',
					'device',
					[
						{
							displayName: 'Activable',
							name: 'activable',
							type: 'boolean',
							default: true,
							description:
								'Whether the device can take a token at the destination (ignored when it keeps its token within the same order)',
						},
						{
							displayName: 'Keep History',
							name: 'keepHistory',
							type: 'boolean',
							default: false,
							description: 'Whether the messages of the device stay visible after the transfer',
						},
					],
					{
						defaultsFromItem: true,
						description:
							"Fields of each device, evaluated per input item; a field not added here is taken from the item's own field of the same name (e.g. lat, activable) when it has one",
					},
				),
				confirmation(
					'confirmTokenLoss',
					'Confirm Token Loss Risk',
					'devices moved to a device type of another order lose their token for good',
				),
			],
		},
		{
			value: 'replace',
			name: 'Replace',
			action: 'Replace devices',
			description:
				'Move the token of each device to a replacement device: each input item is one pair. Irreversible: needs Confirm Replacement. Sigfox answers at once.',
			kind: 'bulk',
			endpoint: ENDPOINTS.replaceBulkDevice,
			devices: { element: 'object', idField: 'deviceId' },
			fields: [
				{
					...deviceIdField,
					apiName: 'deviceId',
					property: {
						...deviceIdField.property,
						description: 'The ID of the device to replace, for each input item',
					},
				},
				{
					in: 'device',
					format: 'deviceId',
					property: {
						displayName: 'Target Device ID',
						name: 'targetDeviceId',
						type: 'string',
						default: '={{ $json.targetDeviceId }}',
						required: true,
						description: 'The ID of the device that takes over the token, for each input item',
					},
				},
				confirmation(
					'confirmReplace',
					'Confirm Replacement',
					'each replaced device gives its token to its target device for good',
				),
			],
		},
		action(
			'restart',
			'Restart',
			[ENDPOINTS.restartBulkDevice, ENDPOINTS.getBulkRestartJob],
			'Restart many devices: the way out of OFF_CONTRACT.',
			[toolConfirmation('confirmRestart', 'Confirm Restart', COSTS.restart)],
		),
		jobStatus(
			'getRestartJobStatus',
			'Get Restart Job Status',
			'bulk restart',
			ENDPOINTS.getBulkRestartJob,
		),
		action(
			'suspend',
			'Suspend',
			[ENDPOINTS.suspendBulkDevice, ENDPOINTS.getBulkSuspendJob],
			`Suspend many devices: Sigfox stops processing their messages. ${TRAPS.suspendedBilled}`,
			[notice('suspendNotice', TRAPS.suspendedBilled)],
		),
		jobStatus(
			'getSuspendJobStatus',
			'Get Suspend Job Status',
			'bulk suspend',
			ENDPOINTS.getBulkSuspendJob,
		),
		action(
			'resume',
			'Resume',
			[ENDPOINTS.resumeBulkDevice, ENDPOINTS.getBulkResumeJob],
			'Resume many suspended devices.',
		),
		jobStatus(
			'getResumeJobStatus',
			'Get Resume Job Status',
			'bulk resume',
			ENDPOINTS.getBulkResumeJob,
		),
		{
			value: 'unsubscribe',
			name: 'Unsubscribe',
			action: 'Unsubscribe devices',
			description: sentences(
				'Set the date at which the token of each device ends: each input item is one device. Irreversible: needs Confirm Unsubscription.',
				TRAPS.unsubscribe,
			),
			kind: 'bulk',
			endpoint: ENDPOINTS.unsubscribeBulkDevice,
			statusEndpoint: ENDPOINTS.getBulkUnsubscribeJob,
			devices: objects,
			fields: [
				notice('unsubscribeNotice', TRAPS.unsubscribe),
				deviceIdField,
				unsubscriptionTime(
					'device',
					'When the token of each device ends. For a yearly prepaid contract choose the anniversary minus one day.',
				),
				confirmation(
					'confirmUnsubscribe',
					'Confirm Unsubscription',
					'the tokens of the devices end at these dates and cannot be restored',
				),
				groupIdOption,
			],
		},
		jobStatus(
			'getUnsubscribeJobStatus',
			'Get Unsubscribe Job Status',
			'bulk unsubscribe',
			ENDPOINTS.getBulkUnsubscribeJob,
		),
	],
};
