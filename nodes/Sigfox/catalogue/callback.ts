import type { INodeProperties } from 'n8n-workflow';

import type { CatalogueField, CatalogueResource } from './types';
import {
	callbackLocator,
	choice,
	entryList,
	deviceTypeLocator,
	MASKED_HEADER,
	sentences,
	timeWindowField,
	collection,
} from './common';
import { ENDPOINTS } from '../../shared/endpoints';
import { payloadConfigProperty } from '../../shared/payload';

const deviceTypePath: CatalogueField = {
	property: deviceTypeLocator({ description: 'The device type the callbacks belong to' }),
	in: 'path',
	apiName: 'id',
	format: 'objectId',
};

const callbackPath: CatalogueField = {
	property: callbackLocator(),
	in: 'path',
	apiName: 'callbackId',
	format: 'objectId',
};

const channels = { URL: 'URL', BATCH_URL: 'BATCH_URL', EMAIL: 'EMAIL' };
const onChannel = (...channel: string[]) => ({ show: { channel } });

const channel: INodeProperties = {
	displayName: 'Channel',
	name: 'channel',
	type: 'options',
	default: 'URL',
	required: true,
	description: 'How Sigfox delivers the callback',
	options: [
		{
			name: 'Batch URL',
			value: channels.BATCH_URL,
			description: 'Several messages per HTTP request, one line each',
		},
		{ name: 'Email', value: channels.EMAIL, description: 'One email per message' },
		{ name: 'URL', value: channels.URL, description: 'One HTTP request per message' },
	],
};

/** A text parameter of a callback, empty by default; most hold Sigfox variables such as {device}. */
const templateField = (
	displayName: string,
	name: string,
	description: string,
	extra: Partial<INodeProperties> = {},
): INodeProperties => ({ displayName, name, type: 'string', default: '', description, ...extra });

/** callbackType and callbackSubtype (docs/sigfox/api.md#callback-create). */
const callbackType = choice('callbackType', {
	displayName: 'Type',
	name: 'callbackType',
	default: 0,
	description: 'What the callback reports',
});

const callbackSubtype = choice('callbackSubtype', {
	displayName: 'Subtype',
	name: 'callbackSubtype',
	default: 2,
	description:
		'Must fit the type: Uplink or Bidir for Data; Status, Acknowledge, Repeater or Data Advanced for Service. Sigfox lists no subtype for Error callbacks but requires one.',
});

const httpMethod: INodeProperties = {
	displayName: 'HTTP Method',
	name: 'httpMethod',
	type: 'options',
	default: 'POST',
	description: 'The method of the requests Sigfox sends',
	options: [
		{ name: 'GET', value: 'GET' },
		{ name: 'POST', value: 'POST' },
		{ name: 'PUT', value: 'PUT' },
	],
};

const url = templateField(
	'URL',
	'url',
	'Where Sigfox sends the callback; it may contain variables such as {device}',
	{ placeholder: 'e.g. https://n8n.example.org/webhook/sigfox' },
);

const headers = entryList(
	{
		displayName: 'Headers',
		name: 'headers',
		placeholder: 'Add Header',
		description: sentences(
			'Headers Sigfox adds to each request (no standard headers except Authorization). The value of',
			MASKED_HEADER,
			'is masked in every output of this node.',
		),
	},
	{ displayName: 'Header', name: 'header' },
	[
		{ displayName: 'Name', name: 'name', type: 'string', default: '' },
		{ displayName: 'Value', name: 'value', type: 'string', default: '' },
	],
);

const sendSni: INodeProperties = {
	displayName: 'Send SNI',
	name: 'sendSni',
	type: 'boolean',
	default: true,
	description:
		'Whether Sigfox sends Server Name Indication in the TLS handshake (needed by most HTTPS hosts)',
};

const bodyTemplate = templateField(
	'Body Template',
	'bodyTemplate',
	'The body of POST and PUT requests, with Sigfox variables; Sigfox requires it for URL callbacks',
	{
		typeOptions: { rows: 4 },
		placeholder: 'e.g. {"device":"{device}","time":{time},"data":"{data}","seqNumber":{seqNumber}}',
	},
);

const contentType: INodeProperties = {
	displayName: 'Content Type',
	name: 'contentType',
	type: 'string',
	default: 'application/json',
	description: 'The media type of the body of POST and PUT requests',
};

const linePattern = templateField(
	'Line Pattern',
	'linePattern',
	'One line per message, with Sigfox variables',
	{ placeholder: 'e.g. {device};{time};{data}' },
);

const recipient = templateField('Recipient', 'recipient', 'Who receives the emails', {
	placeholder: 'name@email.com',
});

const subject = templateField(
	'Subject',
	'subject',
	'The subject of the emails, with Sigfox variables',
);

const message = templateField(
	'Message',
	'message',
	'The text of the emails, with Sigfox variables',
	{ typeOptions: { rows: 4 } },
);

const payloadConfig: INodeProperties = payloadConfigProperty(
	'A custom grammar decoding the payload into custom variables; only for Data and Data Advanced callbacks',
	{ placeholder: 'e.g. temp::int:16:little-endian hum::uint:8' },
);

/** Shown for URL callbacks whose HTTP method sends a body (docs/sigfox/api.md#callback-create). */
const withBody = { show: { channel: [channels.URL], httpMethod: ['POST', 'PUT'] } };

