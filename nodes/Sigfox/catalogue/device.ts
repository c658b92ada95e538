import type { CatalogueField, CatalogueResource } from './types';
import {
	sortOption,
	authorizationsOption,
	includeOption,
	readOptions,
	confirmation,
	COSTS,
	toolConfirmation,
	deviceLocator,
	deviceTypeLocator,
	notice,
	sentences,
	timeWindowField,
	TRAPS,
	unsubscriptionTime,
	collection,
	requiredName,
	DEVICE_SETTINGS,
} from './common';
import { ENDPOINTS } from '../../shared/endpoints';

const devicePath: CatalogueField = {
	property: deviceLocator(),
	in: 'path',
	apiName: 'id',
	format: 'deviceId',
};

const certificateKey = {
	displayName: 'Product Certificate Key',
	name: 'productCertificate',
	type: 'string' as const,
	default: '',
	placeholder: 'e.g. P_0003_71CF_01',
	description: 'The key of the Sigfox Ready product certificate of the device',
};

/** The fields a device's creation and update share (singleDeviceFields, docs/sigfox/api.md#device-create). */
const deviceOptions = [
	...DEVICE_SETTINGS,
	certificateKey,
	{
		displayName: 'Prototype',
		name: 'prototype',
		type: 'boolean' as const,
		default: false,
		description: 'Whether the device is a prototype (not yet certified)',
	},
];

const yearField: CatalogueField = {
	in: 'path',
	encoding: 'integer',
	property: {
		displayName: 'Year',
		name: 'year',
		type: 'number',
		typeOptions: { minValue: 2012, maxValue: 2100 },
		default: 2026,
		required: true,
		description: 'The year of the consumption, e.g. 2026',
	},
};

const monthField: CatalogueField = {
	in: 'path',
	property: {
		displayName: 'Month',
		name: 'month',
		type: 'options',
		default: 1,
		required: true,
		description: 'The month of the consumption',
		options: [
			'January',
			'February',
			'March',
			'April',
			'May',
			'June',
			'July',
			'August',
			'September',
			'October',
			'November',
			'December',
		].map((name, index) => ({ name, value: index + 1 })),
	},
};

/** The device's Porting Access Code, which proves the device is in hand. */
const pacField = (where: 'body' | 'query'): CatalogueField => ({
	in: where,
	format: 'pac',
	property: {
		displayName: 'PAC',
		name: 'pac',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 585CB3B42AC98BD4',
		description: 'The Porting Access Code delivered with the device (16 hexadecimal characters)',
	},
});

/** A device's ID as printed on it, for the operations that name a device Sigfox may not know yet. */
const printedDeviceId = (where: 'body' | 'path'): CatalogueField => ({
	in: where,
	apiName: 'id',
	format: 'deviceId',
	property: {
		displayName: 'Device ID',
		name: 'newDeviceId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 007B480F',
		description: 'The ID printed on the device: 1 to 8 hexadecimal characters',
	},
});

export const device: CatalogueResource = {
	value: 'device',
	name: 'Device',
	operations: [
		{
			value: 'get',
			name: 'Get',
			action: 'Get a device',
			description: 'Retrieve a device with its state, token and last communication',
			kind: 'single',
			endpoint: ENDPOINTS.getDevice,
			fields: [
				{ property: deviceLocator(), in: 'path', apiName: 'id', format: 'deviceId' },
				readOptions(ENDPOINTS.getDevice, [authorizationsOption]),
			],
		},
		{
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many devices',
			description: 'List devices, optionally of one device type',
			kind: 'list',
			endpoint: ENDPOINTS.listDevices,

			fields: [
				collection(
					'filters',
					'query',
					[
						deviceTypeLocator({
							required: false,
							description: 'Only devices of this device type',
						}),
						{
							displayName: 'Group IDs',
							name: 'groupIds',
							type: 'string',
							default: '',
							description: 'Comma-separated IDs of the groups whose devices to list',
						},
						{
							displayName: 'Include Subgroups',
							name: 'deep',
							type: 'boolean',
							default: false,
							description: 'Whether to include the devices of the subgroups of the groups',
						},
						{
							displayName: 'Device ID',
							name: 'id',
							type: 'string',
							default: '',
							placeholder: 'e.g. 007B480F',
							description: 'Only the device with this ID',
						},
						sortOption(ENDPOINTS.listDevices, 'name'),
						{
							displayName: 'Minimum Device ID',
							name: 'minId',
							type: 'string',
							default: '',
							placeholder: 'e.g. 1A2B00',
							description:
								'The lower end of a range of device IDs to list (1 to 8 hexadecimal characters)',
						},
						{
							displayName: 'Maximum Device ID',
							name: 'maxId',
							type: 'string',
							default: '',
							placeholder: 'e.g. 1A2BFF',
							description:
								'The upper end of a range of device IDs to list (1 to 8 hexadecimal characters)',
						},
						{
							displayName: 'Operator ID',
							name: 'operatorId',
							type: 'string',
							default: '',
							placeholder: 'e.g. 5f0c8e1a2b3c4d5e6f708199',
							description:
								'Only devices of this Sigfox operator (24 hexadecimal characters); operator accounts only',
						},
						includeOption(ENDPOINTS.listDevices),
						authorizationsOption,
					],
					{
						optionFormats: {
							deviceTypeId: 'objectId',
							id: 'deviceId',
							minId: 'deviceId',
							maxId: 'deviceId',
							operatorId: 'objectId',
						},
					},
				),
			],
		},
		{
			value: 'create',
			name: 'Create',
			action: 'Create a device',
			description:
				'Register one device with its ID and PAC in a device type. To register many devices use Device Bulk → Create.',
			kind: 'single',
			endpoint: ENDPOINTS.createDevice,
			fields: [
				printedDeviceId('body'),
				requiredName('The name of the device in Sigfox (at most 100 characters)'),
				pacField('body'),
				{
					in: 'body',
					format: 'objectId',
					property: deviceTypeLocator({ description: 'The device type the device joins' }),
				},
				collection('additionalFields', 'body', deviceOptions, {
					optionEncodings: { productCertificate: 'certificateKey' },
				}),
				toolConfirmation('confirmRegistration', 'Confirm Registration', COSTS.register),
			],
		},
		{
			value: 'update',
			name: 'Update',
			action: 'Update a device',
			description: sentences(
				'Change the name, location, renewal or activability of one device.',
				TRAPS.oneEditPerHour,
			),
			kind: 'single',
			endpoint: ENDPOINTS.updateDevice,
			fields: [
				notice('updateLimitNotice', TRAPS.oneEditPerHour),
				devicePath,
				collection(
					'updateFields',
					'body',
					[
						...deviceOptions,
						{
							displayName: 'Name',
							name: 'name',
							type: 'string',
							default: '',
							description: 'The new name of the device (at most 100 characters)',
						},
					],
					{ optionEncodings: { productCertificate: 'certificateKey' } },
				),
			],
		},
		{
			value: 'delete',
			name: 'Delete',
			action: 'Delete a device',
			description: sentences('Delete one device from Sigfox.', TRAPS.oneEditPerHour),
			kind: 'single',
			endpoint: ENDPOINTS.deleteDevice,
			fields: [notice('deleteLimitNotice', TRAPS.oneEditPerHour), devicePath],
		},
		{
			value: 'getMessages',
			name: 'Get Messages',
			action: 'Get the messages of a device',
			description:
				'List the uplink messages of one device, newest first, with ISO time and the message ID the trigger uses. Sigfox keeps a short history.',
			kind: 'list',
			endpoint: ENDPOINTS.listDeviceMessages,

			output: 'message',
			fields: [
				devicePath,
				timeWindowField('messages received', [includeOption(ENDPOINTS.listDeviceMessages)]),
			],
		},
		{
			value: 'getMessageMetrics',
			name: 'Get Message Metrics',
			action: 'Get the message counts of a device',
			description: 'Count the messages of one device over the last day, week and month',
			kind: 'single',
			endpoint: ENDPOINTS.getDeviceMessageMetrics,
			fields: [devicePath],
		},
		{
			value: 'getLocations',
			name: 'Get Locations',
			action: 'Get the locations of a device',
			description: 'List the locations Sigfox computed for one device (Atlas geolocation)',
			kind: 'list',
			endpoint: ENDPOINTS.listDeviceLocations,

			fields: [
				devicePath,
				timeWindowField('locations computed', [
					{
						displayName: 'Out-of-Band Only',
						name: 'oob',
						type: 'boolean',
						default: false,
						description: 'Whether to list only the locations of out-of-band (keep-alive) messages',
					},
				]),
			],
		},
		{
			value: 'getUndeliveredCallbacks',
			name: 'Get Undelivered Callbacks',
			action: 'Get the undelivered callbacks of a device',
			description:
				'List the callbacks Sigfox failed to deliver for one device, newest first (secret headers masked)',
			kind: 'list',
			endpoint: ENDPOINTS.listUndeliveredCallbacksForDevice,

			output: 'secretsMasked',
			fields: [devicePath, timeWindowField('failures')],
		},
		{
			value: 'getModemCertificate',
			name: 'Get Modem Certificate',
			action: 'Get the modem certificate of a device',
			description: 'Read the modem certificate of one device',
			kind: 'single',
			endpoint: ENDPOINTS.getModemCertificate,
			fields: [devicePath, readOptions(ENDPOINTS.getModemCertificate)],
		},
		{
			value: 'getProductCertificate',
			name: 'Get Product Certificate',
			action: 'Get the product certificate of a device',
			description: 'Read the product certificate of one registered device',
			kind: 'single',
			endpoint: ENDPOINTS.getProductCertificate,
			fields: [devicePath, readOptions(ENDPOINTS.getProductCertificate)],
		},
		{
			value: 'checkProductCertificate',
			name: 'Check Product Certificate by PAC',
			action: 'Check the product certificate of a device ID and PAC',
			description:
				'Read the product certificate of a device not yet registered, from its ID and PAC, e.g. before creating it',
			kind: 'single',
			endpoint: ENDPOINTS.checkProductCertificateWithPac,
			fields: [printedDeviceId('path'), pacField('query')],
		},
		{
			value: 'getYearConsumption',
			name: 'Get Consumption for a Year',
			action: 'Get the consumption of a device for a year',
			description:
				'Count the frames one device sent and received each day of a year, roaming included',
			kind: 'single',
			endpoint: ENDPOINTS.getDeviceConsumptionForYear,
			fields: [devicePath, yearField],
		},
		{
			value: 'getMonthConsumption',
			name: 'Get Consumption for a Month',
			action: 'Get the consumption of a device for a month',
			description:
				'Count the frames one device sent and received each day of a month, roaming included',
			kind: 'single',
			endpoint: ENDPOINTS.getDeviceConsumptionForMonth,
			fields: [devicePath, yearField, monthField],
		},
		{
			value: 'disengage',
			name: 'Disengage Sequence Number',
			action: 'Disengage the sequence number check of a device',
			description:
				'Accept the next message of one device whatever its sequence number, e.g. after a device reset',
			kind: 'single',
			endpoint: ENDPOINTS.disengageDevice,
			fields: [devicePath],
		},
		{
			value: 'unsubscribe',
			name: 'Unsubscribe',
			action: 'Unsubscribe a device',
			description: sentences(
				'Set the date at which the token of one device ends, which stops its billing. Irreversible: needs Confirm Unsubscription.',
				TRAPS.unsubscribe,
			),
			kind: 'single',
			endpoint: ENDPOINTS.unsubscribeDevice,
			fields: [
				notice('unsubscribeNotice', TRAPS.unsubscribe),
				devicePath,
				unsubscriptionTime(
					'body',
					'When the token ends. For a yearly prepaid contract choose the anniversary minus one day.',
				),
				confirmation(
					'confirmUnsubscribe',
					'Confirm Unsubscription',
					'the token of the device ends at this date and cannot be restored',
				),
			],
		},
	],
};