const body = (property: INodeProperties, ...onChannels: string[]): CatalogueField => ({
	in: 'body',
	...(property.type === 'fixedCollection' ? { encoding: 'headers' as const } : {}),
	property: { ...property, displayOptions: onChannel(...onChannels) },
});

const updateFields = (name: string, on: string, options: INodeProperties[]): CatalogueField => ({
	in: 'body',
	optionEncodings: { headers: 'headers' },
	property: {
		displayName: 'Update Fields',
		name,
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: onChannel(on),
		options: [callbackSubtype, callbackType, payloadConfig, ...options],
	},
});

export const callback: CatalogueResource = {
	value: 'callback',
	name: 'Callback',
	operations: [
		{
			value: 'getAll',
			name: 'Get Many',
			action: 'Get the callbacks of a device type',
			description: sentences(
				'List every callback of a device type (the value of the',
				MASKED_HEADER,
				'header is masked)',
			),
			kind: 'list',
			endpoint: ENDPOINTS.listCallbacks,

			output: 'secretsMasked',
			fields: [deviceTypePath],
		},
		{
			value: 'create',
			name: 'Create',
			action: 'Create a callback',
			description:
				'Create a URL, Batch URL or Email callback on a device type; Sigfox enables it at once. To receive callbacks in n8n, prefer the Sigfox Trigger, which registers its own.',
			kind: 'single',
			endpoint: ENDPOINTS.createCallback,
			// Checked again when the request is built: HTTP Method or Channel may come from an expression.
			requires: [
				{
					when: { channel: [channels.URL], httpMethod: ['POST', 'PUT'] },
					needs: ['bodyTemplate'],
					onlyThen: ['contentType'],
				},
			],
			fields: [
				deviceTypePath,
				{ in: 'body', property: channel },
				{ in: 'body', property: { ...callbackType, required: true } },
				{ in: 'body', property: { ...callbackSubtype, required: true } },
				body({ ...url, required: true }, channels.URL, channels.BATCH_URL),
				body(httpMethod, channels.URL, channels.BATCH_URL),
				{ in: 'body', property: { ...bodyTemplate, required: true, displayOptions: withBody } },
				{ in: 'body', property: { ...contentType, displayOptions: withBody } },
				body(headers, channels.URL),
				body(sendSni, channels.URL),
				body(linePattern, channels.BATCH_URL),
				body({ ...recipient, required: true }, channels.EMAIL),
				body(subject, channels.EMAIL),
				body(message, channels.EMAIL),
				collection('additionalFields', 'body', [payloadConfig]),
			],
		},
		{
			value: 'update',
			name: 'Update',
			action: 'Update a callback',
			description: 'Change some fields of a callback; its channel cannot change',
			kind: 'single',
			endpoint: ENDPOINTS.updateCallback,
			fields: [
				deviceTypePath,
				callbackPath,
				{
					in: 'body',
					property: { ...channel, description: 'The channel of the callback (it cannot change)' },
				},
				updateFields('urlUpdateFields', channels.URL, [
					bodyTemplate,
					headers,
					httpMethod,
					sendSni,
					url,
				]),
				updateFields('batchUrlUpdateFields', channels.BATCH_URL, [httpMethod, linePattern, url]),
				updateFields('emailUpdateFields', channels.EMAIL, [message, recipient, subject]),
			],
		},
		{
			value: 'delete',
			name: 'Delete',
			action: 'Delete a callback',
			description: 'Delete a callback of a device type',
			kind: 'single',
			endpoint: ENDPOINTS.deleteCallback,
			fields: [deviceTypePath, callbackPath],
		},
		{
			value: 'setEnabled',
			name: 'Enable or Disable',
			action: 'Enable or disable a callback',
			description: 'Turn a callback on or off without deleting it',
			kind: 'single',
			endpoint: ENDPOINTS.enableCallback,
			fields: [
				deviceTypePath,
				callbackPath,
				{
					in: 'query',
					property: {
						displayName: 'Enabled',
						name: 'enabled',
						type: 'boolean',
						default: true,
						description: 'Whether the callback should be on',
					},
				},
			],
		},
		{
			value: 'setAsDownlink',
			name: 'Select as Downlink',
			action: 'Select a callback as the downlink callback',
			description:
				'Make a URL Data Bidir callback the one whose answers become downlinks; the previous one stops being used. The device type must be in Callback downlink mode.',
			kind: 'single',
			endpoint: ENDPOINTS.selectDownlinkCallback,
			fields: [deviceTypePath, callbackPath],
		},
		{
			value: 'getLastError',
			name: 'Get Last Undelivered',
			action: 'Get the last undelivered message of a callback',
			description: sentences(
				'Read the last message this callback failed to deliver (the value of the',
				MASKED_HEADER,
				'header is masked)',
			),
			kind: 'single',
			endpoint: ENDPOINTS.getLastUndeliveredCallback,
			output: 'secretsMasked',
			notOffered: {
				offset:
					'The answer is one record, the last failure (docs/sigfox/api.md#callback-endpoints): there is nothing to skip. To look further back set Before, or use Device Type → Get Undelivered Callbacks, which lists every failure page by page.',
			},
			fields: [
				deviceTypePath,
				callbackPath,
				timeWindowField('failures', [
					{
						displayName: 'Limit',
						name: 'limit',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: 100 },
						default: 50,
						description: 'Max number of results to return',
						hint: 'Sent to Sigfox as its limit, from 1 to 100 (100 when not set). Sigfox answers with one record, the last failure, so most workflows leave this out.',
					},
				]),
			],
		},
	],
};
